import type { Environment, Flag } from '../../../src-shared/domain/flag';

export interface FlagSnapshot {
  flags: Flag[];
  environments: Environment[];
}

/** A feature-flag server (Unleash first). Methods throw RingsideError with an actionable message. */
export interface FlagProvider {
  /** Short provider name shown in the UI, e.g. "unleash" or "demo". */
  readonly provider: string;
  /** Every flag of the workspace's project with its per-environment state and strategies. */
  listFlags(): Promise<FlagSnapshot>;
}
