"""Applications of candidates to roles.

Revision ID: 013_candidate_applications
Revises: 001_initial_schema
"""
from alembic import op
import sqlalchemy as sa

revision = "013_candidate_applications"
down_revision = "001_initial_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "candidate_applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("role_id", sa.Integer, sa.ForeignKey("roles.id"), nullable=False),
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("candidates.id"), nullable=False),
        sa.Column("cv_text", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("candidate_applications")
