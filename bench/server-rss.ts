import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory, in bytes, of the process `root` and its children whose command line names `command` (a server's workers). */
export function serverRss(root: number, command: string): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if ((Number(pid) === root || ppid === root) && cmd.includes(command)) kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb * 1024;
}
