/** What the kiosk shows about sync (a calm status line) and staff see in large print. */
export type SyncStatus = {
  /** did the last contact with the server succeed; null before the first attempt */
  online: boolean | null;
  queued: number;
  oldestQueuedAt: number | null;
  quarantined: number;
  lastSyncAt: number | null;
  /** the server no longer knows this device's token: staff must enrol it again */
  unauthorised: boolean;
};

export const INITIAL_SYNC_STATUS: SyncStatus = {
  online: null, queued: 0, oldestQueuedAt: null, quarantined: 0, lastSyncAt: null, unauthorised: false,
};
