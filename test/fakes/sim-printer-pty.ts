import { spawn } from 'node:child_process';
import { SerialPort } from 'serialport';
import { SimPrinter } from './sim-printer';

/**
 * A simulated printer on a real serial path: socat links two pseudo-terminals, the app
 * opens one with `serialport`, the simulated printer listens on the other. A pty moves
 * bytes at memory speed whatever the baud rate; with `paceToBaud` the printer takes each
 * byte no sooner than a real wire at that rate would deliver it (10 bits a byte), so the
 * time from submit to confirmation can be set against the physical limit (bench:print).
 */
export async function simPrinterOnPty(options: { baudRate: number; paceToBaud?: boolean }) {
  const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0']);
  const paths: string[] = [];
  await new Promise<void>((resolve, reject) => {
    socat.on('error', reject);
    socat.stderr.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString().matchAll(/PTY is (\S+)/g)) paths.push(m[1]!);
      if (paths.length === 2) resolve();
    });
  });
  const port = new SerialPort({ path: paths[1]!, baudRate: options.baudRate });
  await new Promise((r) => port.once('open', r));
  const sim = new SimPrinter((bytes) => port.write(Buffer.from(bytes)));
  const msPerByte = 10_000 / options.baudRate;
  let wireFreeAt = 0;
  port.on('data', (chunk: Buffer) => {
    if (!options.paceToBaud) return sim.receive(new Uint8Array(chunk));
    // Byte by byte would flood the timers; a chunk arrives whole when its last byte would.
    wireFreeAt = Math.max(performance.now(), wireFreeAt) + chunk.length * msPerByte;
    const bytes = new Uint8Array(chunk);
    setTimeout(() => sim.receive(bytes), wireFreeAt - performance.now());
  });
  return {
    /** the pseudo-terminal the app opens, as it would /dev/ttyUSB0 */
    appPath: paths[0]!,
    sim,
    async close() {
      await new Promise((r) => port.close(r));
      socat.kill();
    },
  };
}
