import type { PaperDocument } from '../../shared/documents';
import type { PrintJournal } from './print-journal';
import { printJob } from './print-job';
import type { PrinterProfile } from './profiles';
import { renderEscPos } from './render-escpos';
import type { PrinterTransport } from './transport/transport';

export type PrintOutcome =
  | { ok: true; paperNearEnd: boolean }
  /** this document was printed (or maybe printed) before: only an explicit КОПИЯ prints it again */
  | { ok: false; code: 'already-printed' | 'maybe-printed' }
  | { ok: false; code: 'paper-out' | 'cover-open' | 'offline' | 'no-answer' | 'unknown'; phase: 'before' | 'during' };

/**
 * Prints a document once, through the journal. A document already confirmed, or whose
 * print is in doubt, is not printed again unless `copy` is asked for; a copy is the whole
 * document marked КОПИЯ. Each state is on disk before the next step.
 */
export async function printDocument(
  deps: { journal: PrintJournal; transport: PrinterTransport; profile: PrinterProfile },
  document: PaperDocument,
  options: { copy?: boolean; large?: boolean; answerTimeoutMs?: number; printGraceMs?: number } = {},
): Promise<PrintOutcome> {
  const previous = deps.journal.get(document.id);
  if (!options.copy && previous?.state === 'confirmed') return { ok: false, code: 'already-printed' };
  if (!options.copy && (previous?.state === 'unknown' || previous?.state === 'sent')) return { ok: false, code: 'maybe-printed' };
  const copy = Boolean(options.copy) || previous?.state === 'failed' && previous.problem !== undefined && previous.problem.startsWith('during:');
  const bytes = renderEscPos({ ...document, copy }, deps.profile, { large: options.large ?? false });
  await deps.journal.record(document.id, 'queued', { copy });
  await deps.journal.record(document.id, 'sent', { copy });
  const outcome = await printJob(deps.transport, bytes, {
    ...(options.answerTimeoutMs ? { answerTimeoutMs: options.answerTimeoutMs } : {}),
    ...(options.printGraceMs ? { printGraceMs: options.printGraceMs } : {}),
  });
  if (outcome.ok) {
    await deps.journal.record(document.id, 'confirmed', { copy });
    return outcome;
  }
  if (outcome.phase === 'before') {
    await deps.journal.record(document.id, 'failed', { copy, problem: `before:${outcome.code}` });
    return { ok: false, code: outcome.code, phase: 'before' };
  }
  // Part of it may be on paper: after the fix it is printed whole again, as a КОПИЯ.
  await deps.journal.record(document.id, outcome.code === 'unknown' ? 'unknown' : 'failed', { copy, problem: `during:${outcome.code}` });
  return { ok: false, code: outcome.code, phase: 'during' };
}
