import { PrinterAnswers } from './answers';
import type { PrinterTransport } from './transport/transport';

/** What a printer can say about itself; `DLE EOT n` answers even when it is offline. */
export type PrinterProblem = 'offline' | 'cover-open' | 'paper-out' | 'no-answer';

export type JobOutcome =
  /** GS r answered after everything before it was processed: the paper is out */
  | { ok: true; paperNearEnd: boolean }
  /** nothing was sent: the problem was there before the job */
  | { ok: false; phase: 'before'; code: PrinterProblem }
  /** the job was sent and did not finish: reprint it whole, marked КОПИЯ, once fixed */
  | { ok: false; phase: 'during'; code: PrinterProblem | 'unknown' };

const DLE_EOT = (n: number) => new Uint8Array([0x10, 0x04, n]);
const GS_R_PAPER = new Uint8Array([0x1d, 0x72, 0x01]);
/** GS a: report online/offline, errors (cover) and the paper sensor by itself during a job */
const ASB_ON = new Uint8Array([0x1d, 0x61, 0x0e]);
const ASB_OFF = new Uint8Array([0x1d, 0x61, 0x00]);
/** DLE ENQ 2: clear the printer's buffers, so the rest of a stopped job never prints after the fix */
const CLEAR_BUFFERS = new Uint8Array([0x10, 0x05, 0x02]);

export type PrinterStatus = { problem: PrinterProblem | null; paperNearEnd: boolean };

/**
 * One print job with the ESC/POS status protocol of printing.md: status before (refuse on
 * offline, cover open, paper end), automatic status back on for the job (the printer says
 * at once when the paper runs out or the cover opens), the job, then `GS r 1` as the
 * completion marker — a write callback only means the bytes left the PC. A job stopped by
 * the printer has its buffer cleared, so it is reprinted whole (КОПИЯ) rather than finished
 * half. No answer in time: ask the status again to say why, or "unknown" (maybe printed:
 * offer a КОПИЯ, never resend silently).
 */
export async function printJob(transport: PrinterTransport, job: Uint8Array, options: { answerTimeoutMs?: number; baudRate?: number; printGraceMs?: number } = {}): Promise<JobOutcome> {
  const answerTimeoutMs = options.answerTimeoutMs ?? 1500;
  if (!transport.answers) {
    await transport.write(job);
    return { ok: true, paperNearEnd: false };
  }
  const answers = new PrinterAnswers(transport);
  try {
    // A connection that breaks (a printer switched off, a cable pulled) is a printer problem,
    // not a crash: before the job nothing was sent; after the first job byte, maybe something was.
    let before: PrinterStatus;
    try {
      before = await statusOf(answers, answerTimeoutMs);
    } catch {
      return { ok: false, phase: 'before', code: 'offline' };
    }
    if (before.problem) return { ok: false, phase: 'before', code: before.problem };
    try {
      let stoppedBy: (problem: PrinterProblem) => void = () => {};
      const stopped = new Promise<PrinterProblem>((resolve) => { stoppedBy = resolve; });
      answers.onAutoStatus((s) => {
        // Offline alone can be a moment (the feed button); a cover or paper fault stops the job.
        const problem = s.coverOpen ? 'cover-open' : s.paperOut ? 'paper-out' : null;
        if (problem) stoppedBy(problem);
      });
      await transport.write(ASB_ON);
      await transport.write(job);
      // The printer answers GS r once the job is printed: allow for the wire time at its baud
      // and the mechanism (a long receipt takes a few seconds at 150 mm/s).
      const wireMs = options.baudRate ? (job.length * 10 * 1000) / options.baudRate : 0;
      const done = await Promise.race([
        answers.ask(GS_R_PAPER, answerTimeoutMs + wireMs * 2 + (options.printGraceMs ?? 5000)),
        stopped,
      ]);
      if (typeof done === 'number') {
        await transport.write(ASB_OFF);
        return { ok: true, paperNearEnd: (done & 0x0c) !== 0 || before.paperNearEnd };
      }
      if (typeof done === 'string') {
        await transport.write(CLEAR_BUFFERS);
        await transport.write(ASB_OFF);
        return { ok: false, phase: 'during', code: done };
      }
      const after = await statusOf(answers, answerTimeoutMs);
      if (after.problem && after.problem !== 'no-answer') await transport.write(CLEAR_BUFFERS);
      return { ok: false, phase: 'during', code: after.problem === 'no-answer' || !after.problem ? 'unknown' : after.problem };
    } catch {
      return { ok: false, phase: 'during', code: 'unknown' };
    }
  } finally {
    answers.close();
  }
}

/** DLE EOT 1, 2 and 4: offline, its cause, and the paper sensor. */
export async function readStatus(transport: PrinterTransport, timeoutMs: number): Promise<PrinterStatus> {
  const answers = new PrinterAnswers(transport);
  try {
    return await statusOf(answers, timeoutMs);
  } finally {
    answers.close();
  }
}

async function statusOf(answers: PrinterAnswers, timeoutMs: number): Promise<PrinterStatus> {
  const printer = await answers.ask(DLE_EOT(1), timeoutMs);
  if (printer === null) return { problem: 'no-answer', paperNearEnd: false };
  const cause = (await answers.ask(DLE_EOT(2), timeoutMs)) ?? 0;
  const paper = (await answers.ask(DLE_EOT(4), timeoutMs)) ?? 0;
  const paperNearEnd = (paper & 0x0c) !== 0;
  if ((cause & 0x04) !== 0) return { problem: 'cover-open', paperNearEnd };
  if ((paper & 0x60) !== 0 || (cause & 0x20) !== 0) return { problem: 'paper-out', paperNearEnd };
  if ((printer & 0x08) !== 0) return { problem: 'offline', paperNearEnd };
  return { problem: null, paperNearEnd };
}
