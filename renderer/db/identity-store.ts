import type { DeviceIdentity, KioskDb } from './kiosk-db';

/** Where a host keeps the device token outside the page: Electron's OS keychain (safeStorage). */
export type TokenVault = { load(): Promise<string | null>; save(token: string): Promise<void> };

export type Identity = DeviceIdentity & { token: string };

/**
 * The device's identity: ids in IndexedDB (the pickup transaction needs the device code),
 * the token in the host's vault when it has one (Electron), else beside the ids (a plain
 * browser has nothing safer; security.md). Nothing else reads the token.
 */
export class IdentityStore {
  constructor(private readonly db: KioskDb, private readonly vault: TokenVault | null = null) {}

  async get(): Promise<Identity | undefined> {
    const stored = await this.db.getSetting('identity');
    if (!stored) return undefined;
    const token = this.vault ? await this.vault.load() : stored.token;
    return token ? { ...stored, token } : undefined;
  }

  async put(identity: Identity): Promise<void> {
    const { token, ...ids } = identity;
    if (this.vault) {
      await this.vault.save(token);
      await this.db.putSetting('identity', ids);
    } else {
      await this.db.putSetting('identity', identity);
    }
  }
}
