import { createServer, type Socket } from 'node:net';
import { decodeEscPos, EPSON_CODE_PAGES } from './escpos-decoder';
import { SimPrinter } from './sim-printer';

/**
 * A simulated network printer on 127.0.0.1 (its raw port, 9100 on a real one). Each
 * connection gets a fresh printer that keeps the faults set on the one before, as a real
 * printer stays out of paper across reconnects; `printer` is the current one.
 */
export async function simPrinterServer(port = 0) {
  let printer = new SimPrinter(() => undefined);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const next = new SimPrinter((bytes) => socket.write(bytes));
    Object.assign(next.faults, printer.faults);
    printer = next;
    socket.on('data', (chunk) => next.receive(new Uint8Array(chunk)));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.address() as { port: number }).port;
  return {
    port: bound,
    get printer() { return printer; },
    /** what is on the paper, a trimmed line of text each */
    paperLines: () => decodeEscPos(new Uint8Array(printer.printed), EPSON_CODE_PAGES).flatMap((l) => (l.kind === 'text' ? [l.text.trim()] : [])),
    /** Switched off and on: a network printer drops its connections and its buffer. */
    powerCycle() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      printer.powerCycle();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
export type SimPrinterServer = Awaited<ReturnType<typeof simPrinterServer>>;
