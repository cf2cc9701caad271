import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import type { DeviceList } from '../../../shared/protocol/device-status';
import { useStaffText } from '../staff-lang';
import { alertLine, deviceLine } from './device-words';
import { DeviceActions, type DeviceActionNote } from './DeviceActions';
import { RevokedWork } from './RevokedWork';
import type { TabletSession } from '../use-staff-session';

/** Every kiosk and tablet of the branch in large print, alerts first in each row. */
export function DevicesPanel({ list, onRefresh, session }: {
  list: DeviceList | 'offline' | null; onRefresh: () => void;
  /** a supervisor's session: each device but this tablet gets its actions (DeviceActions) */
  session?: TabletSession;
}) {
  const { t } = useStaffText();
  const { identity } = useServices();
  const [ownCode, setOwnCode] = useState<string | null>(null);
  useEffect(() => { void identity.get().then((id) => setOwnCode(id?.deviceCode ?? null)); }, [identity]);
  const supervisor = session?.staff.role === 'supervisor';
  const [note, setNote] = useState<DeviceActionNote | null>(null);
  const now = list && list !== 'offline' ? Date.parse(list.now) : Date.now();
  return (
    <section className="tablet-panel" aria-labelledby="devices-title" data-testid="devices">
      <div className="tablet-row">
        <h2 id="devices-title" className="tablet-grow">{t.devicesTitle}</h2>
        <button type="button" className="tablet-button" data-testid="devices-refresh" onClick={onRefresh}>{t.devicesRefresh}</button>
      </div>
      {note && (
        <p role="status" className="tablet-staff-done" data-testid="device-action-note">
          {note.text}
          {note.code && <strong className="tablet-staff-code" data-testid="device-replacement-code">{note.code}</strong>}
        </p>
      )}
      {list === 'offline' ? <p role="status">{t.devicesOffline}</p> : list && (
        <>
        <ul className="tablet-list">
          {list.devices.map((d) => (
            <li key={d.code} className={`tablet-call${d.alerts.length > 0 ? ' tablet-alert' : ''}`} data-testid="device" data-code={d.code} data-alerts={d.alerts.join(' ')}>
              <p className="tablet-big">{t.deviceTitle(d.code, d.place)}</p>
              <p>{deviceLine(t, d, now)}</p>
              {supervisor && ownCode !== null && d.code !== ownCode && <DeviceActions session={session!} deviceCode={d.code} onDone={onRefresh} setNote={setNote} />}
            </li>
          ))}
        </ul>
        <RevokedWork revoked={list.revoked} {...(session ? { session } : {})} onDone={onRefresh} setNote={setNote} />
        </>
      )}
    </section>
  );
}

/** Above every tab: what needs a person about the branch's devices, until it is well. */
export function DeviceAlerts({ list }: { list: DeviceList | 'offline' | null }) {
  const { t } = useStaffText();
  if (!list || list === 'offline') return null;
  const now = Date.parse(list.now);
  const lines = list.devices.map((d) => alertLine(t, d, now)).filter((line): line is string => line !== null);
  if (lines.length === 0) return null;
  return (
    <section className="tablet-alerts" role="alert" aria-labelledby="alerts-title" data-testid="device-alerts">
      <h2 id="alerts-title">{t.alertsTitle}</h2>
      <ul>{lines.map((line) => <li key={line}>{line}</li>)}</ul>
    </section>
  );
}
