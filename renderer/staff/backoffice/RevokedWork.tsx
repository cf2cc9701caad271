import { useState } from 'react';
import { formatDateTime } from '../../../shared/domain/datetime';
import type { RevokedDeviceWork } from '../../../shared/protocol/device-status';
import { useServices } from '../../app/services';
import { useStaffText } from '../staff-lang';
import type { TabletSession } from '../use-staff-session';
import type { DeviceActionNote } from './DeviceActions';

/**
 * Devices of the branch taken out of service (stolen, broken) that still held work at
 * their last report (issue 22): what never reached the server stays on the device, so a
 * pickup handed over or a payment taken there may be missing. Shown until a supervisor
 * marks it reviewed (audited); what to do is said beside it.
 */
export function RevokedWork({ revoked, session, onDone, setNote }: {
  revoked: RevokedDeviceWork[];
  /** a supervisor's session marks one reviewed; others only read */
  session?: TabletSession;
  onDone: () => void;
  setNote: (note: DeviceActionNote) => void;
}) {
  const { t, lang } = useStaffText();
  const { api, identity } = useServices();
  const [busy, setBusy] = useState<string | null>(null);
  if (revoked.length === 0) return null;
  const supervisor = session?.staff.role === 'supervisor';

  async function reviewed(code: string) {
    setBusy(code);
    const id = await identity.get();
    const done = id ? await api.revokedWorkReviewed(id.token, session!.sessionToken, code).catch(() => null) : null;
    setBusy(null);
    setNote({ text: done ? t.revokedWorkDone(code) : t.deviceActionFailed });
    if (done) onDone();
  }

  return (
    <section aria-labelledby="revoked-work-title" data-testid="revoked-work">
      <h3 id="revoked-work-title">{t.revokedWorkTitle}</h3>
      <ul className="tablet-list">
        {revoked.map((d) => (
          <li key={`${d.code} ${d.revokedAt}`} className="tablet-call tablet-alert" data-testid="revoked-device" data-code={d.code}>
            <p className="tablet-big">{t.deviceTitle(d.code, d.place)}</p>
            <p>{t.revokedWorkLine(formatDateTime(d.revokedAt, lang), formatDateTime(d.lastContactAt, lang), d.queued, d.oldestQueuedAt && formatDateTime(d.oldestQueuedAt, lang), d.quarantined)}</p>
            {supervisor && (
              <button type="button" className="tablet-button" data-testid="revoked-work-reviewed" disabled={busy === d.code} onClick={() => void reviewed(d.code)}>{t.revokedWorkReviewed}</button>
            )}
          </li>
        ))}
      </ul>
      <p>{t.revokedWorkAdvice}</p>
    </section>
  );
}
