#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 and makes a role and database for the tests and the
# benchmark. Prints the DATABASE_URL to use as its last line. Safe to run again.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -qAt" <<'SQL' >/dev/null
SET client_min_messages TO warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'okno') THEN
    CREATE ROLE okno LOGIN PASSWORD 'okno';
  END IF;
END $$;
SELECT 'CREATE DATABASE okno_test OWNER okno' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'okno_test')\gexec
-- the benchmark flushes its seed before measuring (bench/server-bench.ts)
GRANT pg_checkpoint TO okno;
SQL
echo "postgres://okno:okno@127.0.0.1:5432/okno_test"
