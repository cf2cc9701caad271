import { readdirSync, readFileSync } from 'node:fs';

/** The server's workers: the processes whose parent is `pid` and that run the CLI (tsx also starts an esbuild child). */
export function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('server/cli.ts');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Asks `probe` every 100 ms until it gives a value, or fails naming what it waited for. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
