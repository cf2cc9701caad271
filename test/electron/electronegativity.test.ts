import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanElectron } from '../../scripts/scan-electron';

/**
 * security.md: electronegativity over electron/, its SARIF parsed (the scanner exits 0
 * whatever it finds), and no finding left that is not justified beside the code.
 */
describe('electronegativity', () => {
  it('finds nothing in electron/ that is not justified beside the code', async () => {
    const findings = await scanElectron();
    expect(findings.filter((f) => !f.justified)).toEqual([]);
  }, 60_000);

  it('does find an insecure window, so the check above can fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okno-insecure-'));
    mkdirSync(join(dir, 'main'));
    writeFileSync(join(dir, 'main', 'bad.ts'), [
      "import { BrowserWindow } from 'electron';",
      "export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });",
      "w.loadURL('http://example.com');",
    ].join('\n'));
    const checks = (await scanElectron(dir)).filter((f) => !f.justified).map((f) => f.check);
    expect(checks).toEqual(expect.arrayContaining([
      'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]));
    // As security.md warns, it misses `nodeIntegration: true` beside a `sandbox` key: the
    // window-options unit test (lockdown.test.ts) is what guards that switch.
    expect(checks).not.toContain('NODE_INTEGRATION_JS_CHECK');
  }, 60_000);
});
