import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { IdentityStore, type TokenVault } from '../../renderer/db/identity-store';
import { KioskDb } from '../../renderer/db/kiosk-db';

const identity = { deviceId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', deviceCode: 'K01', branchCode: 'MSK1', token: 'okd_0123456789abcdef0123' };

function memoryVault(): TokenVault & { token: string | null } {
  return { token: null, async load() { return this.token; }, async save(token) { this.token = token; } };
}

describe('the device identity', () => {
  it('keeps the token in the host’s vault (Electron: the OS keychain), never in IndexedDB', async () => {
    const db = new KioskDb('identity-vault', { indexedDB: new IDBFactory(), IDBKeyRange });
    const vault = memoryVault();
    await new IdentityStore(db, vault).put(identity);
    expect(vault.token).toBe(identity.token);
    expect(await db.getSetting('identity')).toEqual({ deviceId: identity.deviceId, deviceCode: 'K01', branchCode: 'MSK1' });
    expect(JSON.stringify(await db.settings.toArray())).not.toContain(identity.token);
    expect(await new IdentityStore(db, vault).get()).toEqual(identity);
  });

  it('counts as not enrolled when the vault has lost the token (another PC user, a wiped keychain)', async () => {
    const db = new KioskDb('identity-lost', { indexedDB: new IDBFactory(), IDBKeyRange });
    await new IdentityStore(db, memoryVault()).put(identity);
    expect(await new IdentityStore(db, memoryVault()).get()).toBeUndefined();
  });

  it('keeps the token beside the ids in a plain browser, which has no keychain', async () => {
    const db = new KioskDb('identity-browser', { indexedDB: new IDBFactory(), IDBKeyRange });
    await new IdentityStore(db).put(identity);
    expect(await db.getSetting('identity')).toEqual(identity);
    expect(await new IdentityStore(db).get()).toEqual(identity);
  });
});

describe('enrolment when the host cannot keep the token', () => {
  it('says it is the device, not the code or the network, and keeps nothing half-done', async () => {
    const { enrol } = await import('../../renderer/app/enrol');
    const db = new KioskDb('identity-broken', { indexedDB: new IDBFactory(), IDBKeyRange });
    const brokenVault: TokenVault = { load: async () => null, save: async () => { throw new Error('no keyring'); } };
    const api = { enroll: async () => ({ deviceId: identity.deviceId, deviceCode: 'K01', branchCode: 'MSK1', branchId: identity.deviceId, token: identity.token }) };
    expect(await enrol(db, new IdentityStore(db, brokenVault), api as never, 'ABCD-EFGH')).toEqual({ ok: false, code: 'device' });
    expect(await db.getSetting('identity')).toBeUndefined();
  });
});

describe('reading the token from the vault', () => {
  it('asks the vault once, not on every sync round; a failed read is asked again', async () => {
    const db = new KioskDb('identity-cache', { indexedDB: new IDBFactory(), IDBKeyRange });
    await new IdentityStore(db, memoryVault()).put(identity);
    let loads = 0;
    let failing = true;
    const vault: TokenVault = {
      load: async () => { loads++; if (failing) throw new Error('keyring locked'); return identity.token; },
      save: async () => undefined,
    };
    const store = new IdentityStore(db, vault);
    await expect(store.get()).rejects.toThrow('keyring locked');
    failing = false;
    for (let i = 0; i < 5; i++) expect(await store.get()).toEqual(identity);
    expect(loads).toBe(2);
  });
});
