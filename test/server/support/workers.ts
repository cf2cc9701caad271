import { readdirSync, readFileSync } from 'node:fs';
import { openSse } from './sse';

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

/**
 * A staff member's event stream from the workers of a server just started. The primary
 * says it listens as it forks; a worker still migrating answers 503 `starting`, so the
 * tablet asks for its ticket again, as a real one does.
 */
export async function openStaffStream(base: string, tablet: { token: string; session: string }): Promise<Awaited<ReturnType<typeof openSse>>> {
  // The stream may land on the other worker, still starting (503, the ticket unspent): a
  // tablet opens it again with a new ticket, and so does this.
  let last = 0;
  return until('a stream from a ready worker', async () => {
    const ticket = await until('a ticket from a ready worker', async () => {
      const res = await fetch(`${base}/api/v1/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${tablet.token}`, 'x-staff-session': tablet.session } });
      return res.status === 201 ? ((await res.json()) as { ticket: string }).ticket : undefined;
    });
    const stream = await openSse(`${base}/api/v1/events?ticket=${ticket}`);
    if (stream.status === 200) return stream;
    last = stream.status;
    stream.close();
    if (last !== 503) throw new Error(`the event stream answered ${last}`);
    return undefined;
  }).catch((error: Error) => { throw new Error(`${error.message} (the stream answered ${last} last)`); });
}
