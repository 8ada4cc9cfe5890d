import type { FlagGovernance } from './governance';
import type {
  Environment,
  FeatureTypeInfo,
  Flag,
  FlagEnvironmentState,
  FlagServerEvent,
} from '../../../src-shared/domain/flag';

export interface FlagSnapshot {
  flags: Flag[];
  environments: Environment[];
}

/**
 * A flag as a cheap listing shows it: its state per environment and whether it has (enabled)
 * strategies, but not the strategies themselves.
 */
export interface FlagSummary extends Omit<Flag, 'environments'> {
  environments: { environment: string; enabled: boolean; hasStrategies: boolean | null; hasEnabledStrategies: boolean | null }[];
}

/** A feature-flag server (Unleash first). Methods throw RingsideError with an actionable message. */
export interface FlagProvider {
  /** Short provider name shown in the UI, e.g. "unleash" or "demo". */
  readonly provider: string;
  /** Every flag of the workspace's project with its per-environment state and strategies. */
  listFlags(): Promise<FlagSnapshot>;
  /**
   * Every flag without its strategies, in as few requests as the server allows (a resync compares
   * it with the cache and re-reads only the flags that differ). Servers without it are listed whole.
   */
  listSummaries?(): Promise<{ flags: FlagSummary[]; environments: Environment[] }>;
  /** The named flags whole, as the server holds them now; names it no longer has come back in `missing`. */
  readFlags?(names: string[]): Promise<{ flags: Flag[]; missing: string[] }>;
  /** One flag in one environment as the server holds it now: the read-back that confirms a change. */
  readState(flag: string, environment: string): Promise<FlagEnvironmentState>;
  /**
   * The lightest read that shows one flag in one environment, to confirm a change with (a kill's
   * read-back). It may leave out part of a strategy the server does not list there (`complete:
   * false`: Unleash's per-environment read names no segments, so constraintCount counts constraints
   * only). Servers without it confirm with readState.
   */
  readEnvironment?(flag: string, environment: string): Promise<FlagEnvironmentRead>;
  /** Turn a flag on or off in an environment. */
  setEnabled(flag: string, environment: string, enabled: boolean): Promise<void>;
  /** Change the percentage of a gradual-rollout strategy. */
  setRollout(flag: string, environment: string, strategyId: string, rollout: number): Promise<void>;
  /**
   * Enable or disable one strategy of a flag in an environment, leaving the flag's own on/off and
   * its other strategies as they are (a ring's audience rides on its own strategy).
   */
  setStrategyEnabled(flag: string, environment: string, strategyId: string, enabled: boolean): Promise<void>;
  /** Feature types with their expected lifetimes. */
  featureTypes(): Promise<FeatureTypeInfo[]>;
  /** Server events with an id above the cursor, oldest first. */
  eventsSince(cursor: number | null): Promise<FlagServerEvent[]>;
  /**
   * One page of the server's event log, newest first, `offset` events from the newest, with the
   * log's length when the server says it. Servers with a long log offer it, so a first sync can
   * commit page by page, show progress, be cancelled and resume.
   */
  eventPage?(offset: number, limit: number): Promise<FlagServerEventPage>;
  /** What the token may do, who it acts as, and the server's change requests where it has them. */
  governance?: FlagGovernance;
}

export interface FlagEnvironmentRead {
  state: FlagEnvironmentState;
  /** false when the read left part of a strategy out (see FlagProvider.readEnvironment) */
  complete: boolean;
}

export interface FlagServerEventPage {
  events: FlagServerEvent[];
  total: number | null;
}
