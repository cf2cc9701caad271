import type { PrinterTransport } from './transport/transport';

/** What a printer can say about itself; `DLE EOT n` answers even when it is offline. */
export type PrinterProblem = 'offline' | 'cover-open' | 'paper-out' | 'no-answer';

export type JobOutcome =
  /** GS r answered after everything before it was processed: the paper is out */
  | { ok: true; paperNearEnd: boolean }
  /** nothing was sent: the problem was there before the job */
  | { ok: false; phase: 'before'; problem: PrinterProblem }
  /** the job was sent and did not finish: reprint it whole, marked КОПИЯ, once fixed */
  | { ok: false; phase: 'during'; problem: PrinterProblem | 'unknown' };

const DLE_EOT = (n: number) => new Uint8Array([0x10, 0x04, n]);
const GS_R_PAPER = new Uint8Array([0x1d, 0x72, 0x01]);

export type PrinterStatus = { problem: PrinterProblem | null; paperNearEnd: boolean };

/**
 * One print job with the ESC/POS status protocol of printing.md: status before (refuse on
 * offline, cover open, paper end), the job, then `GS r 1` as the completion marker — a
 * write callback only means the bytes left the PC. No answer in time: ask the status
 * again to say why, or "unknown" (maybe printed: offer a КОПИЯ, never resend silently).
 */
export async function printJob(transport: PrinterTransport, job: Uint8Array, options: { answerTimeoutMs?: number; baudRate?: number; printGraceMs?: number } = {}): Promise<JobOutcome> {
  const answerTimeoutMs = options.answerTimeoutMs ?? 1500;
  if (!transport.answers) {
    await transport.write(job);
    return { ok: true, paperNearEnd: false };
  }
  // A connection that breaks (a printer switched off, a cable pulled) is a printer problem,
  // not a crash: before the job nothing was sent; after the first job byte, maybe something was.
  let before: PrinterStatus;
  try {
    before = await readStatus(transport, answerTimeoutMs);
  } catch {
    return { ok: false, phase: 'before', problem: 'offline' };
  }
  if (before.problem) return { ok: false, phase: 'before', problem: before.problem };
  try {
    await transport.write(job);
    // The printer answers GS r once the job is printed: allow for the wire time at its baud
    // and the mechanism (a long receipt takes a few seconds at 150 mm/s).
    const wireMs = options.baudRate ? (job.length * 10 * 1000) / options.baudRate : 0;
    const done = await ask(transport, GS_R_PAPER, answerTimeoutMs + wireMs * 2 + (options.printGraceMs ?? 5000));
    if (done !== null) return { ok: true, paperNearEnd: (done & 0x0c) !== 0 || before.paperNearEnd };
    const after = await readStatus(transport, answerTimeoutMs);
    return { ok: false, phase: 'during', problem: after.problem === 'no-answer' || !after.problem ? 'unknown' : after.problem };
  } catch {
    return { ok: false, phase: 'during', problem: 'unknown' };
  }
}

/** DLE EOT 1, 2 and 4: offline, its cause, and the paper sensor. */
export async function readStatus(transport: PrinterTransport, timeoutMs: number): Promise<PrinterStatus> {
  const printer = await ask(transport, DLE_EOT(1), timeoutMs);
  if (printer === null) return { problem: 'no-answer', paperNearEnd: false };
  const cause = (await ask(transport, DLE_EOT(2), timeoutMs)) ?? 0;
  const paper = (await ask(transport, DLE_EOT(4), timeoutMs)) ?? 0;
  const paperNearEnd = (paper & 0x0c) !== 0;
  if ((cause & 0x04) !== 0) return { problem: 'cover-open', paperNearEnd };
  if ((paper & 0x60) !== 0 || (cause & 0x20) !== 0) return { problem: 'paper-out', paperNearEnd };
  if ((printer & 0x08) !== 0) return { problem: 'offline', paperNearEnd };
  return { problem: null, paperNearEnd };
}

/** Sends a request and waits for the one byte it is answered with, or null. */
function ask(transport: PrinterTransport, request: Uint8Array, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); resolve(null); }, timeoutMs);
    const stop = transport.onData((bytes) => {
      if (bytes.length === 0) return;
      clearTimeout(timer);
      stop();
      resolve(bytes[0]!);
    });
    transport.write(request).catch((error: unknown) => { clearTimeout(timer); stop(); reject(error); });
  });
}
