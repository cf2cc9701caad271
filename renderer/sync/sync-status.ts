/**
 * Why sync cannot go on by itself; staff see it in the top bar:
 * - unauthorised: the server no longer knows this device's token (revoked, or the server's
 *   database was replaced): staff must enrol the device again;
 * - needs-update: the server cannot serve this device's protocol version (426);
 * - batch-refused: the server refused a whole batch as unreadable (400): a protocol
 *   mismatch between versions; retried with backoff, nothing is quarantined for it;
 * - device-error: the round failed on this device itself (a missing browser capability, a
 *   bug): retried with backoff, and shown with its message rather than as "offline".
 */
export type SyncProblem = 'unauthorised' | 'needs-update' | 'batch-refused' | 'device-error';

/** What the kiosk shows about sync (a calm status line) and staff see in large print. */
export type SyncStatus = {
  /** did the last contact with the server succeed; null before the first attempt */
  online: boolean | null;
  queued: number;
  oldestQueuedAt: number | null;
  quarantined: number;
  /** queued transactions of a kind the server does not know yet: it needs updating (settle.ts) */
  waitingForServer: number;
  lastSyncAt: number | null;
  /**
   * The server answered, but too busy to serve this round (503 `server-busy`, as after a
   * chain-wide outage): `online` is false as for any round not served, and the tablet says
   * "busy" rather than "no connection"; the round goes again after its Retry-After.
   */
  serverBusy: boolean;
  /** the server no longer knows this device's token: staff must enrol it again */
  unauthorised: boolean;
  problem: SyncProblem | null;
  /** device-error: what failed, for the engineer staff call */
  problemDetail: string | null;
};

export const INITIAL_SYNC_STATUS: SyncStatus = {
  online: null, queued: 0, oldestQueuedAt: null, quarantined: 0, waitingForServer: 0, lastSyncAt: null, serverBusy: false, unauthorised: false, problem: null, problemDetail: null,
};
