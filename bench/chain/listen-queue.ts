import { readFileSync } from 'node:fs';

/**
 * The kernel's count of connections its listen queues had no room for (TcpExt
 * ListenOverflows in /proc/net/netstat, the whole machine's): each is a device's
 * connection that waited for a SYN retransmission or, once the queue stayed full, was
 * reset. Null off Linux.
 */
export function listenOverflows(): number | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    const at = names.indexOf('ListenOverflows');
    return at > 0 ? Number(values[at]) : null;
  } catch {
    return null;
  }
}
