import { Socket } from 'node:net';
import { DataListeners, type PrinterTransport, TransportError } from './transport';

/** A network printer on its raw port (9100). */
export class TcpTransport implements PrinterTransport {
  readonly answers = true;
  private socket: Socket | null = null;
  private readonly data = new DataListeners();
  constructor(private readonly host: string, private readonly port: number, private readonly connectTimeoutMs = 5000) {}

  get description(): string {
    return `tcp:${this.host}:${this.port}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: Error) => { socket.destroy(); reject(new TransportError('unreachable', `${this.description}: ${error.message}`)); };
      socket.setTimeout(this.connectTimeoutMs, () => fail(new Error('no answer to connect')));
      socket.once('error', fail);
      socket.connect(this.port, this.host, () => {
        socket.setTimeout(0);
        socket.off('error', fail);
        socket.on('error', () => undefined); // a later error surfaces on write or as 'close'
        socket.setNoDelay(true);
        socket.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
        this.socket = socket;
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    return new Promise((resolve, reject) => socket.write(bytes, (error) => (error ? reject(new TransportError('closed', error.message)) : resolve())));
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.end(resolve));
  }
}
