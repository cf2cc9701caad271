/**
 * `npm run scan:electron`: runs the static scanner @doyensec/electronegativity over
 * electron/ and fails on any finding not justified beside the code. The scanner itself
 * exits 0 whatever it finds (security.md), so its SARIF output is read instead. A finding
 * is justified by a comment `electronegativity-justified: <CHECK>: <why>` on the flagged
 * line or the three lines above it; a finding without a place (a global check) by such a
 * comment anywhere in electron/.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './build-kiosk';

export type ScanFinding = { check: string; file: string | null; line: number; message: string; justified: boolean };

const SCANNER = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

type Sarif = { runs: { tool: { driver: { name: string } }; results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };

export async function scanElectron(dir = join(ROOT, 'electron')): Promise<ScanFinding[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'okno-scan-')), 'scan.sarif');
  // The scanner cannot detect the version from sources; without it, it assumes 0.1.0's defaults.
  await promisify(execFile)(process.execPath, [SCANNER, '-i', dir, '-o', out, '-x', 'AvailableSecurityFixesGlobalCheck', '-e', ELECTRON_VERSION, '-v', 'false'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const sarif = JSON.parse(readFileSync(out, 'utf8')) as Sarif;
  if (!sarif.runs[0]?.tool.driver.name.toLowerCase().includes('electronegativity')) throw new Error('the scanner wrote no SARIF run of its own');
  const everywhere = sourceFiles(dir).map((f) => readFileSync(f, 'utf8')).join('\n');
  return sarif.runs.flatMap((run) => run.results.map((result): ScanFinding => {
    const location = result.locations[0]?.physicalLocation;
    const uri = location?.artifactLocation.uri ?? 'file:///';
    const line = location?.region?.startLine ?? 0;
    const marker = `electronegativity-justified: ${result.ruleId}:`;
    if (uri === 'file:///' || uri === 'N/A') {
      return { check: result.ruleId, file: null, line: 0, message: result.message.text, justified: everywhere.includes(marker) };
    }
    const file = resolve(dir, decodeURIComponent(uri.replace(/^file:\/\//, '')));
    const lines = readFileSync(file, 'utf8').split('\n');
    const near = lines.slice(Math.max(0, line - 4), line).join('\n');
    return { check: result.ruleId, file, line, message: result.message.text, justified: near.includes(marker) };
  }));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js|cjs|html)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  scanElectron().then((findings) => {
    for (const f of findings) console.log(`${f.justified ? 'justified  ' : 'UNJUSTIFIED'} ${f.check} ${f.file ?? '(global)'}${f.line ? `:${f.line}` : ''} ${f.message}`);
    const open = findings.filter((f) => !f.justified);
    console.log(`${findings.length} findings, ${open.length} not justified`);
    process.exit(open.length === 0 ? 0 : 1);
  }).catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
