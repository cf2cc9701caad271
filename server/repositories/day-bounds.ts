/**
 * A branch's day as a range of instants, for a `branches` row in scope and the day in $3
 * (today in the branch's time zone when null): `day_start` and `day_end`. Compared as
 * `at >= day_start AND at < day_end`, a day's rows are found through an index on the time;
 * `(at AT TIME ZONE tz)::date = day` reads every row of every day to find them.
 */
export const dayBounds = (param: string) => `
  (coalesce(${param}::date, (now() AT TIME ZONE time_zone)::date)::timestamp AT TIME ZONE time_zone) AS day_start,
  ((coalesce(${param}::date, (now() AT TIME ZONE time_zone)::date) + 1)::timestamp AT TIME ZONE time_zone) AS day_end`;

/** `$3` as the day: the documents list's. */
export const DAY_BOUNDS = dayBounds('$3');

/** A UUID's text, strictly: what may be cast to uuid in SQL without an error (a CASE guards the cast). */
export const UUID_SQL_RE = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
