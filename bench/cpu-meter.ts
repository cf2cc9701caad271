import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the processes in a benchmark, read from /proc, so a run can say where each
 * transaction's cost went (PostgreSQL, the server, the load generator). Throughput on a
 * shared 2-core machine swings ±15 % between runs; CPU per transaction swings far less,
 * which is what makes small changes measurable. Off Linux, or without permission to read
 * PostgreSQL's processes, the figures it cannot read are null.
 */
export type CpuSample = { postgres: number | null; server: number | null; loadgen: number; idle: number | null; all: number | null };

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces; fields after it are fixed
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

/** The server and, when it runs workers, its child processes. */
function treeTicks(root: number): number | null {
  const own = ticksOf(String(root));
  if (own === null) return null;
  let total = own;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === root) total += ticksOf(pid) ?? 0;
      } catch {
        continue;
      }
    }
  } catch {
    return own;
  }
  return total;
}

function postgresMs(): number | null {
  try {
    let total = 0;
    let seen = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let comm: string;
      try {
        comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        continue;
      }
      if (comm !== 'postgres') continue;
      const ticks = ticksOf(pid);
      if (ticks !== null) {
        total += ticks;
        seen++;
      }
    }
    return seen ? total * TICK_MS : null;
  } catch {
    return null;
  }
}

/** The machine's idle and total time over all cores, from the first line of /proc/stat. */
function machineTicks(): { idle: number; all: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { idle: fields[3]! + fields[4]!, all: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

export function sampleCpu(serverPid: number | undefined): CpuSample {
  const server = serverPid === undefined ? null : treeTicks(serverPid);
  const own = process.cpuUsage();
  const machine = machineTicks();
  return {
    postgres: postgresMs(),
    server: server === null ? null : server * TICK_MS,
    loadgen: (own.user + own.system) / 1000,
    idle: machine?.idle ?? null,
    all: machine?.all ?? null,
  };
}

/** µs of CPU per unit of work between two samples, per process group. */
export function cpuPerUnit(before: CpuSample, after: CpuSample, units: number): string {
  const per = (a: number | null, b: number | null) => (a === null || b === null ? 'n/a' : `${Math.round(((b - a) * 1000) / units)} µs`);
  const idle =
    before.idle === null || after.idle === null || before.all === null || after.all === null || after.all === before.all
      ? ''
      : `; the machine was ${Math.round((100 * (after.idle - before.idle)) / (after.all - before.all))} % idle`;
  return `PostgreSQL ${per(before.postgres, after.postgres)}, server ${per(before.server, after.server)}, load generator ${per(before.loadgen, after.loadgen)}${idle}`;
}
