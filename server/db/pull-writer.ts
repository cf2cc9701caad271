/**
 * How every okno transaction begins: it declares itself a possible writer of what devices
 * pull, before it has a transaction id, so pulls wait for it and for no other transaction
 * in the database (migrations/028_pull_horizon.sql says why that misses nothing). Builtins
 * only, so it runs before the migrations that define okno's own functions. The key
 * ('okno', its schema) is the one okno_pull_horizon() looks for: another okno in another
 * schema of the same database (a test's, a second tenant) holds no pull of this one back.
 */
export const PULL_WRITER_SQL = "SELECT pg_advisory_xact_lock_shared(1869311599, hashtext(current_schema()) & 2147483647), set_config('okno.pull_writer', 'on', true)";
