import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoWorkspace } from '../../adapters/demo';
import { createCore, type Core } from '../../core/createCore';
import { fakeClock } from '../../core/testing/fakeWorkspace';
import type { ChannelName } from '../../../src-shared/ipc/contract';

/**
 * A real core on the embedded demo (flags, rollouts, plans, audit history) with a clock that never moves
 * and no poller, so nothing changes unless a request changes it. Everything it logs is kept: a refused
 * payload never reaches a handler, so the log must stay as it was.
 */
export function fuzzCore(): { core: Core; logs: string[]; rendererDir: string } {
  const logs: string[] = [];
  const core = createCore({
    dataDir: ':memory:',
    version: 'fuzz',
    clock: fakeClock(),
    log: (message) => void logs.push(message),
    actor: 'fuzz',
    workspace: (clock) => createDemoWorkspace({ clock }),
  });
  const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-fuzz-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');
  return { core, logs, rendererDir };
}

/** The state a bad request could damage: flag states, the audit count, plans, workspaces, windows, the identity. */
export async function snapshot(core: Core): Promise<Record<string, unknown>> {
  const read = async (channel: ChannelName, request: object) => {
    const answer = await core.dispatch(channel, request);
    if (!answer.ok) throw new Error(`${channel} failed while taking a snapshot: ${answer.error.message}`);
    return answer.value as Record<string, unknown>;
  };
  const flags = (await read('flags:list', {})).flags as { name: string; environments: { environment: string; enabled: boolean; strategies: unknown }[] }[];
  return {
    flags: flags.map((f) => [f.name, f.environments.map((e) => [e.environment, e.enabled, e.strategies])]),
    audit: await read('audit:count', {}),
    plans: (await read('plans:list', {})).plans,
    workspaces: await read('workspaces:list', {}),
    windows: await read('windows:get', {}),
    identity: await read('workspace:identity', {}),
  };
}
