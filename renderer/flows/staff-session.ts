import type { StaffSession } from '../../shared/protocol/staff';
import type { SessionEndReason } from '../../shared/protocol/transactions/staff-signed-out';
import type { KioskDb, OutboxRow } from '../db/kiosk-db';
import type { IdentityStore } from '../db/identity-store';
import type { LocalChanges } from '../db/local-changes';
import { makeSessionKey, type StaffKeys } from '../hashing/staff-proof';
import type { ApiClient } from '../sync/api-client';

export type StaffSessionDeps = {
  db: KioskDb;
  identity: Pick<IdentityStore, 'get'>;
  api: Pick<ApiClient, 'staffSignIn' | 'staffSignOut'>;
  changes: LocalChanges;
  staffKeys: StaffKeys;
};

/**
 * A staff member signs in: the tablet makes the session's key pair first (the private
 * half never leaves WebCrypto), the server checks the PIN and keeps the public half. The
 * session is remembered as open in the device's store, so that a page that comes back
 * without it (a reload: its key was in memory only) ends it through the outbox.
 * Refusals reach the caller as the ApiClient's errors.
 */
export async function startStaffSession(deps: StaffSessionDeps, employeeNo: string, pin: string): Promise<StaffSession> {
  const id = await deps.identity.get();
  if (!id) throw new Error('the tablet is not enrolled');
  const key = await makeSessionKey();
  const session = await deps.api.staffSignIn(id.token, employeeNo, pin, key.publicKey);
  deps.staffKeys.add(session.sessionId, key.privateKey);
  await deps.db.transaction('rw', deps.db.settings, async () => {
    const open = (await deps.db.getSetting('openStaffSessions')) ?? [];
    await deps.db.putSetting('openStaffSessions', [...open.filter((s) => s !== session.sessionId), session.sessionId]);
  });
  return session;
}

/**
 * A session ends on the tablet: its key goes at once, and a `staff.signedOut` is queued,
 * whose place in the device's sequence ends the session on the server (nothing the
 * tablet queues after it can be authored by the session, whatever its time). Online,
 * the server also hears it at once, so the session's event stream and token end now.
 */
export async function endStaffSession(deps: StaffSessionDeps, session: Pick<StaffSession, 'sessionId' | 'sessionToken'>, reason: SessionEndReason): Promise<void> {
  deps.staffKeys.remove(session.sessionId);
  const [ended] = await queueEnds(deps, [session.sessionId], reason);
  const id = await deps.identity.get();
  if (id) await deps.api.staffSignOut(id.token, session.sessionToken, ended?.seq).catch(() => undefined);
}

/**
 * Sessions a previous page left open (it was reloaded or closed: their keys are gone):
 * each ends through the outbox, so none stays valid on the server until its shift runs out.
 */
export async function endSessionsLeftOpen(deps: StaffSessionDeps): Promise<void> {
  const open = ((await deps.db.getSetting('openStaffSessions')) ?? []).filter((s) => !deps.staffKeys.has(s));
  if (open.length > 0) await queueEnds(deps, open, 'reloaded');
}

async function queueEnds(deps: StaffSessionDeps, sessionIds: string[], reason: SessionEndReason): Promise<OutboxRow[]> {
  return deps.changes.run([], async (scope) => {
    const open = (await deps.db.getSetting('openStaffSessions')) ?? [];
    const ending = sessionIds.filter((s) => open.includes(s));
    const rows: OutboxRow[] = [];
    for (const staffSessionId of ending) rows.push(await scope.enqueue('staff.signedOut', { staffSessionId, reason }));
    if (ending.length > 0) await deps.db.putSetting('openStaffSessions', open.filter((s) => !ending.includes(s)));
    return rows;
  });
}
