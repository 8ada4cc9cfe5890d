import { safeStorage } from 'electron';
import { join } from 'node:path';
import type { SecretStore } from '../core/ports/secretStore';
import { sealedFileSecrets, type SecretCipher } from '../adapters/secrets/sealedFile';

/** Electron's safeStorage as the sealed file's cipher; the backend is only chosen (and named) on Linux. */
export const safeStorageCipher: SecretCipher = {
  available: () => safeStorage.isEncryptionAvailable(),
  backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};

/**
 * Secrets encrypted with the OS keychain (safeStorage) in a 0600 file beside the database. Storing
 * is refused where safeStorage would fall back to plain text (basic_text); the refusal says how to
 * get a keyring or to choose session-only secrets.
 */
export function safeStorageSecrets(dataDir: string): SecretStore {
  return sealedFileSecrets(join(dataDir, 'secrets.json'), safeStorageCipher);
}
