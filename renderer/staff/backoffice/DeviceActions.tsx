import { useState } from 'react';
import { formatDateTime } from '../../../shared/domain/datetime';
import { useServices } from '../../app/services';
import type { TabletSession } from '../use-staff-session';
import { useStaffText } from '../staff-lang';

/**
 * A supervisor's actions on one device of the branch (issue 22): take it out of service
 * (stolen, broken), or make the code with which a new device takes its place, name and
 * numbering. Taking out asks first; the code is shown once, large. Not on the tablet in
 * their hands.
 */
export type DeviceActionNote = { text: string; code?: string };

export function DeviceActions({ session, deviceCode, onDone, setNote }: {
  session: TabletSession; deviceCode: string; onDone: () => void;
  /** what happened, said above the list: a device taken out leaves it, and its row with it */
  setNote: (note: DeviceActionNote) => void;
}) {
  const { t, lang } = useStaffText();
  const { api, identity } = useServices();
  const [asking, setAsking] = useState(false);

  async function revoke() {
    setAsking(false);
    const id = await identity.get();
    const done = id ? await api.revokeDevice(id.token, session.sessionToken, deviceCode).catch(() => null) : null;
    setNote({ text: done ? t.deviceRevoked(deviceCode) : t.deviceActionFailed });
    if (done) onDone();
  }

  async function replacement() {
    const id = await identity.get();
    const made = id ? await api.replacementCode(id.token, session.sessionToken, deviceCode).catch(() => null) : null;
    setNote(made ? { text: t.deviceReplacementCode(deviceCode, formatDateTime(made.expiresAt, lang)), code: made.code } : { text: t.deviceActionFailed });
  }

  return (
    <div data-testid="device-actions">
      {asking ? (
        <div className="tablet-row" role="group" aria-label={t.deviceRevoke}>
          <span className="tablet-grow">{t.deviceRevokeConfirm(deviceCode)}</span>
          <button type="button" className="tablet-button tablet-primary" data-testid="device-revoke-confirm" onClick={() => void revoke()}>{t.staffConfirmYes}</button>
          <button type="button" className="tablet-button" onClick={() => setAsking(false)}>{t.staffConfirmNo}</button>
        </div>
      ) : (
        <div className="tablet-row">
          <button type="button" className="tablet-button" data-testid="device-revoke" onClick={() => setAsking(true)}>{t.deviceRevoke}</button>
          <button type="button" className="tablet-button" data-testid="device-replace" onClick={() => void replacement()}>{t.deviceReplace}</button>
        </div>
      )}
    </div>
  );
}
