import { RingsideError } from '../../../src-shared/ipc/result';
import { memorySecretStore, type SecretStore } from '../../core/ports/secretStore';
import { layeredSecrets } from './layeredSecrets';

describe('session-only secrets over a persistent store', () => {
  it('keeps a session-only value in memory, over and instead of a stored one', async () => {
    const persistent = memorySecretStore({ k: 'stored' });
    const secrets = layeredSecrets(persistent);
    await secrets.setSessionOnly('k', 'typed');
    expect(await secrets.get('k')).toBe('typed');
    expect(secrets.isSessionOnly('k')).toBe(true);
    expect(await persistent.get('k')).toBeNull();
  });

  it('storing drops the session copy; delete removes both', async () => {
    const persistent = memorySecretStore();
    const secrets = layeredSecrets(persistent);
    await secrets.setSessionOnly('k', 'typed');
    await secrets.set('k', 'kept');
    expect(secrets.isSessionOnly('k')).toBe(false);
    expect(await persistent.get('k')).toBe('kept');
    await secrets.setSessionOnly('j', 'x');
    await secrets.delete('j');
    await secrets.delete('k');
    expect([await secrets.get('j'), await secrets.get('k')]).toEqual([null, null]);
  });

  it('a refused persistent store (no keyring) leaves the session value in place', async () => {
    const refusing: SecretStore = {
      ...memorySecretStore(),
      set: async () => {
        throw new RingsideError('unavailable', 'no keyring');
      },
    };
    const secrets = layeredSecrets(refusing);
    await secrets.setSessionOnly('k', 'typed');
    await expect(secrets.set('k', 'other')).rejects.toThrow('no keyring');
    expect(await secrets.get('k')).toBe('typed');
  });
});
