import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../core/ports/secretStore';

/**
 * Tokens encrypted with the OS keychain (safeStorage) in a file beside the database. Without
 * keychain encryption nothing is written: a token is never stored in plain text.
 */
export function safeStorageSecrets(dataDir: string): SecretStore {
  const file = join(dataDir, 'secrets.json');
  const load = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const save = (values: Record<string, string>) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(values), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    async get(key) {
      const sealed = load()[key];
      if (!sealed || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
    async set(key, value) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('The OS keychain is not available, so Ringside will not store the token. Use a workspace file and an environment variable instead.');
      }
      save({ ...load(), [key]: safeStorage.encryptString(value).toString('base64') });
    },
    async delete(key) {
      const values = load();
      delete values[key];
      save(values);
    },
  };
}
