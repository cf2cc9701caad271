import { useEffect, useState } from 'react';
import type { DeviceList } from '../../../shared/protocol/device-status';
import type { TabletSession } from '../use-staff-session';
import { useServices } from '../../app/services';
import type { LiveEvents } from '../../sync/live-events';

/** How often the tablet re-reads the devices: silence cannot announce itself, so it is looked for. */
export const DEVICES_EVERY_MS = 30_000;

/**
 * The branch's devices as the server last heard them, re-read every 30 s and at once when
 * a device's state changes (`device.status`) or a document is copied (its
 * «may not have printed» entry goes). 'offline' while the server cannot be asked.
 */
export function useDevices(session: TabletSession, live: LiveEvents): { list: DeviceList | 'offline' | null; reload: () => void } {
  const { api, identity } = useServices();
  const [list, setList] = useState<DeviceList | 'offline' | null>(null);
  async function load() {
    const id = await identity.get();
    setList(id ? await api.devices(id.token, session.sessionToken).catch(() => 'offline' as const) : 'offline');
  }
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), DEVICES_EVERY_MS);
    const off = live.subscribe((event) => { if (event.name === 'device.status' || event.name === 'document.reprinted') void load(); });
    return () => { clearInterval(timer); off(); };
  }, [live, session.sessionToken]);
  return { list, reload: () => void load() };
}
