import type { FlagEnvironmentState } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { OpenIntent, OpenIntentQueries } from '../store/openIntents';
import type { Workspace } from '../workspace';
import type { FlagService } from './flagService';

type Intent = { enabled?: boolean; strategyId?: string; rollout?: number; disabled?: boolean };

/** Whether the server's state is what the intent asked for. */
export function intentApplied(intent: Intent, state: FlagEnvironmentState): boolean {
  if (typeof intent.enabled === 'boolean') return state.enabled === intent.enabled;
  const strategy = state.strategies.find((s) => s.id === intent.strategyId);
  if (!strategy) return false;
  if (typeof intent.rollout === 'number') return strategy.rollout === intent.rollout;
  if (typeof intent.disabled === 'boolean') return strategy.disabled === intent.disabled;
  return false;
}

/** What the server showed, in words: the evidence beside a reconciled outcome. */
export function evidenceOf(provider: string, flag: string, intent: Intent, state: FlagEnvironmentState): string {
  const where = `${flag} in ${state.environment}`;
  if (typeof intent.enabled === 'boolean') return `${provider} reads ${where} ${state.enabled ? 'on' : 'off'}`;
  const strategy = state.strategies.find((s) => s.id === intent.strategyId);
  if (!strategy) return `${provider} has no strategy ${intent.strategyId} on ${where}`;
  if (typeof intent.rollout === 'number') return `${provider} reads the rollout of ${where} at ${strategy.rollout ?? 'no'} %`;
  return `${provider} reads strategy ${strategy.title ?? strategy.id} of ${where} ${strategy.disabled ? 'disabled' : 'enabled'}`;
}

export interface ReconcileDeps {
  workspace: Workspace;
  openIntents: OpenIntentQueries;
  audit: AuditQueries;
  backends: BackendTracker;
  flags: FlagService;
  clock: Clock;
}

/**
 * Intents a crash left without an outcome, settled against the server at the next start: the
 * flag's state is read and the outcome recorded as "confirmed after restart" or "not applied",
 * with what the server showed. Unreachable servers leave the rest for the next poll.
 */
export function createReconciler(deps: ReconcileDeps) {
  const { workspace, openIntents, audit, backends, flags, clock } = deps;
  let running: Promise<number> | null = null;
  // Intents written from here on belong to this session, which records their outcomes itself.
  const upTo = audit.maxId(workspace.id) ?? 0;

  function record(intent: OpenIntent, result: string, after: Record<string, unknown>) {
    audit.append({
      time: clock.now(),
      source: intent.source as 'console',
      actor: intent.actor,
      workspace: workspace.id,
      environment: intent.environment,
      objectType: intent.objectType as 'flag',
      objectId: intent.objectId,
      action: intent.action.replace(/\.requested$/, ''),
      before: null,
      after: { intentId: intent.auditId, requestedAt: intent.time, reconciledAt: clock.now(), ...after },
      reason: null,
      result,
    });
  }

  async function settle(intent: OpenIntent): Promise<void> {
    const provider = workspace.flags;
    if (intent.objectType !== 'flag' || !intent.environment) {
      // Rollout changes are read back by the rollout observer; the outcome of this one went unrecorded.
      record(intent, 'not verified after restart', { evidence: 'Ringside stopped before the change was confirmed; the rollout history shows what happened.' });
      return;
    }
    if (!provider) return;
    const wanted = (intent.intent ?? {}) as Intent;
    try {
      const state = await backends.track('flags', () => provider.readState(intent.objectId, intent.environment!));
      const applied = intentApplied(wanted, state);
      record(intent, applied ? 'confirmed after restart' : 'not applied', {
        state,
        evidence: evidenceOf(provider.provider === 'unleash' ? 'Unleash' : 'The flag server', intent.objectId, wanted, state),
      });
      flags.applyState(intent.objectId, state);
    } catch (error) {
      if (error instanceof RingsideError && error.code === 'not_found') {
        record(intent, 'not applied', { evidence: `${intent.objectId} has no ${intent.environment} environment on the flag server any more` });
        return;
      }
      throw error;
    }
  }

  async function reconcile(): Promise<number> {
    for (const intent of openIntents.open(workspace.id, upTo)) {
      try {
        await settle(intent);
      } catch {
        break; // the server did not answer: the rest wait for the next poll
      }
    }
    return openIntents.count(workspace.id, upTo);
  }

  return {
    /** Settle every open intent the server can answer for; resolves to how many are still open. */
    run(): Promise<number> {
      running ??= reconcile().finally(() => {
        running = null;
      });
      return running;
    },
    /** Cheap: a poll asks the server only while something is open. */
    pending: () => openIntents.count(workspace.id, upTo) > 0,
  };
}
export type Reconciler = ReturnType<typeof createReconciler>;
