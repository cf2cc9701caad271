import { FileTransport } from './file-transport';
import { type FlowControl, SerialTransport } from './serial-transport';
import { TcpTransport } from './tcp-transport';
import type { PrinterTransport } from './transport';

export type TransportSpec =
  | { kind: 'serial'; path: string; baudRate: number; flowControl: FlowControl }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string };

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200];

/**
 * "serial:/dev/ttyUSB0?baud=19200&flow=rtscts", "tcp:192.168.1.50:9100" or "file:out.bin".
 * A mistake is a value that says what was expected, for the installer's eyes.
 */
export function parseTransport(text: string): { ok: true; spec: TransportSpec } | { ok: false; code: 'invalid-transport'; detail: string } {
  const [kind, ...rest] = text.split(':');
  const body = rest.join(':');
  if (kind === 'file' && body) return { ok: true, spec: { kind: 'file', path: body } };
  if (kind === 'tcp') {
    const match = /^([^:]+):(\d{1,5})$/.exec(body);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) return { ok: false, code: 'invalid-transport', detail: `transport "${text}": expected tcp:<host>:<port>, e.g. tcp:192.168.1.50:9100` };
    return { ok: true, spec: { kind: 'tcp', host: match[1]!, port } };
  }
  if (kind === 'serial') {
    const [path, query = ''] = body.split('?');
    const params = new URLSearchParams(query);
    const baudRate = Number(params.get('baud') ?? 19200);
    const flow = params.get('flow') ?? 'none';
    if (!path) return { ok: false, code: 'invalid-transport', detail: `transport "${text}": expected serial:<path>?baud=<rate>, e.g. serial:/dev/ttyUSB0?baud=19200` };
    if (!BAUD_RATES.includes(baudRate)) return { ok: false, code: 'invalid-transport', detail: `transport "${text}": baud must be one of ${BAUD_RATES.join(', ')}` };
    if (!['none', 'rtscts', 'xonxoff'].includes(flow)) return { ok: false, code: 'invalid-transport', detail: `transport "${text}": flow must be none, rtscts or xonxoff` };
    return { ok: true, spec: { kind: 'serial', path, baudRate, flowControl: flow as FlowControl } };
  }
  return { ok: false, code: 'invalid-transport', detail: `transport "${text}": expected serial:<path>?baud=<rate>, tcp:<host>:<port> or file:<path>` };
}

export function createTransport(spec: TransportSpec): PrinterTransport {
  switch (spec.kind) {
    case 'serial': return new SerialTransport(spec.path, spec.baudRate, spec.flowControl);
    case 'tcp': return new TcpTransport(spec.host, spec.port);
    case 'file': return new FileTransport(spec.path);
  }
}
