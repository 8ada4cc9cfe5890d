import type { AuditSource } from '../../../src-shared/domain/audit';
import type { Environment, Flag, FlagEnvironmentState } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { Clock, FlagProvider } from '../ports';
import type { FlagEnvironmentRead } from '../ports/flagProvider';
import { realTimer } from '../ports/clock';
import type { AuditQueries } from '../store/audit';
import type { FlagChangeKind, Policy } from '../policy/actionPolicy';
import type { Workspace } from '../workspace';
import type { FlagService } from './flagService';

export interface ActionContext {
  workspace: Workspace;
  audit: AuditQueries;
  backends: BackendTracker;
  flags: FlagService;
  bus: EventBus;
  clock: Clock;
  actor: string;
  /** who the audit names as the source; the stop-the-line guard acts as 'guard' (default 'console') */
  source?: AuditSource;
  /** Throws 'blocked' during a release blackout unless an override reason is given (core/rings/windowsService). */
  releaseGate?: (what: string, override: string | undefined) => void;
  /** Profiles, four-eyes and break-glass (core/policy): asked before the server is, told after it confirmed. */
  policy?: Policy;
}

export interface Confirmed {
  confirmedAt: number;
  latencyMs: number;
  state: FlagEnvironmentState;
}

const isProduction = (environments: Environment[], name: string) =>
  environments.find((e) => e.name === name)?.type === 'production';

/** Waits before reading a change back again when the first read-back disagrees. */
const READ_BACK_RETRIES_MS = [150, 400];
const pause = (clock: Clock, ms: number) => new Promise<void>((resolve) => (clock.after ?? realTimer)(ms, resolve));

/** The lightest read the server offers that confirms a change (see FlagProvider.readEnvironment). */
const readBack = async (p: FlagProvider, flag: string, environment: string): Promise<FlagEnvironmentRead> =>
  p.readEnvironment ? p.readEnvironment(flag, environment) : { state: await p.readState(flag, environment), complete: true };

/**
 * A read that left part of a strategy out (Unleash's segments) counts fewer constraints than the
 * strategy has: keep the larger of that and the cached count, so the cache never shows a guarded
 * strategy as unguarded (flag debt counts those); the next poll reads the flag whole.
 */
const withCachedCounts = (state: FlagEnvironmentState, cached: FlagEnvironmentState | null): FlagEnvironmentState => ({
  ...state,
  strategies: state.strategies.map((s) => {
    const known = cached?.strategies.find((c) => c.id === s.id);
    return known && known.constraintCount > s.constraintCount ? { ...s, constraintCount: known.constraintCount } : s;
  }),
});

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Flag changes made from the console. Each writes its intent to the audit before calling the
 * server and its outcome after; success means the server's own read-back shows the new state.
 */
export function createFlagActions(ctx: ActionContext) {
  const provider = (): FlagProvider => {
    if (!ctx.workspace.flags) throw new RingsideError('unavailable', 'No flag backend is configured for this workspace.');
    return ctx.workspace.flags;
  };

  const who = () => ({ actor: ctx.actor, source: ctx.source ?? ('console' as const) });

  async function audited(
    request: { flag: string; environment: string; reason?: string; action: string; kind: FlagChangeKind; intent: unknown },
    change: (p: FlagProvider) => Promise<void>,
    confirmedBy: (state: FlagEnvironmentState) => boolean,
  ): Promise<Confirmed> {
    const p = provider();
    const base = {
      source: ctx.source ?? 'console',
      actor: ctx.actor,
      workspace: ctx.workspace.id,
      environment: request.environment,
      objectType: 'flag' as const,
      objectId: request.flag,
      reason: request.reason ?? null,
    };
    const before = ctx.flags.cachedState(request.flag, request.environment);
    const intentId = ctx.audit.append({
      ...base,
      time: ctx.clock.now(),
      action: `${request.action}.requested`,
      before,
      after: request.intent,
      result: 'pending',
    });
    const started = ctx.clock.now();
    const outcome = (result: string, after: unknown) =>
      ctx.audit.append({ ...base, time: ctx.clock.now(), action: request.action, before, after, result });
    try {
      const { state, complete } = await ctx.backends.track('flags', async () => {
        await change(p);
        // A cache in front of the server may answer the read-back from before the change: ask again, briefly.
        let read = await readBack(p, request.flag, request.environment);
        for (const wait of READ_BACK_RETRIES_MS) {
          if (confirmedBy(read.state)) break;
          await pause(ctx.clock, wait);
          read = await readBack(p, request.flag, request.environment);
        }
        return read;
      });
      const confirmedAt = ctx.clock.now();
      const latencyMs = confirmedAt - started;
      if (!confirmedBy(state)) {
        outcome('unconfirmed', { intentId, state, latencyMs });
        throw new RingsideError(
          'conflict',
          `The server accepted the change to ${request.flag} in ${request.environment} but reads back a different state; ` +
            'someone else may have changed it. Reload and check.',
        );
      }
      outcome('confirmed', { intentId, state, confirmedAt, latencyMs });
      ctx.flags.applyState(request.flag, complete ? state : withCachedCounts(state, before), confirmedAt);
      await ctx.policy?.afterFlag(request.kind, request.flag, request.environment, who(), request.action, request.reason ?? null);
      return { confirmedAt, latencyMs, state };
    } catch (error) {
      if (!(error instanceof RingsideError && error.code === 'conflict')) {
        outcome(`failed: ${message(error).slice(0, 500)}`, { intentId, latencyMs: ctx.clock.now() - started });
      }
      throw ctx.policy ? await ctx.policy.explainFlag(error, request.kind, request.flag, request.environment) : error;
    } finally {
      ctx.bus.emit('state:changed', { domain: 'flags' });
      ctx.bus.emit('state:changed', { domain: 'audit' });
    }
  }

  async function setEnabled(req: { flag: string; environment: string; enabled: boolean; reason?: string; blackoutOverride?: string }) {
    const kind = req.enabled ? 'flag.on' : 'flag.off';
    await ctx.policy?.beforeFlag(kind, req.flag, req.environment, who());
    const release = req.enabled && isProduction(ctx.flags.environments(), req.environment);
    if (release && !req.reason) {
      throw new RingsideError(
        'bad_request',
        `reason: turning ${req.flag} on in ${req.environment} is a release, not a kill; give a reason.`,
      );
    }
    if (release) ctx.releaseGate?.(`Turning ${req.flag} on in ${req.environment}`, req.blackoutOverride);
    const done = await audited(
      { ...req, action: req.enabled ? 'flag.enabled' : 'flag.disabled', kind, intent: { enabled: req.enabled } },
      (p) => p.setEnabled(req.flag, req.environment, req.enabled),
      (state) => state.enabled === req.enabled,
    );
    return { flag: req.flag, environment: req.environment, enabled: done.state.enabled, confirmedAt: done.confirmedAt, latencyMs: done.latencyMs };
  }

  async function setRollout(req: {
    flag: string;
    environment: string;
    strategyId: string;
    rollout: number;
    reason?: string;
    blackoutOverride?: string;
  }) {
    const current = ctx.flags.cachedState(req.flag, req.environment)?.strategies.find((s) => s.id === req.strategyId);
    const raising = current?.rollout == null || req.rollout > current.rollout;
    const kind = raising ? 'rollout.raise' : 'rollout.lower';
    await ctx.policy?.beforeFlag(kind, req.flag, req.environment, who());
    const release = raising && isProduction(ctx.flags.environments(), req.environment);
    if (release && !req.reason) {
      throw new RingsideError(
        'bad_request',
        `reason: raising the rollout of ${req.flag} in ${req.environment} exposes more users; give a reason.`,
      );
    }
    // Lowering a rollout takes exposure away, like a kill: never blocked.
    if (release) ctx.releaseGate?.(`Raising the rollout of ${req.flag} in ${req.environment} to ${req.rollout}%`, req.blackoutOverride);
    const done = await audited(
      { ...req, action: 'flag.strategy.updated', kind, intent: { strategyId: req.strategyId, rollout: req.rollout } },
      (p) => p.setRollout(req.flag, req.environment, req.strategyId, req.rollout),
      (state) => state.strategies.some((s) => s.id === req.strategyId && s.rollout === req.rollout),
    );
    return { flag: req.flag, environment: req.environment, rollout: req.rollout, confirmedAt: done.confirmedAt, latencyMs: done.latencyMs };
  }

  /**
   * Enable or disable one strategy (the audience of a ring). Enabling in production exposes that
   * audience, so it is a release: a reason and the release windows. Disabling takes exposure away
   * and is never blocked.
   */
  async function setStrategyEnabled(req: {
    flag: string;
    environment: string;
    strategyId: string;
    enabled: boolean;
    reason?: string;
    blackoutOverride?: string;
  }) {
    const cached = ctx.flags.cachedState(req.flag, req.environment)?.strategies.find((s) => s.id === req.strategyId);
    const label = cached?.title ? `strategy "${cached.title}"` : `strategy ${req.strategyId}`;
    const kind = req.enabled ? 'strategy.enable' : 'strategy.disable';
    await ctx.policy?.beforeFlag(kind, req.flag, req.environment, who());
    const release = req.enabled && isProduction(ctx.flags.environments(), req.environment);
    if (release && !req.reason) {
      throw new RingsideError(
        'bad_request',
        `reason: enabling ${label} of ${req.flag} in ${req.environment} exposes its audience; give a reason.`,
      );
    }
    if (release) ctx.releaseGate?.(`Enabling ${label} of ${req.flag} in ${req.environment}`, req.blackoutOverride);
    const done = await audited(
      {
        ...req,
        action: req.enabled ? 'flag.strategy.enabled' : 'flag.strategy.disabled',
        kind,
        intent: { strategyId: req.strategyId, disabled: !req.enabled },
      },
      (p) => p.setStrategyEnabled(req.flag, req.environment, req.strategyId, req.enabled),
      (state) => state.strategies.some((s) => s.id === req.strategyId && s.disabled === !req.enabled),
    );
    return { flag: req.flag, environment: req.environment, strategyId: req.strategyId, state: done.state, confirmedAt: done.confirmedAt, latencyMs: done.latencyMs };
  }

  /** Kill every flag carrying `type:value` that is on in the environment; one result per flag. */
  async function killByTag(req: { tag: string; environment: string; reason?: string }) {
    ctx.policy?.requireAllowed('flag.killByTag', req.environment, who());
    const split = req.tag.indexOf(':');
    const type = req.tag.slice(0, split);
    const value = req.tag.slice(split + 1);
    const listing = await ctx.flags.list();
    const targets = listing.flags.filter(
      (f: Flag) =>
        f.tags.some((t) => t.type === type && t.value === value) &&
        f.environments.some((e) => e.environment === req.environment && e.enabled),
    );
    const results = [];
    for (const flag of targets) {
      try {
        const done = await setEnabled({ flag: flag.name, environment: req.environment, enabled: false, reason: req.reason });
        results.push({ flag: flag.name, ok: true, message: null, confirmedAt: done.confirmedAt });
      } catch (error) {
        results.push({ flag: flag.name, ok: false, message: message(error), confirmedAt: null });
      }
    }
    return { results };
  }

  return { setEnabled, setRollout, setStrategyEnabled, killByTag };
}
