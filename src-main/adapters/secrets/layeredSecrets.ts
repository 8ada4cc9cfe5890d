import type { SecretStore } from '../../core/ports/secretStore';

/** A SecretStore with a session-only layer: values kept in memory until the process ends, over the persistent store. */
export interface LayeredSecretStore extends SecretStore {
  /** Keep a value for this run only; any stored copy is removed, since the person chose not to store it. */
  setSessionOnly(key: string, value: string): Promise<void>;
  /** Whether the key's value lives in memory only. */
  isSessionOnly(key: string): boolean;
}

/**
 * Session-only values shadow stored ones; storing a value persistently (which may be refused where
 * no keyring exists) drops its session copy, and delete removes both.
 */
export function layeredSecrets(persistent: SecretStore): LayeredSecretStore {
  const session = new Map<string, string>();
  return {
    async get(key) {
      return session.get(key) ?? (await persistent.get(key));
    },
    async set(key, value) {
      await persistent.set(key, value);
      session.delete(key);
    },
    async setSessionOnly(key, value) {
      session.set(key, value);
      await persistent.delete(key);
    },
    isSessionOnly: (key) => session.has(key),
    async delete(key) {
      session.delete(key);
      await persistent.delete(key);
    },
  };
}
