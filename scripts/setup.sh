#!/usr/bin/env bash
# Set-up for a fresh Debian machine: the Debian packages the tests use (PostgreSQL for the
# backup, restore-drill and sql checks; the real migration tools alembic and sqitch;
# Prometheus for the monitor gate), then the npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v pg_dump >/dev/null 2>&1 || need_apt+=(postgresql-client)
# alembic runs with Debian's python3 (/usr/bin/python3), which sees python3-psycopg2.
command -v alembic >/dev/null 2>&1 || need_apt+=(alembic)
/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1 || need_apt+=(python3-psycopg2)
command -v sqitch >/dev/null 2>&1 || need_apt+=(sqitch)
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${need_apt[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
