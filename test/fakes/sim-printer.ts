/**
 * A simulated ESC/POS printer for tests: it takes the bytes a printer would, keeps what
 * it "prints", and answers the real-time status requests (DLE EOT 1/2/4), the
 * completion marker (GS r 1) and, once GS a turns it on, reports every change of its state
 * by itself (automatic status back), as printing.md describes. DLE ENQ 2 clears its
 * buffer. Faults can be switched on: out of
 * paper (from the start, or after some bytes of a job), cover open, no answers at all,
 * going silent after some answers (a printer that hangs mid-job), and a power cycle that
 * loses whatever was not printed yet.
 */
export type SimFaults = { paperOut: boolean; paperOutAfterBytes: number | null; coverOpen: boolean; coverOpenAfterBytes: number | null; silent: boolean; silentAfterAnswers: number | null; nearEnd: boolean };

export class SimPrinter {
  readonly faults: SimFaults = { paperOut: false, paperOutAfterBytes: null, coverOpen: false, coverOpenAfterBytes: null, silent: false, silentAfterAnswers: null, nearEnd: false };
  /** the bytes that reached the paper, to decode */
  printed: number[] = [];
  private pending: number[] = [];
  /** GS a n with n ≠ 0: report changes by itself */
  private autoStatus = false;

  constructor(private readonly answer: (bytes: Uint8Array) => void) {}

  receive(bytes: Uint8Array): void {
    this.pending.push(...bytes);
    this.process();
  }

  /** Power off and on: the unprinted buffer is gone, paper and cover as they are. */
  powerCycle(): void {
    this.pending = [];
  }

  /** The roll is changed: printing resumes with what is still buffered. */
  loadPaper(): void {
    this.faults.paperOut = false;
    this.faults.paperOutAfterBytes = null;
    this.reportChange();
    this.process();
  }


  private stopped(): boolean {
    return this.faults.paperOut || this.faults.coverOpen;
  }

  private process(): void {
    let i = 0;
    const p = this.pending;
    while (i < p.length) {
      // DLE EOT n is real-time: answered at once, even with the printer stopped.
      if (p[i] === 0x10 && p[i + 1] === 0x04 && i + 2 < p.length) {
        this.reply(this.status(p[i + 2]!));
        p.splice(i, 3);
        continue;
      }
      // DLE ENQ 2, real-time too: recover by clearing everything still buffered.
      if (p[i] === 0x10 && p[i + 1] === 0x05 && p[i + 2] === 0x02) {
        p.splice(0, p.length);
        break;
      }
      if (p[i] === 0x1d && p[i + 1] === 0x61 && i + 2 < p.length) {
        this.autoStatus = p[i + 2] !== 0;
        p.splice(i, 3);
        this.reportChange();
        continue;
      }
      if (this.stopped()) { i += 1; continue; } // everything else waits in the buffer
      if (p[i] === 0x1d && p[i + 1] === 0x72 && i + 2 < p.length) {
        p.splice(i, 3);
        this.reply(this.faults.nearEnd ? 0x0c : 0x00);
        continue;
      }
      if (this.faults.paperOutAfterBytes !== null && this.faults.paperOutAfterBytes-- <= 0) {
        this.faults.paperOut = true;
        this.reportChange();
        continue;
      }
      if (this.faults.coverOpenAfterBytes !== null && this.faults.coverOpenAfterBytes-- <= 0) {
        this.faults.coverOpenAfterBytes = null;
        this.faults.coverOpen = true;
        this.reportChange();
        continue;
      }
      this.printed.push(p[i]!);
      p.splice(i, 1);
    }
  }

  private status(n: number): number {
    const fixed = 0x12;
    if (n === 1) return fixed | (this.stopped() ? 0x08 : 0);
    if (n === 2) return fixed | (this.faults.coverOpen ? 0x04 : 0) | (this.faults.paperOut ? 0x20 : 0);
    if (n === 4) return fixed | (this.faults.nearEnd ? 0x0c : 0) | (this.faults.paperOut ? 0x60 : 0);
    return fixed;
  }

  /** Automatic status back: four bytes, the first 0xx1xx00 (so it is never taken for a reply). */
  private reportChange(): void {
    if (!this.autoStatus || this.faults.silent) return;
    const first = 0x10 | (this.stopped() ? 0x08 : 0) | (this.faults.coverOpen ? 0x20 : 0);
    const third = (this.faults.nearEnd ? 0x03 : 0) | (this.faults.paperOut ? 0x0c : 0);
    this.answer(new Uint8Array([first, 0x00, third, 0x0f]));
  }

  private reply(byte: number): void {
    if (this.faults.silentAfterAnswers !== null && this.faults.silentAfterAnswers-- <= 0) this.faults.silent = true;
    if (!this.faults.silent) this.answer(new Uint8Array([byte]));
  }
}
