"""Row level security: each organisation sees only its own leads and bookings.

Runbook 003, "RLS policies present": the policies of 0044_postgres_rls_org_isolation,
named *_org_isolation, keyed on the session setting app.current_org_id.

Revision ID: 0044_postgres_rls_org_isolation
Revises: 0043_leads_and_bookings
"""
from alembic import op

revision = "0044_postgres_rls_org_isolation"
down_revision = "0043_leads_and_bookings"
branch_labels = None
depends_on = None

TABLES = ("leads", "bookings")


def upgrade() -> None:
    op.execute("ALTER TABLE leads ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY leads_org_isolation ON leads "
        "USING (org_id = nullif(current_setting('app.current_org_id', true), '')::uuid)"
    )
    op.execute("ALTER TABLE bookings ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY bookings_org_isolation ON bookings "
        "USING (org_id = nullif(current_setting('app.current_org_id', true), '')::uuid)"
    )


def downgrade() -> None:
    op.execute("DROP POLICY bookings_org_isolation ON bookings")
    op.execute("ALTER TABLE bookings DISABLE ROW LEVEL SECURITY")
    op.execute("DROP POLICY leads_org_isolation ON leads")
    op.execute("ALTER TABLE leads DISABLE ROW LEVEL SECURITY")
