import type { z } from 'zod';
import type { AuditDay, ConfirmationAnswer, DayReport, DeviceList, RevokedWorkReviewed, DocumentCopy, DocumentList, DocumentPrintRequest, DocumentPrintSent, DeviceStatusReport, ConfirmationPrinted, ConfirmationRequest, ConfirmationSent, EnrollResponse, EventTicket, KioskList, Order, PullResponse, PushResponse, RejectionList, ReturnLookup, SaleRecord, ShopperWords, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import type { DeviceRevoked, ReplacementCode } from '../../shared/protocol/enroll';
import type { NumberUnlocked, PinSetupDone, StaffMemberAction, StaffMemberActionDone, StaffMemberList } from '../../shared/protocol/staff';
import type { CopyPrintedReport } from '../../shared/protocol/documents';
import type { PhoneCheckResult } from '../../shared/protocol/catalogue';
import { MIN_SYNC_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_MIN_HEADER, SERVER_TIME_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/protocol/limits';
import { parseTolerant } from '../../shared/protocol/tolerant';
import type { PaperDocument } from '../../shared/documents/model';

/**
 * The schemas (and zod with them) load on the first request, not with the page: the
 * welcome screen does not wait for them (see the cold start in docs/benchmarks.md).
 */
const schemas = () => import('../../shared/protocol');

/** The server could not be reached or answered with a 5xx: try again later. */
export class OfflineError extends Error {
  override name = 'OfflineError';
  constructor(
    message: string,
    /** how long the server asked to be left alone (503 `server-busy`'s Retry-After), if it said */
    readonly retryAfterMs?: number,
    /** the server's own word for it, where it answered one (`server-busy`, `database-unavailable`, `starting`) */
    readonly reason?: string,
  ) {
    super(message);
  }
}
/** The server refused the request as a whole (4xx); `status` and the server's code say why. */
export class RequestRejectedError extends Error {
  override name = 'RequestRejectedError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** a staff sign-in's wrong PIN or lock, as the server said */
    readonly attemptsLeft?: number,
    readonly lockedUntil?: string,
  ) {
    super(message);
  }
}

export type FetchPort = (input: string, init?: RequestInit) => Promise<Response>;

/** A request that has not been answered by then is treated as offline, so sync never hangs. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** The sync API as the device sees it; every answer is checked against the shared schema. */
/** Who hears the server's clock from every answer (sync/clock.ts), and a staff session the server no longer serves. */
export type ApiListeners = {
  serverTime?(serverMs: number, sentAt: number, receivedAt: number): void;
  /** a staff request was refused for its session: 'session-locked' (423) or 'unauthorized' (401: ended, expired) */
  staffRefused?(code: 'session-locked' | 'unauthorized'): void;
};

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchFn: FetchPort = (i, init) => fetch(i, init),
    private readonly listeners: ApiListeners = {},
    private readonly deviceNow: () => number = Date.now,
  ) {}

  async enroll(code: string): Promise<EnrollResponse> {
    return this.call((await schemas()).EnrollResponse, 'POST', '/api/v1/devices/enroll', undefined, { code });
  }

  async push(token: string, deviceId: string, transactions: TransactionEnvelope[], signal?: AbortSignal): Promise<PushResponse> {
    return this.call((await schemas()).PushResponse, 'POST', '/api/v1/sync/push', token, { deviceId, transactions }, signal);
  }

  async pull(token: string, cursor: string | undefined, signal?: AbortSignal): Promise<PullResponse> {
    // rotate=1: this device keeps a new token a pull brings (sync-engine.ts), so the server may rotate it.
    const query = `?rotate=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    return this.call((await schemas()).PullResponse, 'GET', `/api/v1/sync/pull${query}`, token, undefined, signal);
  }

  async order(token: string, code: string, signal?: AbortSignal): Promise<Order> {
    return this.call((await schemas()).Order, 'GET', `/api/v1/orders/${encodeURIComponent(code)}`, token, undefined, signal);
  }

  /** An order's last 4 phone digits checked and counted on the server (423: too many wrong for this order). */
  async phoneCheck(token: string, code: string, last4: string, signal?: AbortSignal): Promise<PhoneCheckResult> {
    return this.call((await schemas()).PhoneCheckResult, 'POST', `/api/v1/orders/${encodeURIComponent(code)}/phone-check`, token, { last4 }, signal);
  }

  /** A sale of the branch by receipt number or sale id (for a refund); a staff request. */
  async sale(token: string, staffSession: string, key: string): Promise<SaleRecord> {
    return this.call((await schemas()).SaleRecord, 'GET', `/api/v1/sales/${encodeURIComponent(key)}`, token, undefined, undefined, staffSession);
  }

  /** What goods come back from, for a supervisor: a sale or a handed-over order of the branch (or another branch's, named), by receipt number, order code or a receipt's QR. */
  async returnable(token: string, staffSession: string, key: string): Promise<ReturnLookup> {
    return this.call((await schemas()).ReturnLookup, 'GET', `/api/v1/returns/${encodeURIComponent(key)}`, token, undefined, undefined, staffSession);
  }

  /** The branch's staff actions of today (a supervisor's), a page at a time: `after` is the `next` of the page before. */
  async audit(token: string, staffSession: string, after?: string): Promise<AuditDay> {
    return this.call((await schemas()).AuditDay, 'GET', `/api/v1/audit${after ? `?after=${encodeURIComponent(after)}` : ''}`, token, undefined, undefined, staffSession);
  }

  /** How this device is, after a sync round. */
  async reportStatus(token: string, report: DeviceStatusReport): Promise<void> {
    await this.call((await schemas()).DeviceStatusAck, 'PUT', '/api/v1/devices/current/status', token, report);
  }

  /** Every device of the branch and what needs staff now (a staff request). */
  async devices(token: string, staffSession: string): Promise<DeviceList> {
    return this.call((await schemas()).DeviceList, 'GET', '/api/v1/devices', token, undefined, undefined, staffSession);
  }

  /** The branch's day for the supervisor. */
  async dayReport(token: string, staffSession: string, date: string): Promise<DayReport> {
    return this.call((await schemas()).DayReport, 'GET', `/api/v1/reports/day?date=${encodeURIComponent(date)}`, token, undefined, undefined, staffSession);
  }

  /** The branch's documents: by receipt number or order code, or today's; a page of `limit`, older ones `before` the page's `next`. */
  async documents(token: string, staffSession: string, key: string | null, page: { limit?: number; before?: string } = {}): Promise<DocumentList> {
    const query = new URLSearchParams({ ...(key ? { key } : {}), ...(page.limit ? { limit: String(page.limit) } : {}), ...(page.before ? { before: page.before } : {}) }).toString();
    return this.call((await schemas()).DocumentList, 'GET', `/api/v1/documents${query ? `?${query}` : ''}`, token, undefined, undefined, staffSession);
  }

  /** A document rebuilt by the server, marked КОПИЯ, with its warranty slips. */
  async documentCopy(token: string, staffSession: string, number: string, cardCode?: string): Promise<DocumentCopy> {
    // A passbook statement's copy goes with the customer's card, in the body (never in a URL, which is logged).
    return cardCode
      ? this.call((await schemas()).DocumentCopy, 'POST', `/api/v1/documents/${encodeURIComponent(number)}/copy`, token, { cardCode }, undefined, staffSession)
      : this.call((await schemas()).DocumentCopy, 'GET', `/api/v1/documents/${encodeURIComponent(number)}/copy`, token, undefined, undefined, staffSession);
  }

  /** A document's copy to a kiosk's printer. */
  async printCopyAt(token: string, staffSession: string, number: string, request: DocumentPrintRequest): Promise<DocumentPrintSent> {
    return this.call((await schemas()).DocumentPrintSent, 'POST', `/api/v1/documents/${encodeURIComponent(number)}/print`, token, request, undefined, staffSession);
  }

  /** The branch's rejected transactions not resolved yet (a staff request). */
  async rejections(token: string, staffSession: string): Promise<RejectionList> {
    return this.call((await schemas()).RejectionList, 'GET', '/api/v1/rejections', token, undefined, undefined, staffSession);
  }

  /** This device's own rejected transactions, open and resolved. */
  async ownRejections(token: string): Promise<RejectionList> {
    return this.call((await schemas()).RejectionList, 'GET', '/api/v1/devices/current/rejections?status=all', token);
  }

  /** The back office's shoppers' words for the catalogue search. */
  async shopperWords(token: string): Promise<ShopperWords> {
    return this.call((await schemas()).ShopperWords, 'GET', '/api/v1/shopper-words', token);
  }

  /** The kiosks of the tablet's branch, to show a cart on one. */
  async kiosks(token: string, staffSession: string): Promise<KioskList> {
    return this.call((await schemas()).KioskList, 'GET', '/api/v1/devices/kiosks', token, undefined, undefined, staffSession);
  }

  /** A cart to a kiosk for the customer to confirm. */
  async sendConfirmation(token: string, staffSession: string, request: ConfirmationRequest): Promise<ConfirmationSent> {
    return this.call((await schemas()).ConfirmationSent, 'POST', '/api/v1/confirmations', token, request, undefined, staffSession);
  }

  /** Whether a cart sent to this kiosk still waits for its customer. */
  async confirmationOpen(token: string, confirmationId: string): Promise<boolean> {
    return (await this.call((await schemas()).ConfirmationState, 'GET', `/api/v1/confirmations/${encodeURIComponent(confirmationId)}`, token)).open;
  }

  /** How many signed-in staff can hear a call now (their tablet holds its event stream): none, and the kiosk sends the customer to the desk. */
  async staffListening(token: string): Promise<number> {
    return (await this.call((await schemas()).StaffListening, 'GET', '/api/v1/staff/listening', token)).listening;
  }

  /** The kiosk's customer answered a cart (or the kiosk was busy with another visit). */
  async answerConfirmation(token: string, confirmationId: string, answer: ConfirmationAnswer['answer']): Promise<void> {
    await this.call((await schemas()).ConfirmationAnswered, 'POST', `/api/v1/confirmations/${encodeURIComponent(confirmationId)}/answer`, token, { answer });
  }

  /** A confirmed sale's paper to the kiosk where the customer confirmed it. */
  async printAtKiosk(token: string, staffSession: string, confirmationId: string, documents: PaperDocument[]): Promise<void> {
    await this.call((await schemas()).PrintSent, 'POST', `/api/v1/confirmations/${encodeURIComponent(confirmationId)}/print`, token, { documents }, undefined, staffSession);
  }

  /** What became of a copy (КОПИЯ) staff sent to this kiosk: waiting for the visit to end, printed, or the printer's problem. */
  async reportCopyPrinted(token: string, printId: string, report: CopyPrintedReport): Promise<void> {
    await this.call((await schemas()).CopyPrintedAck, 'POST', `/api/v1/documents/prints/${encodeURIComponent(printId)}/printed`, token, report);
  }

  /** What this kiosk's printer did with a sale's paper. */
  async reportPrinted(token: string, confirmationId: string, outcome: ConfirmationPrinted['outcome']): Promise<void> {
    await this.call((await schemas()).PrintReported, 'POST', `/api/v1/confirmations/${encodeURIComponent(confirmationId)}/printed`, token, { outcome });
  }

  /** A one-use ticket for the event stream; a tablet sends its staff session too. */
  async eventTicket(token: string, staffSession?: string): Promise<EventTicket> {
    return this.call((await schemas()).EventTicket, 'POST', '/api/v1/events/ticket', token, undefined, undefined, staffSession);
  }

  /** A staff member signs in on this tablet; a refusal is a RequestRejectedError with the server's code. */
  async staffSignIn(token: string, employeeNo: string, pin: string, publicKey?: string): Promise<StaffSession> {
    return this.call((await schemas()).StaffSession, 'POST', '/api/v1/staff/sessions', token, { employeeNo, pin, ...(publicKey ? { publicKey } : {}) });
  }

  /** A supervisor lifts the lock of an employee number on every tablet of the branch. */
  /** A person sets their own PIN with their one-time code (no staff session: they have no PIN yet). */
  async setPin(token: string, employeeNo: string, setupCode: string, newPin: string): Promise<PinSetupDone> {
    return this.call((await schemas()).PinSetupDone, 'POST', '/api/v1/staff/pin', token, { employeeNo, setupCode, newPin });
  }

  /** A supervisor takes a device of the branch out of service. */
  async revokeDevice(token: string, staffSession: string, deviceCode: string): Promise<DeviceRevoked> {
    return this.call((await schemas()).DeviceRevoked, 'POST', `/api/v1/devices/${encodeURIComponent(deviceCode)}/revoke`, token, undefined, undefined, staffSession);
  }

  /** A supervisor has looked at what a device taken out of service still held: it leaves the list. */
  async revokedWorkReviewed(token: string, staffSession: string, deviceCode: string): Promise<RevokedWorkReviewed> {
    return this.call((await schemas()).RevokedWorkReviewed, 'POST', `/api/v1/devices/${encodeURIComponent(deviceCode)}/revoked-work/reviewed`, token, undefined, undefined, staffSession);
  }

  /** A supervisor makes the code with which a new device takes a broken one's place. */
  async replacementCode(token: string, staffSession: string, deviceCode: string): Promise<ReplacementCode> {
    return this.call((await schemas()).ReplacementCode, 'POST', `/api/v1/devices/${encodeURIComponent(deviceCode)}/replacement`, token, undefined, undefined, staffSession);
  }

  /** A supervisor's list of the branch's staff. */
  async staffMembers(token: string, staffSession: string): Promise<StaffMemberList> {
    return this.call((await schemas()).StaffMemberList, 'GET', '/api/v1/staff/members', token, undefined, undefined, staffSession);
  }

  /** A supervisor resets a colleague's PIN, ends their sessions, deactivates or re-activates them. */
  async staffMemberAction(token: string, staffSession: string, employeeNo: string, action: StaffMemberAction): Promise<StaffMemberActionDone> {
    return this.call((await schemas()).StaffMemberActionDone, 'POST', `/api/v1/staff/members/${encodeURIComponent(employeeNo)}/${action}`, token, undefined, undefined, staffSession);
  }

  async unlockNumber(token: string, staffSession: string, employeeNo: string): Promise<NumberUnlocked> {
    return this.call((await schemas()).NumberUnlocked, 'POST', `/api/v1/staff/numbers/${encodeURIComponent(employeeNo)}/unlock`, token, undefined, undefined, staffSession);
  }

  /** The staff member signs out: the session ends on the server. */
  async staffSignOut(token: string, staffSession: string, endSeq?: number): Promise<void> {
    await this.call((await schemas()).SignedOut, 'DELETE', `/api/v1/staff/sessions/current${endSeq ? `?endSeq=${endSeq}` : ''}`, token, undefined, undefined, staffSession);
  }

  /** The tablet locked itself: for the audit log (the lock itself is the tablet's). */
  async staffLocked(token: string, staffSession: string): Promise<void> {
    await this.call((await schemas()).Locked, 'POST', '/api/v1/staff/sessions/current/lock', token, undefined, undefined, staffSession);
  }

  /** The staff member's PIN again after the tablet locked itself. */
  async staffUnlock(token: string, staffSession: string, pin: string): Promise<void> {
    await this.call((await schemas()).Unlocked, 'POST', '/api/v1/staff/sessions/current/unlock', token, { pin }, undefined, staffSession);
  }

  private async call<S extends z.ZodType>(schema: S, method: string, path: string, token: string | undefined, body?: unknown, signal?: AbortSignal, staffSession?: string): Promise<z.infer<S>> {
    let response: Response;
    const sentAt = this.deviceNow();
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers: {
          // Every request says which protocols this device speaks; the server answers in the
          // newest both speak, or 426 with none in common (limits.ts).
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          [PROTOCOL_MIN_HEADER]: String(MIN_SYNC_PROTOCOL_VERSION),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(staffSession ? { 'x-staff-session': staffSession } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new OfflineError(`cannot reach the server: ${(cause as Error).message}`);
    }
    const serverTime = Number(response.headers.get(SERVER_TIME_HEADER) ?? NaN);
    if (Number.isFinite(serverTime)) this.listeners.serverTime?.(serverTime, sentAt, this.deviceNow());
    if (response.status >= 500) {
      // A busy server says when to come back: the device waits at least that (sync-engine.ts).
      const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
      const reason = ((await response.json().catch(() => null)) as { error?: unknown } | null)?.error;
      throw new OfflineError(`the server answered ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined, typeof reason === 'string' ? reason : undefined);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const err = (json ?? {}) as { error?: string; message?: string; attemptsLeft?: number; lockedUntil?: string };
      // A staff request whose session the server no longer serves: the tablet locks or signs out.
      if (staffSession && (err.error === 'session-locked' || (response.status === 401 && err.error === 'unauthorized'))) this.listeners.staffRefused?.(err.error as 'session-locked' | 'unauthorized');
      throw new RequestRejectedError(response.status, err.error ?? 'unknown', err.message ?? `HTTP ${response.status}`, err.attemptsLeft, err.lockedUntil);
    }
    // A server a release ahead may add fields: read without them (tolerant.ts).
    const parsed = parseTolerant(schema, json);
    // A well-formed request with a malformed answer is a server fault: retry later.
    if (!parsed.success) throw new OfflineError(`unexpected answer from ${path}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
}
