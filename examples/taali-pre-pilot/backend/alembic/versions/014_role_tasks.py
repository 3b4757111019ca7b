"""Tasks that belong to a role.

Revision ID: 014_role_tasks
Revises: 013_candidate_applications
"""
from alembic import op
import sqlalchemy as sa

revision = "014_role_tasks"
down_revision = "013_candidate_applications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "role_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("role_id", sa.Integer, sa.ForeignKey("roles.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("role_tasks")
