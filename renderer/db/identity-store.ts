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
  /**
   * The vault's token once read: every sync round and order lookup needs it, and reading
   * it means IPC, a file and the keychain. It changes only through `put`.
   */
  private vaultToken: Promise<string | null> | null = null;

  constructor(private readonly db: KioskDb, private readonly vault: TokenVault | null = null) {}

  async get(): Promise<Identity | undefined> {
    const stored = await this.db.getSetting('identity');
    if (!stored) return undefined;
    const token = this.vault ? await this.loadVaultToken(this.vault) : stored.token;
    return token ? { ...stored, token } : undefined;
  }

  async put(identity: Identity): Promise<void> {
    const { token, ...ids } = identity;
    if (this.vault) {
      this.vaultToken = null;
      await this.vault.save(token);
      this.vaultToken = Promise.resolve(token);
      await this.db.putSetting('identity', ids);
    } else {
      await this.db.putSetting('identity', identity);
    }
  }

  private loadVaultToken(vault: TokenVault): Promise<string | null> {
    // A failed read (the keyring is down) is not kept: the next call asks again.
    this.vaultToken ??= vault.load().catch((error: unknown) => { this.vaultToken = null; throw error; });
    return this.vaultToken;
  }
}
