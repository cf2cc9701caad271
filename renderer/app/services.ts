import type { DeviceReporter } from '../sync/device-report';
import { createContext, useContext } from 'react';
import type { HostBridge } from '../bridge/host-bridge';
import type { IdentityStore } from '../db/identity-store';
import type { KioskDb } from '../db/kiosk-db';
import type { LocalChanges } from '../db/local-changes';
import type { ApiClient } from '../sync/api-client';
import type { IdleTiming } from '../kiosk/use-idle';
import type { PanelSettings } from '../../shared/protocol/ipc';
import type { LiveEvents } from '../sync/live-events';
import type { SyncEngine } from '../sync/sync-engine';
import type { DeviceClock } from '../sync/clock';
import type { StaffKeys } from '../hashing/staff-proof';

/** What the screens use, wired once in main.tsx (the composition root). */
export type Services = {
  db: KioskDb;
  identity: IdentityStore;
  api: ApiClient;
  sync: SyncEngine;
  host: HostBridge;
  /** the device's idle timings (Electron: its configuration; a browser: the defaults) */
  idle: IdleTiming;
  /** how the kiosk's panel is mounted (Electron: its configuration; a browser: the defaults) */
  panel: PanelSettings;
  /** the one way to change local state that must reach the server (db/local-changes.ts) */
  changes: LocalChanges;
  /** the kiosk's live events (who accepted its call for help); started on a kiosk only */
  live: LiveEvents;
  /** the server's time as this device knows it (sync/clock.ts): for every date a rule or a screen compares */
  clock: Pick<DeviceClock, 'now' | 'nowMs'>;
  /** a tablet's staff sessions' signing keys, in memory only (hashing/staff-proof.ts) */
  staffKeys: StaffKeys;
  /** 'staff-refused' (detail: 'session-locked' | 'unauthorized'): the server no longer serves this tablet's staff session as it is */
  apiEvents: EventTarget;
  /** what the device says of itself after each sync round: a kiosk adds which languages it can speak */
  reporter?: Pick<DeviceReporter, 'speechKnown'>;
};

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext>');
  return services;
}
