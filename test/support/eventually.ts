/**
 * Waits until `check` holds, polling; for effects that land elsewhere (the server's
 * database, a sync loop's status) and have no event to wait on.
 */
export async function eventually(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
