import type {
  Environment,
  FeatureTypeInfo,
  Flag,
  FlagEnvironmentState,
  FlagServerEvent,
} from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Clock, FlagProvider, FlagSnapshot } from '../../core/ports';
import { buildFlags, ENVIRONMENTS } from './fleet';

/** Unleash's own defaults, so the demo's debt board reads like a real one. */
export const DEMO_FEATURE_TYPES: FeatureTypeInfo[] = [
  { id: 'release', name: 'Release', lifetimeDays: 40 },
  { id: 'experiment', name: 'Experiment', lifetimeDays: 40 },
  { id: 'operational', name: 'Operational', lifetimeDays: 7 },
  { id: 'kill-switch', name: 'Kill switch', lifetimeDays: null },
  { id: 'permission', name: 'Permission', lifetimeDays: null },
];

/**
 * Whom the demo server's log names for the console's writes: as Unleash does, the API token that
 * made them, never a person (the console's own audit row names the person).
 */
export const DEMO_TOKEN_USER = 'demo-admin-token';

/** The demo's flag server: the fleet's flags held in memory, handed out as copies, with an event log. */
export class DemoFlagProvider implements FlagProvider {
  readonly provider = 'demo';
  /** Keyed by flag name so a write finds its flag in one step. */
  private readonly flags = new Map<string, Flag>();
  private readonly environments: Environment[] = structuredClone(ENVIRONMENTS);
  private readonly events: FlagServerEvent[] = [];
  private readonly clock: Pick<Clock, 'now'>;
  /** the id of the log's first event: after a restart the log goes on from the audit's cursor */
  private firstEventId = 1;

  constructor(options: { seed: number; now: number; clock?: Pick<Clock, 'now'> }) {
    this.clock = options.clock ?? { now: () => options.now };
    for (const flag of buildFlags(options.seed, options.now)) this.flags.set(flag.name, flag);
  }

  /**
   * Take up the state the console last knew of this server (a restart on the same data folder):
   * its flags as cached, every cell the audit last saw turned off kept off, and event ids after
   * those already synced. Nothing is logged: these are not new changes.
   */
  restore(state: { flags: Flag[]; off: { flag: string; environment: string }[]; eventCursor: number | null }): void {
    for (const flag of state.flags) if (this.flags.has(flag.name)) this.flags.set(flag.name, structuredClone(flag));
    for (const cell of state.off) {
      const found = this.flags.get(cell.flag)?.environments.find((e) => e.environment === cell.environment);
      if (found) found.enabled = false;
    }
    this.firstEventId = (state.eventCursor ?? 0) + 1;
  }

  async listFlags(): Promise<FlagSnapshot> {
    return structuredClone({ flags: [...this.flags.values()], environments: this.environments });
  }

  async readState(flag: string, environment: string): Promise<FlagEnvironmentState> {
    return structuredClone(this.environmentOf(flag, environment));
  }

  async setEnabled(flag: string, environment: string, enabled: boolean, actor = DEMO_TOKEN_USER): Promise<void> {
    const state = this.environmentOf(flag, environment);
    if (state.enabled === enabled) return;
    state.enabled = enabled;
    this.record(actor, enabled ? 'feature-environment-enabled' : 'feature-environment-disabled', flag, environment, null);
  }

  async setRollout(flag: string, environment: string, strategyId: string, rollout: number): Promise<void> {
    const strategy = this.environmentOf(flag, environment).strategies.find((s) => s.id === strategyId);
    if (!strategy) throw new RingsideError('not_found', `Flag ${flag} has no strategy ${strategyId} in ${environment}.`);
    if (strategy.rollout === null) throw new RingsideError('conflict', `Strategy ${strategyId} of ${flag} is not a gradual rollout.`);
    const before = strategy.rollout;
    strategy.rollout = rollout;
    this.record(DEMO_TOKEN_USER, 'feature-strategy-updated', flag, environment, { rollout, before });
  }

  async setStrategyEnabled(flag: string, environment: string, strategyId: string, enabled: boolean): Promise<void> {
    const state = this.environmentOf(flag, environment);
    const strategy = state.strategies.find((s) => s.id === strategyId);
    if (!strategy) throw new RingsideError('not_found', `Flag ${flag} has no strategy ${strategyId} in ${environment}.`);
    if (strategy.disabled === !enabled) return;
    strategy.disabled = !enabled;
    this.record(DEMO_TOKEN_USER, 'feature-strategy-updated', flag, environment, { strategyId, disabled: !enabled });
    // As Unleash does: an environment left with only disabled strategies is turned off.
    if (state.enabled && state.strategies.every((s) => s.disabled)) await this.setEnabled(flag, environment, false);
  }

  async featureTypes(): Promise<FeatureTypeInfo[]> {
    return structuredClone(DEMO_FEATURE_TYPES);
  }

  async eventsSince(cursor: number | null): Promise<FlagServerEvent[]> {
    return structuredClone(this.events.filter((e) => cursor === null || e.id > cursor));
  }

  /** A change made by someone else on the server, as a teammate would in Unleash's UI. */
  async changeByOther(actor: string, flag: string, environment: string, enabled: boolean): Promise<void> {
    await this.setEnabled(flag, environment, enabled, actor);
  }

  private environmentOf(flag: string, environment: string): FlagEnvironmentState {
    const found = this.flags.get(flag);
    if (!found) throw new RingsideError('not_found', `The demo has no flag named "${flag.slice(0, 120)}".`);
    const state = found.environments.find((e) => e.environment === environment);
    if (!state) throw new RingsideError('not_found', `Flag ${flag} has no environment "${environment.slice(0, 60)}".`);
    return state;
  }

  private record(actor: string, type: string, flag: string, environment: string, data: unknown) {
    this.events.push({
      id: this.firstEventId + this.events.length,
      type,
      createdBy: actor,
      createdAt: this.clock.now(),
      flag,
      environment,
      data,
      preData: null,
    });
  }
}
