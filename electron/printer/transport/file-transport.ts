import { open, type FileHandle } from 'node:fs/promises';
import { type PrinterTransport, TransportError } from './transport';

/** Appends the raw bytes to a file (development, tests, a printer exposed as a device file). */
export class FileTransport implements PrinterTransport {
  readonly answers = false;
  private file: FileHandle | null = null;
  constructor(private readonly path: string) {}

  get description(): string {
    return `file:${this.path}`;
  }

  async open(): Promise<void> {
    try {
      this.file = await open(this.path, 'a');
    } catch (error) {
      throw new TransportError('unreachable', `${this.description}: ${(error as Error).message}`);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.file) throw new TransportError('closed', `${this.description} is not open`);
    await this.file.write(bytes);
    await this.file.sync();
  }

  onData(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.file?.close();
    this.file = null;
  }
}
