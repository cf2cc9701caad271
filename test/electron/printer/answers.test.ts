import { describe, expect, it } from 'vitest';
import { type AutoStatus, PrinterAnswers } from '../../../electron/printer/answers';
import { DataListeners, type PrinterTransport } from '../../../electron/printer/transport/transport';

/** A printer's answers arrive as one byte stream: replies and automatic status back, interleaved and split anyhow. */
function wire() {
  const data = new DataListeners();
  const sent: number[][] = [];
  const transport: PrinterTransport = {
    description: 'test', answers: true,
    open: async () => undefined, close: async () => undefined,
    write: async (bytes) => { sent.push([...bytes]); },
    onData: (listener) => data.add(listener),
  };
  return { transport, sent, arrive: (...bytes: number[]) => data.emit(new Uint8Array(bytes)) };
}

describe('PrinterAnswers', () => {
  it('gives each request its own reply, in order, and an automatic status between them to its listeners', async () => {
    const { transport, arrive } = wire();
    const answers = new PrinterAnswers(transport);
    const statuses: AutoStatus[] = [];
    answers.onAutoStatus((s) => statuses.push(s));
    const first = answers.ask(new Uint8Array([0x10, 0x04, 1]), 1000);
    const second = answers.ask(new Uint8Array([0x1d, 0x72, 1]), 1000);
    // ASB (paper out, offline) split across chunks, then DLE EOT's 0x12, then GS r's 0x00.
    arrive(0x18, 0x00);
    arrive(0x0c, 0x0f, 0x12);
    arrive(0x00);
    await expect(first).resolves.toBe(0x12);
    await expect(second).resolves.toBe(0x00);
    expect(statuses).toEqual([{ offline: true, coverOpen: false, paperOut: true, paperNearEnd: false }]);
  });

  it('reads a cover opened and paper near its end', () => {
    const { transport, arrive } = wire();
    const statuses: AutoStatus[] = [];
    new PrinterAnswers(transport).onAutoStatus((s) => statuses.push(s));
    arrive(0x38, 0x00, 0x03, 0x0f);
    expect(statuses).toEqual([{ offline: true, coverOpen: true, paperOut: false, paperNearEnd: true }]);
  });

  it('answers null when the printer says nothing in time', async () => {
    const { transport } = wire();
    await expect(new PrinterAnswers(transport).ask(new Uint8Array([0x10, 0x04, 1]), 20)).resolves.toBeNull();
  });
});
