/** A byte pipe to a printer. Answers (status bytes) arrive through `onData`. */
export interface PrinterTransport {
  readonly description: string;
  open(): Promise<void>;
  /** resolves when the bytes have left this computer (not when paper came out) */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): () => void;
  close(): Promise<void>;
  /** false for a file: nothing can answer, so a job is confirmed once written */
  readonly answers: boolean;
}

/** Expected transport failures, as values the kiosk words for people. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(readonly code: 'unreachable' | 'closed', message: string) {
    super(message);
  }
}

/** Listeners for incoming bytes, shared by the transports. */
export class DataListeners {
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();
  add(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(bytes: Uint8Array): void {
    for (const l of this.listeners) l(bytes);
  }
}
