/**
 * `npm run printer -- <selftest | sample receipt|warranty|passbook> --transport <spec>
 *  [--model <profile>] [--columns 32|42|48] [--lang ru|en] [--large]`
 * For the engineer installing a kiosk: prints the self-test slip or a sample document
 * through the same path the kiosk uses, and says in words what the printer answered.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sampleDocument, SAMPLE_KINDS, selfTestSlip, type SampleKind } from './samples';
import { printJob, type JobOutcome } from './print-job';
import { findProfile } from './profiles';
import { renderEscPos } from './render-escpos';
import { createTransport, parseTransport } from './transport/parse-transport';

const USAGE = 'usage: npm run printer -- selftest|sample <receipt|warranty|passbook> --transport <serial:/dev/ttyUSB0?baud=19200 | tcp:host:9100 | file:path> [--model epson-tm-t20iii] [--columns 32|42|48] [--lang ru|en] [--large]';

const WORDS: Record<string, string> = {
  'paper-out': 'the printer is out of paper: change the roll',
  'cover-open': 'the printer cover is open: close it',
  offline: 'the printer is offline (paper, cover or an error)',
  'no-answer': 'the printer does not answer: check the cable or network, the port and the baud rate',
  unknown: 'the job was sent but not confirmed: look at the paper before printing again',
};

export async function runPrinterCli(argv: string[]): Promise<{ code: number; message: string }> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: {
      transport: { type: 'string' }, model: { type: 'string', default: 'epson-tm-t20iii' }, columns: { type: 'string' },
      lang: { type: 'string', default: 'ru' }, large: { type: 'boolean', default: false },
    } });
  } catch (error) {
    return { code: 2, message: `${(error as Error).message}\n${USAGE}` };
  }
  const [command, kind] = args.positionals;
  const { values } = args;
  if (command !== 'selftest' && !(command === 'sample' && SAMPLE_KINDS.includes(kind as SampleKind))) return { code: 2, message: USAGE };
  if (!values.transport) return { code: 2, message: `--transport is required\n${USAGE}` };
  const transportSpec = parseTransport(values.transport);
  if (!transportSpec.ok) return { code: 2, message: transportSpec.detail };
  const columns = values.columns ? Number(values.columns) : undefined;
  if (columns !== undefined && ![32, 42, 48].includes(columns)) return { code: 2, message: `--columns must be 32, 42 or 48, not ${values.columns}` };
  const found = findProfile(values.model, columns);
  if (!found.ok) return { code: 2, message: `--model "${values.model}" is not known; known models: ${found.known.join(', ')}` };
  const lang = values.lang === 'en' ? 'en' : 'ru';
  const profile = found.profile;
  const doc = command === 'selftest'
    ? selfTestSlip(profile, lang, randomUUID(), new Date().toISOString())
    : sampleDocument(kind as SampleKind, lang);
  const transport = createTransport(transportSpec.spec);
  try {
    await transport.open();
  } catch (error) {
    return { code: 1, message: `cannot open the printer: ${(error as Error).message}` };
  }
  let outcome: JobOutcome;
  try {
    const baudRate = transportSpec.spec.kind === 'serial' ? transportSpec.spec.baudRate : undefined;
    outcome = await printJob(transport, renderEscPos(doc, profile, { large: values.large }), baudRate ? { baudRate } : {});
  } finally {
    await transport.close();
  }
  if (outcome.ok) return { code: 0, message: `printed ${command === 'selftest' ? 'the self-test slip' : `a sample ${kind}`} on ${transport.description} (${profile.model}, ${profile.columns} columns)${outcome.paperNearEnd ? '; the paper is near its end' : ''}` };
  return { code: 1, message: `not printed: ${WORDS[outcome.code]}${outcome.phase === 'during' ? ' (stopped during the job)' : ''}` };
}

if (process.argv[1]?.endsWith('cli.ts')) {
  runPrinterCli(process.argv.slice(2)).then(({ code, message }) => {
    (code === 0 ? console.log : console.error)(message);
    process.exit(code);
  });
}
