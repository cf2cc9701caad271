import { z } from 'zod';
import { DeviceRole } from './enroll';
import { PaperDocumentSchema } from './paper';

/**
 * The contract between the kiosk page and the Electron main process. Both sides parse
 * with these schemas: the preload before it sends and after it receives, the main process
 * before it acts. Every call is request → response; the one push from main to page is an
 * event carrying a value. Adding a channel here adds a named function to the preload
 * (electron/README.md has the recipe). Channel names are `domain:verb`.
 */
export const PrinterProblem = z.enum(['offline', 'cover-open', 'paper-out', 'no-answer']);
export const PrinterStatus = z.object({ problem: PrinterProblem.nullable(), paperNearEnd: z.boolean() });
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const DocumentPrintOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), paperNearEnd: z.boolean() }),
  z.object({
    ok: z.literal(false),
    code: z.enum(['already-printed', 'maybe-printed', 'paper-out', 'cover-open', 'offline', 'no-answer', 'unknown', 'not-printed']),
    /** before: nothing reached the paper; during: part may have (it prints again whole, as КОПИЯ) */
    phase: z.enum(['before', 'during']).optional(),
  }),
]);
export type DocumentPrintOutcome = z.infer<typeof DocumentPrintOutcome>;

const Empty = z.object({}).strict();

/** Where the kiosk's scanner window is, seen from the customer: the pictures show it there. */
export const ScannerPlace = z.enum(['below-screen', 'right-of-screen', 'left-of-screen']);
export type ScannerPlace = z.infer<typeof ScannerPlace>;

/**
 * How the kiosk's panel is mounted (the device configuration's `panel`): the height of the
 * screen's lower edge above the floor decides how much of a portrait panel a person in a
 * wheelchair can reach (renderer/app/panel.ts), and where the scanner is.
 */
export const PanelSettings = z.object({
  bottomEdgeCm: z.number().min(38).max(121),
  scanner: ScannerPlace,
});
export type PanelSettings = z.infer<typeof PanelSettings>;

export const ipcContract = {
  /** what the page needs to know about its device; no secrets */
  deviceInfo: {
    channel: 'device:info',
    request: Empty,
    response: z.object({
      serverUrl: z.url(),
      role: DeviceRole,
      language: z.enum(['ru', 'en']),
      idle: z.object({ warnAfterSeconds: z.number().int(), answerSeconds: z.number().int() }),
      panel: PanelSettings.optional().describe('absent from a shell before panel settings: the defaults'),
    }),
  },
  /** the device token, kept in the OS keychain through safeStorage, never in the page's storage */
  loadToken: { channel: 'token:load', request: Empty, response: z.object({ token: z.string().nullable() }) },
  saveToken: { channel: 'token:save', request: z.object({ token: z.string().min(20).max(200) }).strict(), response: z.object({ saved: z.literal(true) }) },
  /**
   * Prints documents in order through the print journal, stopping at the first that fails
   * (the rest are reported `not-printed`). `copy` reprints documents marked КОПИЯ.
   */
  print: {
    channel: 'printer:print',
    request: z.object({ documents: z.array(PaperDocumentSchema).min(1).max(20), copy: z.boolean() }).strict(),
    response: z.object({ results: z.array(z.object({ id: z.string(), outcome: DocumentPrintOutcome })) }),
  },
  printerStatus: { channel: 'printer:status', request: Empty, response: PrinterStatus },
  /** a visit ended (finished, cancelled or idle): wipe what the browser engine kept of it */
  endVisit: { channel: 'visit:end', request: Empty, response: z.object({ cleared: z.literal(true) }) },
  /**
   * Says a text aloud through the main process (espeak-ng: Chromium on Linux often has no
   * voices), stopping whatever was being said. The main process makes it fit for
   * listening (shared/speech/speakable.ts: sums in words, masked data left out).
   * `speaking` is false when this PC has no voice for the language.
   */
  speechSay: {
    channel: 'speech:say',
    request: z.object({ text: z.string().min(1).max(2000), lang: z.enum(['ru', 'en']) }).strict(),
    response: z.object({ speaking: z.boolean() }),
  },
  speechStop: { channel: 'speech:stop', request: Empty, response: z.object({ stopped: z.literal(true) }) },
  /** which languages this PC can speak (espeak-ng's voices): the voice button shows only for those */
  speechVoices: { channel: 'speech:voices', request: Empty, response: z.object({ ru: z.boolean(), en: z.boolean() }) },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcName = keyof IpcContract;
export type IpcRequest<N extends IpcName> = z.input<IpcContract[N]['request']>;
export type IpcResponse<N extends IpcName> = z.infer<IpcContract[N]['response']>;

/** Pushed by the main process when the printer's state changes. */
export const ipcEvents = {
  printerStatus: { channel: 'printer:status-changed', value: PrinterStatus },
} as const;

/**
 * How a call comes back: the main process never throws across IPC (Electron would turn it
 * into an opaque string); a refusal or a bad argument is a value the preload turns into an
 * `IpcCallError` for the page.
 */
export const IpcReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), code: z.enum(['refused', 'invalid', 'failed']), detail: z.string() }),
]);
export type IpcReply = z.infer<typeof IpcReply>;

/** The page-facing API the preload exposes as `window.okno`: one named function per channel. */
export type OknoApi = { [N in IpcName]: (request: IpcRequest<N>) => Promise<IpcResponse<N>> } & {
  onPrinterStatus(listener: (status: PrinterStatus) => void): () => void;
};

/** A schema failure in one line that names each field, for logs and error replies. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
}
