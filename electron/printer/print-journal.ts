import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The print journal: one line of JSON per state change, appended and fsynced before the
 * next step, keyed by document id. queued → sent → confirmed | failed | unknown.
 * - "sent" found at start-up means the app died while printing: the paper may or may not
 *   be out, so it becomes "unknown" and is offered as a КОПИЯ, never resent silently.
 * - A half-written last line (power cut mid-append) is ignored; the state before it holds.
 */
export type JournalState = 'queued' | 'sent' | 'confirmed' | 'failed' | 'unknown';
export type JournalEntry = { id: string; state: JournalState; at: string; copy: boolean; problem?: string };

export class PrintJournal {
  private constructor(private readonly file: FileHandle, private readonly entries: Map<string, JournalEntry>) {}

  static async open(path: string, now = () => new Date()): Promise<PrintJournal> {
    await mkdir(dirname(path), { recursive: true });
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const entries = new Map<string, JournalEntry>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as JournalEntry;
        entries.set(entry.id, entry);
      } catch {
        // a torn line from a crash mid-append: the previous state of that document stands
      }
    }
    const journal = new PrintJournal(await open(path, 'a'), entries);
    // End a torn line, so the next entry starts on a line of its own.
    if (text && !text.endsWith('\n')) await journal.file.appendFile('\n');
    for (const entry of [...entries.values()]) {
      if (entry.state === 'sent') await journal.record(entry.id, 'unknown', { copy: entry.copy, problem: 'interrupted', at: now() });
    }
    return journal;
  }

  get(id: string): JournalEntry | undefined {
    return this.entries.get(id);
  }

  /** Documents whose paper is in doubt or missing: for staff, and for a КОПИЯ on request. */
  needingAttention(): JournalEntry[] {
    return [...this.entries.values()].filter((e) => e.state === 'unknown' || e.state === 'failed');
  }

  async record(id: string, state: JournalState, extra: { copy?: boolean; problem?: string; at?: Date } = {}): Promise<JournalEntry> {
    const entry: JournalEntry = { id, state, at: (extra.at ?? new Date()).toISOString(), copy: extra.copy ?? false, ...(extra.problem ? { problem: extra.problem } : {}) };
    await this.file.appendFile(`${JSON.stringify(entry)}\n`);
    await this.file.sync();
    this.entries.set(id, entry);
    return entry;
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
