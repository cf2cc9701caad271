import type { SafeStorage } from 'electron';
import { open, readFile, rename } from 'node:fs/promises';

/** The keychain cannot keep the token safely; the kiosk words this for the installer. */
export class TokenVaultError extends Error {
  override name = 'TokenVaultError';
}

/**
 * The device token, encrypted with the OS keychain (Electron `safeStorage`: DPAPI on
 * Windows, libsecret or KWallet on Linux) in a file only the kiosk user can read. The page
 * never holds it in its own storage. On Linux without a keyring daemon Electron falls back
 * to a fixed key ("basic_text"); that is refused unless the configuration allows it.
 */
export class SafeStorageVault {
  constructor(
    private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
    private readonly file: string,
    private readonly options: { platform: NodeJS.Platform; allowPlainTextKeyring: boolean },
  ) {}

  async load(): Promise<string | null> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    this.checkKeychain();
    try {
      return this.safeStorage.decryptString(sealed);
    } catch {
      // Another user's or another machine's keychain: the kiosk must be enrolled again.
      throw new TokenVaultError(`the device token in ${this.file} cannot be decrypted with this user's keychain; enrol the kiosk again`);
    }
  }

  async save(token: string): Promise<void> {
    this.checkKeychain();
    const sealed = this.safeStorage.encryptString(token);
    const temporary = `${this.file}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }

  private checkKeychain(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new TokenVaultError('the OS keychain is not available, so the device token cannot be stored safely (see docs/operations.md, "Keyring")');
    }
    if (this.options.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text' && !this.options.allowPlainTextKeyring) {
      throw new TokenVaultError('no keyring daemon is running (safeStorage backend "basic_text"): start gnome-keyring or set security.allowPlainTextKeyring (see docs/operations.md, "Keyring")');
    }
  }
}
