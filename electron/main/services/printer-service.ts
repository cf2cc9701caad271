import type { PaperDocument } from '../../../shared/documents';
import type { DocumentPrintOutcome, PrinterStatus } from '../../../shared/protocol/ipc';
import { type PrintOutcome, printDocument } from '../../printer/print-document';
import { readStatus } from '../../printer/print-job';
import type { PrintJournal } from '../../printer/print-journal';
import type { PrinterProfile } from '../../printer/profiles';
import type { PrinterTransport } from '../../printer/transport/transport';

export type PrinterServiceOptions = {
  /** makes a fresh connection: after a power cycle the old one is dead */
  connect(): PrinterTransport;
  journal: PrintJournal;
  profile: PrinterProfile;
  baudRate?: number;
  large?: boolean;
  answerTimeoutMs?: number;
  log(line: string): void;
  /** called when the printer's state changes, for the page (customer words) and staff */
  onStatus?(status: PrinterStatus): void;
};

/**
 * The kiosk's one printer, in the main process. Jobs run one at a time in the order asked.
 * A connection is opened when needed and dropped whenever the printer stops answering, so
 * the next job opens it again and re-initialises the printer (every job starts with ESC @
 * and its code page): a printer that was switched off and on prints the next receipt.
 */
export class PrinterService {
  private transport: PrinterTransport | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private last: PrinterStatus | null = null;

  constructor(private readonly options: PrinterServiceOptions) {}

  /** Prints in order; after the first failure the rest are not printed, so paper stays in order. */
  print(documents: PaperDocument[], copy: boolean): Promise<{ results: { id: string; outcome: DocumentPrintOutcome }[] }> {
    return this.serial(async () => {
      const results: { id: string; outcome: DocumentPrintOutcome }[] = [];
      let stopped = false;
      for (const document of documents) {
        if (stopped) {
          results.push({ id: document.id, outcome: { ok: false, code: 'not-printed' } });
          continue;
        }
        const outcome = await this.printOne(document, copy);
        results.push({ id: document.id, outcome });
        if (!outcome.ok && outcome.code !== 'already-printed') stopped = true;
      }
      return { results };
    });
  }

  status(): Promise<PrinterStatus> {
    return this.serial(async () => {
      const transport = await this.connection();
      if (!transport) return this.report({ problem: 'offline', paperNearEnd: false });
      if (!transport.answers) return this.report({ problem: null, paperNearEnd: false });
      const status = await readStatus(transport, this.options.answerTimeoutMs ?? 1500).catch(() => ({ problem: 'offline' as const, paperNearEnd: false }));
      if (status.problem === 'no-answer' || status.problem === 'offline') await this.disconnect();
      return this.report(status);
    });
  }

  async close(): Promise<void> {
    await this.serial(() => this.disconnect());
  }

  private async printOne(document: PaperDocument, copy: boolean): Promise<DocumentPrintOutcome> {
    let outcome = await this.attempt(document, copy);
    // A connection kept from an earlier job may have died with a power cycle: one retry on
    // a fresh one. Only when nothing was sent ("before"), so nothing can print twice.
    if (outcome === 'reused-connection-failed') {
      await this.disconnect();
      outcome = await this.attempt(document, copy);
    }
    if (outcome === 'reused-connection-failed' || outcome === 'unreachable') {
      await this.disconnect();
      // On the journal too, so staff see the document that is still owed to the customer.
      await this.options.journal.record(document.id, 'failed', { copy, problem: 'before:offline' });
      this.report({ problem: 'offline', paperNearEnd: false });
      return { ok: false, code: 'offline', phase: 'before' };
    }
    if (outcome.ok) {
      this.report({ problem: null, paperNearEnd: outcome.paperNearEnd });
      return outcome;
    }
    if (!('phase' in outcome)) return outcome; // already printed, or maybe: only a КОПИЯ prints it again
    this.options.log(`printer: document ${document.id} (${document.type}) not printed: ${outcome.code} ${outcome.phase}`);
    if (outcome.code === 'no-answer' || outcome.code === 'unknown' || outcome.code === 'offline') await this.disconnect();
    const problem = outcome.code === 'unknown' ? 'no-answer' : outcome.code;
    this.report({ problem, paperNearEnd: false });
    return outcome;
  }

  private async attempt(document: PaperDocument, copy: boolean): Promise<PrintOutcome | 'unreachable' | 'reused-connection-failed'> {
    const reused = this.transport !== null;
    const transport = await this.connection();
    if (!transport) return 'unreachable';
    const outcome = await printDocument(
      { journal: this.options.journal, transport, profile: this.options.profile },
      document,
      { copy, large: this.options.large ?? false, ...(this.options.answerTimeoutMs ? { answerTimeoutMs: this.options.answerTimeoutMs } : {}) },
    );
    const deadBefore = !outcome.ok && 'phase' in outcome && outcome.phase === 'before' && (outcome.code === 'offline' || outcome.code === 'no-answer');
    return deadBefore && reused ? 'reused-connection-failed' : outcome;
  }

  private async connection(): Promise<PrinterTransport | null> {
    if (this.transport) return this.transport;
    const transport = this.options.connect();
    try {
      await transport.open();
    } catch (error) {
      this.options.log(`printer: cannot open ${transport.description}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    this.transport = transport;
    return transport;
  }

  private async disconnect(): Promise<void> {
    const transport = this.transport;
    this.transport = null;
    await transport?.close().catch(() => undefined);
  }

  private report(status: PrinterStatus): PrinterStatus {
    if (this.last?.problem !== status.problem || this.last.paperNearEnd !== status.paperNearEnd) {
      this.last = status;
      this.options.onStatus?.(status);
    }
    return status;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
