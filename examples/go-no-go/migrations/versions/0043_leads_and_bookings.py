"""Leads and bookings, each belonging to an organisation.

Revision ID: 0043_leads_and_bookings
Revises:
"""
from alembic import op

revision = "0043_leads_and_bookings"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE leads (
          id serial PRIMARY KEY,
          org_id uuid NOT NULL,
          name text NOT NULL,
          email text
        )
        """
    )
    op.execute(
        """
        CREATE TABLE bookings (
          id serial PRIMARY KEY,
          org_id uuid NOT NULL,
          lead_id integer REFERENCES leads (id),
          starts_at timestamptz NOT NULL
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE bookings")
    op.execute("DROP TABLE leads")
