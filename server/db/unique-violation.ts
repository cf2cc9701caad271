/**
 * The one place that recognises PostgreSQL's unique_violation (SQLSTATE 23505), the same
 * from node-postgres and PGlite. Optionally only for one constraint, by name.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
