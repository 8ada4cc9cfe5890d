import type { AuditSource, NewAuditEvent } from '../../../src-shared/domain/audit';
import type { ObservedRollout, PlanRun, PlanSettings, PlanView, ReleasePlan } from '../../../src-shared/domain/plan';
import type { Rollout } from '../../../src-shared/domain/rollout';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { CanaryService } from '../canary/canaryService';
import type { EventBus } from '../events';
import type { Policy } from '../policy/actionPolicy';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { ReleasePlanQueries } from '../store/releasePlans';
import type { Workspace } from '../workspace';
import { analysisTemplate, type GateExportOptions } from './analysisTemplate';
import { defaultPlan } from './defaultPlan';
import { evidenceText, gateVerdictOf } from './evidence';
import { enterLayers, rollbackLayers, type Actor, type LayerDeps, type LayerResult } from './layers';
import { advanceCheck, enterRing, newRun, observe, ringStatuses, type Decision, type Observation } from './progression';
import type { WindowsService } from './windowsService';

export const GUARD_ACTOR = 'ringside-guard';
export const AUTO_ACTOR = 'ringside-auto';

export interface RingDeps extends LayerDeps {
  store: ReleasePlanQueries;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
  /** the person at the console */
  actor: string;
  canary: Pick<CanaryService, 'verdict' | 'resumeFrom' | 'forget'>;
  windows: WindowsService;
  backends: BackendTracker;
  /** Profiles, four-eyes and break-glass (core/policy); absent in tests of the rings alone. */
  policy?: Policy;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const observed = (r: Rollout): ObservedRollout => ({ phase: r.phase, canaryWeight: r.canaryWeight, aborted: r.aborted, paused: r.paused, message: r.message, observedAt: r.observedAt });
const summary = (layers: LayerResult[]) => layers.map((l) => `${l.layer} ${l.target}: ${l.ok ? l.message : `FAILED (${l.message})`}`).join('; ');

/**
 * Release plans of one workspace: stored plans, their runs moved on by observations (the poll)
 * and by people (advance, halt, roll back), and the stop-the-line guard. Work on one plan is
 * serialized so the poll's guard and a person's click never interleave on the same plan.
 */
export function createRingService(workspace: Workspace, deps: RingDeps) {
  const { store, clock } = deps;
  const queues = new Map<string, Promise<unknown>>();
  /** Why auto-advance waits (the profile, or a second person), per plan, as its last healthy observation found. */
  const held = new Map<string, string>();
  const person = () => ({ actor: deps.actor, source: 'console' as const });
  const allowed = (action: 'plan.edit' | 'plan.halt' | 'plan.rollback') => deps.policy?.requireAllowed(action, 'deploy', person());

  function exclusive<T>(planId: string, work: () => Promise<T>): Promise<T> {
    const before = queues.get(planId) ?? Promise.resolve();
    const next = before.then(work, work);
    queues.set(planId, next.catch(() => {}));
    return next;
  }

  const planOf = (id: string): ReleasePlan => {
    const plan = store.get(workspace.id, id);
    if (!plan) throw new RingsideError('not_found', `No release plan "${id.slice(0, 80)}" in workspace ${workspace.name}.`);
    return plan;
  };
  const runOf = (plan: ReleasePlan): PlanRun => store.run(workspace.id, plan.id) ?? newRun(plan);
  const saveRun = (plan: ReleasePlan, run: PlanRun) => store.saveRun(workspace.id, plan.id, run, clock.now());

  // After a restart the canary service knows no breach counts; they continue from the plan's run.
  deps.canary.resumeFrom((releaseId) => {
    const plan = store.list(workspace.id).find((p) => p.releaseId === releaseId);
    if (!plan) return null;
    try {
      return store.run(workspace.id, plan.id)?.breaches ?? null;
    } catch {
      return null; // a run that no longer parses is reported where the plan is listed
    }
  });

  function audit(event: Omit<NewAuditEvent, 'time' | 'workspace'>) {
    deps.audit.append({ ...event, time: clock.now(), workspace: workspace.id });
    deps.bus.emit('state:changed', { domain: 'audit' });
  }
  const changed = () => deps.bus.emit('state:changed', { domain: 'plans' });

  function view(plan: ReleasePlan, run: PlanRun): PlanView {
    const now = clock.now();
    let advance = advanceCheck(plan, run, now);
    const blackout = deps.windows.gatekeeper.status();
    if (advance.allowed && blackout.blocked) {
      const until = blackout.endsAtLocal ? ` until ${blackout.endsAtLocal}` : '';
      advance = { allowed: false, reason: `Release blackout: ${blackout.reason}${until}; an override reason lets it through.` };
    }
    const hold = held.get(plan.id);
    if (advance.allowed && hold && plan.autoAdvance) advance = { allowed: false, reason: `Auto-advance waits: ${hold}` };
    return { plan, run, rings: ringStatuses(plan, run, now), advance, computedAt: now };
  }

  function list() {
    const plans = store.list(workspace.id);
    const planned = new Set(plans.map((p) => p.releaseId));
    return {
      plans: plans.map((p) => view(p, runOf(p))),
      unplanned: workspace.releases.filter((r) => !planned.has(r.release.id)).map((r) => r.release),
      blackout: deps.windows.gatekeeper.status(),
    };
  }

  async function create(releaseId: string): Promise<PlanView> {
    const definition = workspace.releases.find((r) => r.release.id === releaseId);
    if (!definition) throw new RingsideError('not_found', `No release "${releaseId.slice(0, 80)}" in workspace ${workspace.name}.`);
    allowed('plan.edit');
    if (store.list(workspace.id).some((p) => p.releaseId === releaseId)) {
      throw new RingsideError('conflict', `Release ${releaseId} already has a plan; change that one or reset it.`);
    }
    const { release } = definition;
    let rollout = null;
    if (release.rollout && workspace.deploy) {
      const deploy = workspace.deploy;
      const found = (await deps.backends.track('deploy', () => deploy.listRollouts())).find((r) => r.name === release.rollout);
      if (!found) throw new RingsideError('not_found', `Release ${release.id} names rollout ${release.rollout}, which the deploy backend does not list.`);
      rollout = { namespace: found.namespace, name: found.name };
    }
    const environments = workspace.flags ? (await deps.backends.track('flags', () => workspace.flags!.listFlags())).environments : [];
    const environment = environments.find((e) => e.type === 'production')?.name ?? 'production';
    const plan = defaultPlan(release, rollout, environment, clock.now());
    const run = newRun(plan);
    store.save(workspace.id, plan, run);
    audit({ source: 'console', actor: deps.actor, environment, objectType: 'plan', objectId: plan.id, action: 'plan.created', before: null, after: plan, reason: null, result: 'saved' });
    changed();
    return view(plan, run);
  }

  function update(planId: string, patch: Partial<Pick<PlanSettings, 'autoAdvance' | 'guardMode' | 'rings' | 'environment' | 'name'>>) {
    return exclusive(planId, async () => {
      const plan = planOf(planId);
      allowed('plan.edit');
      const run = runOf(plan);
      const reshaping = patch.rings !== undefined || (patch.environment !== undefined && patch.environment !== plan.environment);
      if (reshaping && run.ring !== -1) {
        throw new RingsideError('conflict', `${plan.name} is under way (${plan.rings[run.ring]?.name}); reset the plan before changing its rings or environment.`);
      }
      const next: ReleasePlan = { ...plan, ...patch, updatedAt: clock.now() };
      store.save(workspace.id, next, reshaping ? newRun(next) : run);
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, plan[k as keyof ReleasePlan]]));
      audit({ source: 'console', actor: deps.actor, environment: null, objectType: 'plan', objectId: plan.id, action: 'plan.updated', before, after: patch, reason: null, result: 'saved' });
      changed();
      return view(next, runOf(next));
    });
  }

  /** Read the verdict and the rollout now. Either may fail; the other still counts. */
  async function observeWorld(plan: ReleasePlan): Promise<Observation> {
    const errors: string[] = [];
    let verdict = null;
    if (workspace.releases.some((r) => r.release.id === plan.releaseId)) {
      try {
        verdict = gateVerdictOf(await deps.canary.verdict({ releaseId: plan.releaseId }));
      } catch (error) {
        errors.push(`verdict: ${message(error)}`);
      }
    } else errors.push(`verdict: the workspace no longer has release ${plan.releaseId}`);
    let rollout: ObservedRollout | null = null;
    const deploy = workspace.deploy;
    if (plan.rollout && deploy) {
      try {
        rollout = observed(await deps.backends.track('deploy', () => deploy.getRollout(plan.rollout!)));
      } catch (error) {
        errors.push(`rollout: ${message(error)}`);
      }
    }
    return { at: clock.now(), verdict, rollout, error: errors.length ? errors.join('; ') : null };
  }

  /** Move both layers into the next ring and record who did it; nothing is recorded as entered unless every layer moved. */
  async function enterNext(plan: ReleasePlan, run: PlanRun, who: { actor: string; source: AuditSource }, override?: string): Promise<PlanRun> {
    const index = run.ring + 1;
    const ring = plan.rings[index]!;
    const reason = override ? `${ring.name} of ${plan.name} (blackout override: ${override})` : `${ring.name} of ${plan.name}`;
    const actor: Actor = { ...who, reason: `Advance to ${reason}` };
    const base = { source: who.source, actor: who.actor, environment: plan.environment, objectType: 'plan' as const, objectId: plan.id, action: 'plan.advanced' };
    const from = run.ring >= 0 ? plan.rings[run.ring]!.name : null;
    try {
      const { done, rollout } = await enterLayers(deps, plan, index, run.rollout?.canaryWeight ?? null, actor, override);
      const next = enterRing(run, index, clock.now(), who.actor);
      if (rollout) next.rollout = observed(rollout);
      saveRun(plan, next);
      audit({ ...base, before: { ring: from }, after: { ring: ring.name, done }, reason: override ?? null, result: 'done' });
      return next;
    } catch (error) {
      audit({ ...base, before: { ring: from }, after: { ring: ring.name }, reason: override ?? null, result: `failed: ${message(error).slice(0, 500)}` });
      throw error;
    } finally {
      changed();
    }
  }

  function advance(planId: string, override?: string): Promise<PlanView> {
    return exclusive(planId, async () => {
      const plan = planOf(planId);
      // Decide on what holds now, not on what the last poll saw (before Ring 0 too: where the rollout stands).
      const run = await settle(plan, runOf(plan), await observeWorld(plan));
      const check = advanceCheck(plan, run, clock.now());
      if (!check.allowed) throw new RingsideError('conflict', check.reason ?? 'The plan cannot advance now.');
      const next = plan.rings[run.ring + 1]!;
      const approval = (await deps.policy?.beforeAdvance(plan, run, person())) ?? null;
      deps.windows.gatekeeper.check(`Advancing ${plan.name} to ${next.name}`, override, deps.actor);
      try {
        return view(plan, await enterNext(plan, run, person(), override));
      } finally {
        // Used up once tried, even if a layer failed: an approval never carries over to another attempt.
        if (plan.rollout) await deps.policy?.released(plan.rollout, approval, person());
      }
    });
  }

  function halt(planId: string, reason: string | undefined): Promise<{ plan: PlanView; layers: LayerResult[] }> {
    return exclusive(planId, async () => {
      const plan = planOf(planId);
      allowed('plan.halt');
      const run = runOf(plan);
      if (run.ring < 0 || run.completedAt !== null) throw new RingsideError('conflict', `${plan.name} is not under way; there is nothing to halt.`);
      if (run.halt) throw new RingsideError('conflict', `${plan.name} is already halted: ${run.halt.reason}`);
      const why = reason ?? 'Halted from the console';
      const layers: LayerResult[] = [];
      let paused: Rollout | null = null;
      if (plan.rollout && workspace.deploy) {
        const target = `${plan.rollout.namespace}/${plan.rollout.name}`;
        try {
          paused = await deps.rollouts.act('pause', plan.rollout, { actor: deps.actor, source: 'console', reason: why });
          layers.push({ layer: 'rollout', target, ok: true, message: 'paused where it stands' });
        } catch (error) {
          layers.push({ layer: 'rollout', target, ok: false, message: message(error) });
        }
      }
      const next = structuredClone(run);
      next.halt = { ring: run.ring, at: clock.now(), by: deps.actor, reason: why, kind: 'person', acted: true, rolledBack: false, evidence: null };
      next.rings[run.ring]!.gateSince = null;
      if (paused) next.rollout = observed(paused);
      saveRun(plan, next);
      audit({ source: 'console', actor: deps.actor, environment: plan.environment, objectType: 'plan', objectId: plan.id, action: 'plan.halted', before: { ring: plan.rings[run.ring]!.name }, after: { layers }, reason: why, result: layers.every((l) => l.ok) ? 'done' : `partial: ${summary(layers)}` });
      changed();
      return { plan: view(plan, next), layers };
    });
  }

  /** Both layers back, as a person chose; allowed in a blackout. */
  function rollback(planId: string, reason: string | undefined): Promise<{ plan: PlanView; layers: LayerResult[] }> {
    return exclusive(planId, async () => {
      const plan = planOf(planId);
      // Both layers are checked before either moves: a roll-back is never left half done by a profile.
      allowed('plan.rollback');
      if (plan.flag && workspace.flags) deps.policy?.requireAllowed('flag.off', plan.environment, person());
      const run = runOf(plan);
      if (run.ring < 0) throw new RingsideError('conflict', `${plan.name} has not started; there is nothing to roll back.`);
      const why = reason ?? 'Rolled back from the console';
      const { layers, rollout } = await rollbackLayers(deps, plan, { actor: deps.actor, source: 'console', reason: `Roll back ${plan.name}: ${why}` });
      const next = structuredClone(run);
      if (rollout) next.rollout = observed(rollout);
      const rolledBack = layers.every((l) => l.ok);
      next.halt = { ring: Math.max(run.ring, 0), at: clock.now(), by: deps.actor, reason: why, kind: 'person', acted: true, rolledBack, evidence: run.halt?.evidence ?? null };
      next.rings[run.ring]!.gateSince = null;
      saveRun(plan, next);
      audit({ source: 'console', actor: deps.actor, environment: plan.environment, objectType: 'plan', objectId: plan.id, action: 'plan.rolledBack', before: { ring: plan.rings[run.ring]!.name }, after: { layers }, reason: why, result: rolledBack ? 'done' : `partial: ${summary(layers)}` });
      changed();
      return { plan: view(plan, next), layers };
    });
  }

  function reset(planId: string, reason: string): Promise<PlanView> {
    return exclusive(planId, async () => {
      const plan = planOf(planId);
      allowed('plan.edit');
      const before = runOf(plan);
      const run = newRun(plan);
      saveRun(plan, run);
      // The guard starts over, and so do the rules' breach counts.
      deps.canary.forget(plan.releaseId);
      audit({ source: 'console', actor: deps.actor, environment: null, objectType: 'plan', objectId: plan.id, action: 'plan.reset', before: { ring: before.ring, halt: before.halt }, after: { ring: -1 }, reason, result: 'done' });
      changed();
      return view(plan, run);
    });
  }

  /** The guard's half of an observation: act on both layers (or only recommend), record it with its evidence, raise the banner. */
  async function guard(plan: ReleasePlan, run: PlanRun, decision: Extract<Decision, { kind: 'guard' }>): Promise<PlanRun> {
    const ring = plan.rings[decision.ring]!;
    const evidence = evidenceText(decision.evidence);
    const acted = decision.mode === 'act';
    const { layers, rollout } = acted
      ? await rollbackLayers(deps, plan, {
          actor: GUARD_ACTOR,
          source: 'guard',
          reason: `Stop the line: ${ring.name} of ${plan.name} failed its gate. Evidence: ${evidence}.`,
          evidence: decision.evidence,
        })
      : { layers: [], rollout: null };
    const next = structuredClone(run);
    if (rollout) next.rollout = observed(rollout);
    next.halt = { ...next.halt!, rolledBack: acted && layers.every((l) => l.ok) };
    saveRun(plan, next);
    const text = acted
      ? `Stop the line: ${plan.name} halted at ${ring.name}. ${summary(layers) || 'nothing to act on'}. Evidence: ${evidence}.`
      : `Stop the line recommended: ${plan.name} failed at ${ring.name}; roll back both layers. Evidence: ${evidence}.`;
    audit({
      source: 'guard',
      actor: GUARD_ACTOR,
      environment: plan.environment,
      objectType: 'release',
      objectId: plan.releaseId,
      action: acted ? 'guard.rolledBack' : 'guard.recommended',
      before: { ring: ring.name, plan: plan.id },
      after: { evidence: decision.evidence, layers },
      reason: text,
      result: acted ? (layers.every((l) => l.ok) ? 'done' : 'partial') : 'recommended',
    });
    deps.bus.emit('plans:guard', { planId: plan.id, releaseId: plan.releaseId, ring: ring.name, acted, message: text, at: clock.now(), layers, evidence: decision.evidence });
    return next;
  }

  /** Fold an observation in and carry out what it decides: the guard first, then auto-advance. */
  async function settle(plan: ReleasePlan, run: PlanRun, obs: Observation): Promise<PlanRun> {
    const observed = observe(plan, run, obs);
    let next = observed.run;
    const { decisions } = observed;
    saveRun(plan, next);
    if (!decisions.some((d) => d.kind === 'autoAdvance')) held.delete(plan.id);
    for (const decision of decisions) {
      if (decision.kind === 'guard') next = await guard(plan, next, decision);
      else if (!deps.windows.gatekeeper.status().blocked) next = await autoAdvance(plan, next);
    }
    return next;
  }

  /** Auto-advance goes only where a person could: the profile and four-eyes hold it, with the reason on the plan. */
  async function autoAdvance(plan: ReleasePlan, run: PlanRun): Promise<PlanRun> {
    const auto = { actor: AUTO_ACTOR, source: 'console' as const };
    let approval: Awaited<ReturnType<Policy['beforeAdvance']>>;
    try {
      approval = (await deps.policy?.beforeAdvance(plan, run, auto)) ?? null;
    } catch (error) {
      const reason = message(error);
      if (held.get(plan.id) !== reason) {
        audit({ ...auto, environment: plan.environment, objectType: 'plan', objectId: plan.id, action: 'plan.autoAdvance.held', before: { ring: plan.rings[run.ring]?.name ?? null }, after: null, reason, result: 'waiting' });
      }
      held.set(plan.id, reason);
      return run;
    }
    held.delete(plan.id);
    try {
      return await enterNext(plan, run, auto);
    } catch {
      return run; // audited in enterNext as a failed advance; the next poll tries again
    } finally {
      if (plan.rollout) await deps.policy?.released(plan.rollout, approval, auto);
    }
  }

  /** One round of the session's poll: observe every plan under way. */
  async function poll(): Promise<void> {
    const live = store.list(workspace.id).filter((p) => {
      const run = runOf(p);
      return run.ring >= 0 && run.completedAt === null;
    });
    for (const plan of live) {
      await exclusive(plan.id, async () => {
        const current = planOf(plan.id);
        const run = runOf(current);
        if (run.ring < 0 || run.completedAt !== null) return;
        await settle(current, run, await observeWorld(current));
      });
    }
    if (live.length) changed();
  }

  function exportGate(planId: string, options: GateExportOptions) {
    const plan = planOf(planId);
    const definition = workspace.releases.find((r) => r.release.id === plan.releaseId);
    if (!definition) throw new RingsideError('not_found', `The workspace no longer has release ${plan.releaseId}.`);
    return analysisTemplate(definition, options);
  }

  /** Plans (and their runs) a workspace brings along, e.g. the demo's simulated release; saved windows are kept. */
  function seed() {
    const seeded = workspace.seedPlans?.();
    if (!seeded) return;
    for (const { plan, run } of seeded.plans) {
      if (seeded.replace || !store.get(workspace.id, plan.id)) store.save(workspace.id, plan, run);
    }
    if (seeded.windows && !store.windows(workspace.id)) store.saveWindows(workspace.id, seeded.windows, clock.now());
  }

  return { list, create, update, advance, halt, rollback, reset, poll, exportGate, seed };
}
export type RingService = ReturnType<typeof createRingService>;
