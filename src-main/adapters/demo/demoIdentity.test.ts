import type { AuditEvent } from '../../../src-shared/domain/audit';
import { createCore } from '../../core/createCore';
import { createDemoWorkspace } from './index';
import { DEMO_TOKEN_USER } from './flags';
import { fixedClock } from './testClock';

describe('the name set in Settings, on the demo fleet', () => {
  it('names every kind of console action from the moment it is set, and the demo server names its token', async () => {
    const clock = fixedClock();
    const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'root', workspace: (c) => createDemoWorkspace({ clock: c }), log: () => {} });
    const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
      const r = await core.dispatch(channel, request);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as T;
    };
    await call('rollouts:pause', { namespace: 'search', name: 'search', reason: 'before the name is set' });
    await call('workspace:setIdentity', { actor: 'Ana Ribeiro' });
    await call('rollouts:pause', { namespace: 'shop', name: 'checkout', reason: 'hold for the payments review' });
    await call('flags:setEnabled', { flag: 'checkout.express-pay-button', environment: 'production', enabled: false });
    await core.poll();

    const rows = (await call<{ events: AuditEvent[] }>('audit:search', { source: 'console', limit: 20 })).events.filter((e) => !e.actor.startsWith('ringside-'));
    const by = Object.fromEntries(rows.map((e) => [`${e.action} ${e.objectId}`, e.actor]));
    expect(by).toMatchObject({
      'rollout.paused search': 'root',
      'rollout.paused checkout': 'Ana Ribeiro',
      'flag.disabled checkout.express-pay-button': 'Ana Ribeiro',
    });
    const echo = (await call<{ events: AuditEvent[] }>('audit:search', { source: 'flag-server', objectId: 'checkout.express-pay-button', limit: 1 })).events[0]!;
    expect(echo).toMatchObject({ action: 'flag.disabled', actor: DEMO_TOKEN_USER });
    const latest = (await call<{ changes: { flag: string; environment: string; by: string }[] }>('flags:list')).changes;
    expect(latest.find((c) => c.flag === 'checkout.express-pay-button' && c.environment === 'production')?.by).toBe('Ana Ribeiro');
    core.dispose();
  });
});
