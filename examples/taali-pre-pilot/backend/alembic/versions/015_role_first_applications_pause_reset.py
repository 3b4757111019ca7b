"""Role-first applications and assessment pause: resets pre-pilot data.

Runbook 000, "Critical Warning": this migration is intentionally destructive. It deletes
every row of assessments, candidate_applications and candidates, because assessments
now belong to an application (role-first flow) and existing rows have none.

Revision ID: 015_role_first_applications_pause_reset
Revises: 014_role_tasks
"""
from alembic import op
import sqlalchemy as sa

revision = "015_role_first_applications_pause_reset"
down_revision = "014_role_tasks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM assessments")
    op.execute("DELETE FROM candidate_applications")
    op.execute("DELETE FROM candidates")
    op.add_column(
        "assessments",
        sa.Column("application_id", sa.Integer, sa.ForeignKey("candidate_applications.id"), nullable=False),
    )
    op.add_column("assessments", sa.Column("paused_at", sa.DateTime(timezone=True)))
    op.add_column("assessments", sa.Column("pause_reason", sa.Text))
    op.add_column("candidate_applications", sa.Column("cv_uploaded_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("candidate_applications", "cv_uploaded_at")
    op.drop_column("assessments", "pause_reason")
    op.drop_column("assessments", "paused_at")
    op.drop_column("assessments", "application_id")
