import type { PrinterTransport } from './transport/transport';

/** A printer's own report of a change (GS a, automatic status back). */
export type AutoStatus = { offline: boolean; coverOpen: boolean; paperOut: boolean; paperNearEnd: boolean };

/**
 * What comes back from an ESC/POS printer, one byte stream with two kinds of message:
 * - replies of one byte to DLE EOT n (bit pattern 0xx1xx10) and GS r n (0xx0xxxx), in the
 *   order they were asked;
 * - automatic status back, four bytes, the first matching 0xx1xx00, sent whenever the
 *   printer's state changes while GS a is on.
 * The first-byte patterns never overlap, so the stream can be split without guessing.
 */
export class PrinterAnswers {
  private asb: number[] | null = null;
  private readonly waiting: ((byte: number) => void)[] = [];
  private readonly listeners = new Set<(status: AutoStatus) => void>();
  private readonly stop: () => void;

  constructor(private readonly transport: PrinterTransport) {
    this.stop = transport.onData((bytes) => { for (const byte of bytes) this.take(byte); });
  }

  /** Sends a request and waits for its one-byte reply, or null after `timeoutMs`. */
  ask(request: Uint8Array, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const waiter = (byte: number) => { clearTimeout(timer); resolve(byte); };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(null);
      }, timeoutMs);
      this.waiting.push(waiter);
      this.transport.write(request).catch((error: unknown) => {
        clearTimeout(timer);
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(error);
      });
    });
  }

  onAutoStatus(listener: (status: AutoStatus) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  close(): void {
    this.stop();
  }

  private take(byte: number): void {
    if (this.asb) {
      this.asb.push(byte);
      if (this.asb.length === 4) {
        const [first, , third] = this.asb as [number, number, number, number];
        this.asb = null;
        const status = { offline: (first & 0x08) !== 0, coverOpen: (first & 0x20) !== 0, paperOut: (third & 0x0c) !== 0, paperNearEnd: (third & 0x03) !== 0 };
        for (const listener of this.listeners) listener(status);
      }
      return;
    }
    if ((byte & 0x93) === 0x10) {
      this.asb = [byte];
      return;
    }
    this.waiting.shift()?.(byte);
  }
}
