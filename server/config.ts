import { z } from 'zod';
import { ConfigError } from './errors';
import { KIOSK_APP_ORIGIN } from '../shared/protocol/origins';

const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  OKNO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  OKNO_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  OKNO_DEVICE_SILENT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  OKNO_QUEUE_OLD_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  OKNO_KIOSK_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  OKNO_DEVICE_KEEP_SETTLED_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  OKNO_METRICS_TOKEN: z.string().min(24, 'at least 24 characters (a random secret: openssl rand -hex 24)').optional(),
  OKNO_DEVICE_TOKEN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  OKNO_DEVICE_TOKEN_GRACE_DAYS: z.coerce.number().int().min(1, 'at least a day (a device whose answer was lost tries again)').max(90).default(7),
  OKNO_KEEP_EVENTS_HOURS: z.coerce.number().int().min(24, 'at least 24 (a tablet away overnight replays what it missed)').max(90 * 24).default(48),
  OKNO_KEEP_RECORDS_DAYS: z.coerce.number().int().min(90, 'at least 90 days (devices push settled work again after a restore, and a report looks back)').max(100 * 366).default(1827),
  OKNO_PASSBOOK_FULL_LINES: z.coerce.number().int().min(1).max(200).default(30),
  OKNO_SALE_PRICE_TOLERANCE_PERCENT: z.coerce.number().int().min(0).max(100).default(20),
  OKNO_APP_ORIGINS: z.string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^/\s?#]+$/, 'origins separated by commas, each scheme://host[:port] with no path, e.g. app://kiosk,https://okno.lan:8443')).min(1))
    .default([KIOSK_APP_ORIGIN]),
  OKNO_TLS_CERT: z.string().min(1).optional(),
  OKNO_TLS_KEY: z.string().min(1).optional(),
});
export type ServerConfig = {
  port: number; host: string; dataDir: string; databaseUrl: string | undefined; workers: number;
  /** when the tablets raise an alert for a device: silent for longer, or its oldest queued transaction older */
  deviceAlerts: { silentMinutes: number; queueOldMinutes: number };
  /** how long kiosks keep picked-up orders and their paper (they purge older ones after each pull) */
  kioskRetentionDays: number;
  /** how long devices keep transactions the server acknowledged, to push them again after a restore to an earlier point */
  deviceKeepSettledDays: number;
  /** the bearer token GET /metrics asks for; unset: it answers this host only */
  metricsToken: string | undefined;
  /** device tokens: replaced in a sync round when older than rotateAfterDays, the replaced one working graceDays more */
  tokenRotation: { rotateAfterDays: number; graceDays: number };
  /** what the retention job keeps (services/retention/): live events in hours, the records (transaction and audit logs, documents, sales, finished orders) in days */
  keep: { eventsHours: number; recordsDays: number };
  /** a passbook printout of more new lines prints the older ones as one summary line and these in full */
  passbookFullLines: number;
  /**
   * how far (in % of the catalogue's price) a sale line's price may be from the catalogue's
   * and still apply, flagged `price-differs`; further, it is rejected `price-out-of-range`
   */
  salePriceTolerancePercent: number;
  /** the origins of app pages that may call the device routes across origins (the Electron kiosk's app://kiosk; a tablet page served elsewhere) */
  appOrigins: string[];
  /** PEM files: with both, the server speaks HTTPS itself */
  tls: { certFile: string; keyFile: string } | null;
};

/** Reads the server's settings from the environment; a bad value names the variable and what it expects. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const picked = Object.fromEntries(Object.keys(ServerEnv.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ServerEnv.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')}=${JSON.stringify(picked[String(issue.path[0])])} is not valid: expected ${issue.message}`);
  }
  const c = parsed.data;
  if (c.OKNO_WORKERS > 1 && !c.DATABASE_URL) {
    throw new ConfigError(`OKNO_WORKERS=${c.OKNO_WORKERS} needs DATABASE_URL: the embedded PGlite database belongs to one process. Set DATABASE_URL, or leave OKNO_WORKERS at 1`);
  }
  if (!!c.OKNO_TLS_CERT !== !!c.OKNO_TLS_KEY) {
    throw new ConfigError(`${c.OKNO_TLS_CERT ? 'OKNO_TLS_KEY' : 'OKNO_TLS_CERT'} is missing: HTTPS needs both the certificate (OKNO_TLS_CERT) and its private key (OKNO_TLS_KEY), as PEM files`);
  }
  return {
    port: c.PORT, host: c.HOST, dataDir: c.OKNO_DATA_DIR, databaseUrl: c.DATABASE_URL, workers: c.OKNO_WORKERS,
    deviceAlerts: { silentMinutes: c.OKNO_DEVICE_SILENT_MINUTES, queueOldMinutes: c.OKNO_QUEUE_OLD_MINUTES },
    kioskRetentionDays: c.OKNO_KIOSK_RETENTION_DAYS,
    passbookFullLines: c.OKNO_PASSBOOK_FULL_LINES,
    deviceKeepSettledDays: c.OKNO_DEVICE_KEEP_SETTLED_DAYS,
    metricsToken: c.OKNO_METRICS_TOKEN,
    tokenRotation: { rotateAfterDays: c.OKNO_DEVICE_TOKEN_DAYS, graceDays: c.OKNO_DEVICE_TOKEN_GRACE_DAYS },
    keep: { eventsHours: c.OKNO_KEEP_EVENTS_HOURS, recordsDays: c.OKNO_KEEP_RECORDS_DAYS },
    salePriceTolerancePercent: c.OKNO_SALE_PRICE_TOLERANCE_PERCENT,
    appOrigins: c.OKNO_APP_ORIGINS,
    tls: c.OKNO_TLS_CERT && c.OKNO_TLS_KEY ? { certFile: c.OKNO_TLS_CERT, keyFile: c.OKNO_TLS_KEY } : null,
  };
}
