-- Pulls that no unrelated transaction can freeze (issue 21).
--
-- Pulls page by change_xid, the id of the transaction that last wrote a row, and return
-- only rows older than a horizon before which no writer is still running. The horizon was
-- pg_snapshot_xmin: the oldest transaction still running ANYWHERE in the database, so a
-- batch job or a psql session left open with a write froze every device's pulls for as
-- long as it ran. Now only the transactions that may write what devices pull count:
--
-- * A writer of pulled rows declares itself before it has a transaction id, by taking a
--   shared advisory lock ('okno', its schema). Every okno transaction does so as it begins
--   (PULL_WRITER_SQL in server/db/pull-writer.ts); a single statement on a pulled table
--   (an operator's UPDATE in psql) is declared by the statement trigger below.
-- * The horizon is the oldest transaction id among the declared writers still running,
--   or, with none, the next transaction id to be given out (okno_pull_horizon()).
--
-- A writer's id is given out after it declares, so a writer the horizon does not see
-- either has finished (and a pull's next statement sees its rows) or will get an id past
-- the horizon (and a later pull returns its rows). A transaction that wrote something else
-- before it touched a pulled table, without declaring, is refused with a message: its id
-- could lie behind a horizon already passed.

CREATE FUNCTION okno_pull_write() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('okno.pull_writer', true) = 'on' THEN
    RETURN;
  END IF;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'okno: this transaction changes what devices pull after writing something else'
      USING HINT = 'Begin the transaction with SELECT okno_pull_write(); (docs/operations.md, "Editing data by hand").';
  END IF;
  -- ('okno', its schema): 1869311599 is 'okno' in ASCII. The same key as PULL_WRITER_SQL.
  PERFORM pg_advisory_xact_lock_shared(1869311599, hashtext(current_schema()) & 2147483647);
  PERFORM set_config('okno.pull_writer', 'on', true);
END $$;

CREATE FUNCTION okno_pull_write_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM okno_pull_write();
  RETURN NULL;
END $$;

-- Before the statement's first row (and its DEFAULT pg_current_xact_id()), so a statement
-- that is its own transaction declares itself before it has an id.
CREATE TRIGGER pickup_orders_pull_write BEFORE INSERT OR UPDATE OR DELETE ON pickup_orders
  FOR EACH STATEMENT EXECUTE FUNCTION okno_pull_write_check();
CREATE TRIGGER products_pull_write BEFORE INSERT OR UPDATE OR DELETE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION okno_pull_write_check();
CREATE TRIGGER customers_pull_write BEFORE INSERT OR UPDATE OR DELETE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION okno_pull_write_check();
CREATE TRIGGER ledger_entries_pull_write BEFORE INSERT OR UPDATE OR DELETE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION okno_pull_write_check();

-- The oldest id of a declared writer still running, else the snapshot's xmax (one past
-- the newest finished transaction: every id given out later is at least that). A running
-- transaction holds an exclusive lock on its own id, in its 32-bit form in pg_locks, made
-- whole against xmax: a running id lies within 2^31 of it, before or after (xmax is no
-- next-id: later transactions may be running). Read by a statement of its own, before the
-- pull's page queries (pull-horizon.ts says why).
CREATE FUNCTION okno_pull_horizon() RETURNS xid8 LANGUAGE sql VOLATILE AS $$
  WITH next AS (
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text::numeric AS id
  ), writers AS (
    SELECT pid FROM pg_locks
     WHERE locktype = 'advisory' AND classid = 1869311599 AND objid = (hashtext(current_schema()) & 2147483647)::oid
       AND objsubid = 2 AND granted
  ), ids AS (
    SELECT l.transactionid::text::numeric AS id32 FROM pg_locks l JOIN writers w ON w.pid = l.pid
     WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
  )
  SELECT least(next.id, min(next.id + mod(ids.id32 - mod(next.id, 4294967296) + 6442450944, 4294967296) - 2147483648))::text::xid8
    FROM next LEFT JOIN ids ON true
   GROUP BY next.id
$$;
