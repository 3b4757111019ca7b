"""Alembic environment of the TAALI backend (runbook 000).

The URL comes from DATABASE_URL. Alembic's own version table is VARCHAR(32), and this
project's revision ids are longer (`015_role_first_applications_pause_reset` has 39
characters), so the table is created here first with room for them.
"""
import os

from alembic import context
from sqlalchemy import create_engine, pool, text

VERSION_TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS alembic_version ("
    "version_num VARCHAR(128) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("DATABASE_URL is not set")
    # SQLAlchemy wants the driver's scheme; psql-style URLs work elsewhere.
    return url.replace("postgres://", "postgresql://", 1)


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=None, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def changes_database() -> bool:
    """True for upgrade, downgrade and stamp; `alembic current` must not write."""
    cmd = getattr(getattr(context.config, "cmd_opts", None), "cmd", None)
    name = getattr(cmd[0], "__name__", "") if cmd else ""
    return name in ("upgrade", "downgrade", "stamp")


def run_migrations_online() -> None:
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        if changes_database():
            connection.execute(text(VERSION_TABLE_DDL))
            connection.commit() if hasattr(connection, "commit") else None
        context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
