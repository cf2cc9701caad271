import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PRINTER_PROFILES } from '../../printer/profiles';
import { parseTransport, type TransportSpec } from '../../printer/transport/parse-transport';

/**
 * One device's configuration file (JSON), written by the installer; docs/operations.md is
 * its reference. Read once at start: a mistake stops the kiosk with a message naming the
 * field and what was expected, before any customer sees a half-working screen.
 */
const models = Object.keys(PRINTER_PROFILES) as [string, ...string[]];

const Transport = z.string().transform((text, ctx): TransportSpec => {
  const parsed = parseTransport(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.detail });
    return z.NEVER;
  }
  return parsed.spec;
});

export const DeviceConfigSchema = z.object({
  serverUrl: z.url({ protocol: /^https?$/, error: 'expected the okno server address, e.g. "https://okno.branch.example.ru"' }),
  role: z.enum(['kiosk', 'tablet'], { error: 'expected "kiosk" or "tablet"' }).default('kiosk'),
  language: z.enum(['ru', 'en'], { error: 'expected "ru" or "en"' }).default('ru'),
  printer: z.object({
    transport: Transport,
    model: z.enum(models, { error: `expected one of ${models.join(', ')}` }),
    columns: z.union([z.literal(32), z.literal(42), z.literal(48)], { error: 'expected 32, 42 or 48' }).optional(),
    /** how long the print journal remembers a confirmed document (documents in doubt stay) */
    journalDays: z.number({ error: 'expected a number of days' }).int('expected whole days').min(1, 'expected 1 to 3650 days').max(3650, 'expected 1 to 3650 days').default(30),
  }).strict().optional(),
  idle: z.object({
    warnAfterSeconds: z.number({ error: 'expected a number of seconds' }).int('expected whole seconds').min(20, 'expected 20 to 600 seconds').max(600, 'expected 20 to 600 seconds').default(60),
    /** accessibility.md: at least 30 s to answer the warning */
    answerSeconds: z.number({ error: 'expected a number of seconds' }).int('expected whole seconds').min(30, 'expected at least 30 seconds: customers must have time to answer').max(300, 'expected at most 300 seconds').default(30),
  }).strict().default({ warnAfterSeconds: 60, answerSeconds: 30 }),
  /**
   * How the panel is mounted: the height of the screen's lower edge above the floor (what a
   * person in a wheelchair can reach of a portrait panel: docs/operations.md) and where the
   * scanner's window is, which the kiosk's pictures show.
   */
  panel: z.object({
    bottomEdgeCm: z.number({ error: 'expected centimetres' }).min(38, 'expected 38 to 121 cm: the lowest a hand reaches from a wheelchair is 38 cm (15 in)').max(121, 'expected 38 to 121 cm: above 121 cm (48 in) nothing on the screen is within reach from a wheelchair').default(95),
    scanner: z.enum(['below-screen', 'right-of-screen', 'left-of-screen'], { error: 'expected "below-screen", "right-of-screen" or "left-of-screen"' }).default('below-screen'),
  }).strict().default({ bottomEdgeCm: 95, scanner: 'below-screen' }),
  security: z.object({
    /**
     * Linux without a keyring daemon stores safeStorage secrets with a fixed key. Refused
     * unless the installer says so here, knowingly (docs/operations.md explains the keyring).
     */
    allowPlainTextKeyring: z.boolean().default(false),
  }).strict().default({ allowPlainTextKeyring: false }),
}).strict().superRefine((config, ctx) => {
  if (config.role === 'kiosk' && !config.printer) ctx.addIssue({ code: 'custom', path: ['printer'], message: 'a kiosk needs a printer: add "printer": {"transport": …, "model": …}' });
});

export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

export type ConfigLoad = { ok: true; config: DeviceConfig } | { ok: false; code: 'unreadable' | 'invalid'; detail: string };

/** Reads and checks the configuration file; every problem is a value naming the file and the field. */
export async function loadDeviceConfig(path: string): Promise<ConfigLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, code: 'unreadable', detail: missing
      ? `okno configuration ${path}: the file does not exist; create it as docs/operations.md describes (or point OKNO_CONFIG at it)`
      : `okno configuration ${path}: cannot be read (${(error as Error).message})` };
  }
  return parseDeviceConfig(text, path);
}

export function parseDeviceConfig(text: string, path = 'config'): ConfigLoad {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'invalid', detail: `okno configuration ${path}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = DeviceConfigSchema.safeParse(json);
  if (parsed.success) return { ok: true, config: parsed.data };
  const lines = parsed.error.issues.flatMap((issue) => {
    const at = (path: PropertyKey[]) => path.map(String).join('.') || '(the whole file)';
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `  ${at([...issue.path, key])}: not a setting okno knows (a typing mistake?)`);
    return [`  ${at(issue.path)}: ${issue.message}`];
  });
  return { ok: false, code: 'invalid', detail: `okno configuration ${path} has ${lines.length === 1 ? 'a mistake' : `${lines.length} mistakes`}:\n${lines.join('\n')}` };
}
