import type { Environment, Flag } from '../../../src-shared/domain/flag';
import type { FlagProvider, FlagSnapshot } from '../../core/ports';
import { buildFlags, ENVIRONMENTS } from './fleet';

/** The demo's flag server: the fleet's flags held in memory, handed out as copies. */
export class DemoFlagProvider implements FlagProvider {
  readonly provider = 'demo';
  /** Keyed by flag name so a later write (toggle, strategy edit) finds its flag in one step. */
  private readonly flags = new Map<string, Flag>();
  private readonly environments: Environment[] = structuredClone(ENVIRONMENTS);

  constructor(options: { seed: number; now: number }) {
    for (const flag of buildFlags(options.seed, options.now)) this.flags.set(flag.name, flag);
  }

  async listFlags(): Promise<FlagSnapshot> {
    return structuredClone({ flags: [...this.flags.values()], environments: this.environments });
  }
}
