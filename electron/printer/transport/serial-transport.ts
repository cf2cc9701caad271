import { SerialPort } from 'serialport';
import { DataListeners, type PrinterTransport, TransportError } from './transport';

export type FlowControl = 'none' | 'rtscts' | 'xonxoff';

/** A printer on a serial port (or a USB printer exposed as one), through serialport 13. */
export class SerialTransport implements PrinterTransport {
  readonly answers = true;
  private port: SerialPort | null = null;
  private readonly data = new DataListeners();
  constructor(private readonly path: string, private readonly baudRate: number, private readonly flowControl: FlowControl = 'none') {}

  get description(): string {
    return `serial:${this.path}?baud=${this.baudRate}${this.flowControl === 'none' ? '' : `&flow=${this.flowControl}`}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path: this.path, baudRate: this.baudRate, autoOpen: false,
        rtscts: this.flowControl === 'rtscts', xon: this.flowControl === 'xonxoff', xoff: this.flowControl === 'xonxoff',
      });
      port.open((error) => {
        if (error) return reject(new TransportError('unreachable', `${this.description}: ${error.message}`));
        port.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
        port.on('error', () => undefined);
        this.port = port;
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new TransportError('closed', `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) return reject(new TransportError('closed', error.message));
        port.drain((drainError) => (drainError ? reject(new TransportError('closed', drainError.message)) : resolve()));
      });
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
