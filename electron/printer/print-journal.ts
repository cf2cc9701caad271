import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The print journal: one line of JSON per state change, appended and fsynced before the
 * next step, keyed by document id. queued → sent → confirmed | failed | unknown.
 * - "sent" found at start-up means the app died while printing: the paper may or may not
 *   be out, so it becomes "unknown" and is offered as a КОПИЯ, never resent silently.
 * - A half-written last line (power cut mid-append) is ignored; the state before it holds.
 * - Compaction keeps it from growing forever: at start, and after every COMPACT_EVERY
 *   appends, the file is rewritten with each document's last state, dropping documents
 *   confirmed longer than `retentionDays` ago. A document in doubt (unknown, failed, sent,
 *   queued) is never dropped, however old: staff still have to look at its paper.
 */
export type JournalState = 'queued' | 'sent' | 'confirmed' | 'failed' | 'unknown';
export type JournalEntry = { id: string; state: JournalState; at: string; copy: boolean; problem?: string };

export type JournalOptions = { now?: () => Date; retentionDays?: number };

/** Appends between compactions while the app runs (a busy kiosk prints a few hundred documents a day). */
export const COMPACT_EVERY = 5000;

export class PrintJournal {
  private appended = 0;

  private constructor(
    private file: FileHandle,
    private readonly path: string,
    private readonly entries: Map<string, JournalEntry>,
    private readonly options: Required<JournalOptions>,
  ) {}

  static async open(path: string, options: JournalOptions = {}): Promise<PrintJournal> {
    const settings = { now: options.now ?? (() => new Date()), retentionDays: options.retentionDays ?? 30 };
    const now = settings.now;
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
    const journal = new PrintJournal(await open(path, 'a'), path, entries, settings);
    // End a torn line, so the next entry starts on a line of its own.
    if (text && !text.endsWith('\n')) await journal.file.appendFile('\n');
    for (const entry of [...entries.values()]) {
      if (entry.state === 'sent') await journal.record(entry.id, 'unknown', { copy: entry.copy, problem: 'interrupted', at: now() });
    }
    await journal.compact();
    return journal;
  }

  /**
   * Rewrites the journal with each document's last state, without documents confirmed
   * more than the retention ago. Written to a new file, fsynced, then renamed over the
   * old one: a crash at any point leaves either the old journal or the new, whole.
   */
  async compact(): Promise<void> {
    const cutoff = this.options.now().getTime() - this.options.retentionDays * 86_400_000;
    for (const [id, entry] of this.entries) {
      if (entry.state === 'confirmed' && Date.parse(entry.at) < cutoff) this.entries.delete(id);
    }
    const next = `${this.path}.compacting`;
    const handle = await open(next, 'w');
    try {
      await handle.writeFile([...this.entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.file.close();
    await rename(next, this.path);
    const dir = await open(dirname(this.path), 'r');
    await dir.sync().catch(() => undefined).finally(() => dir.close());
    this.file = await open(this.path, 'a');
    this.appended = 0;
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
    if (++this.appended >= COMPACT_EVERY) await this.compact();
    return entry;
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
