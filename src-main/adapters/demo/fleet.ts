import type { Environment, Flag, FlagEnvironmentState, FlagTag, FlagType } from '../../../src-shared/domain/flag';
import { stableUuid } from './random';

/** The demo's static fleet: four services, their owners, and the flags they ship behind. */

export const DAY_MS = 86_400_000;
export const SERVICES = ['checkout', 'search', 'payments', 'profile'] as const;
export type Service = (typeof SERVICES)[number];

export const DEMO_PROJECT = 'default';

export const ENVIRONMENTS: Environment[] = [
  { name: 'development', type: 'development' },
  { name: 'production', type: 'production' },
];

/** People who act in the demo's flags and history. */
export const PEOPLE = [
  'ana.ribeiro',
  'marcus.lee',
  'priya.natarajan',
  'tomasz.nowak',
  'jun.park',
  'fatima.elamin',
  'sam.okafor',
  'lena.vogel',
] as const;

interface StrategySpec {
  name: string;
  rollout: number | null;
  constraints: number;
  title?: string;
  disabled?: boolean;
}
interface EnvSpec {
  on: boolean;
  strategies: StrategySpec[];
}
interface FlagSpec {
  name: string;
  type: FlagType;
  description: string;
  createdBy: string;
  ageDays: number;
  stage: string | null;
  owner?: string;
  expires?: string;
  incident?: string;
  dev: EnvSpec;
  prod: EnvSpec;
}

const rollout = (percent: number, constraints = 0): StrategySpec => ({ name: 'flexibleRollout', rollout: percent, constraints });
/** One strategy per ring audience; only the rings a release has entered are enabled. */
const ringStrategy = (title: string, percent: number, constraints: number, disabled: boolean): StrategySpec => ({
  ...rollout(percent, constraints),
  title,
  disabled,
});
const on = (...strategies: StrategySpec[]): EnvSpec => ({ on: true, strategies: strategies.length ? strategies : [rollout(100)] });
const off = (...strategies: StrategySpec[]): EnvSpec => ({ on: false, strategies });

export const FLAG_SPECS: readonly FlagSpec[] = [
  {
    name: 'checkout.new-pricing-engine', type: 'release', createdBy: 'marcus.lee', ageDays: 18.4, stage: 'live',
    description: 'Route cart price calculation through the new pricing engine shipped in checkout 2.4.0.',
    owner: 'team-checkout', expires: '2026-09-30', dev: on(), prod: on(rollout(25, 1)),
  },
  {
    name: 'checkout.express-pay-button', type: 'experiment', createdBy: 'priya.natarajan', ageDays: 41.2, stage: 'live',
    description: 'A/B test: show the Express Pay button above the fold on the cart page.',
    owner: 'team-checkout', expires: '2026-07-31', dev: on(), prod: on(rollout(50)),
  },
  {
    name: 'checkout.cart-recommendations', type: 'kill-switch', createdBy: 'sam.okafor', ageDays: 112.7, stage: 'live',
    description: 'Cross-sell recommendations in the cart. Turn off to stop calling the recommender when it is slow.',
    owner: 'team-checkout', incident: 'INC-2041', dev: on(), prod: on(),
  },
  {
    name: 'checkout.address-autocomplete', type: 'release', createdBy: 'ana.ribeiro', ageDays: 96.1, stage: 'completed',
    description: 'Autocomplete shipping addresses from the postal lookup service.',
    owner: 'team-checkout', expires: '2026-06-30', dev: on(), prod: on(),
  },
  {
    name: 'search.semantic-ranking', type: 'release', createdBy: 'jun.park', ageDays: 9.6, stage: 'live',
    description: 'Rank results with the embedding-based scorer introduced in search 1.8.2.',
    owner: 'team-search', expires: '2026-09-30', dev: on(), prod: on(rollout(50, 1)),
  },
  {
    name: 'search.typo-tolerance-v2', type: 'experiment', createdBy: 'lena.vogel', ageDays: 33.9, stage: 'live',
    description: 'Experiment: a wider edit distance for queries longer than six characters.',
    owner: 'team-search', dev: on(), prod: on(rollout(10)),
  },
  {
    name: 'search.personalization', type: 'kill-switch', createdBy: 'jun.park', ageDays: 119.2, stage: 'live',
    description: 'Personalised result boosting from the recommender. Off while INC-2041 follow-ups are open.',
    incident: 'INC-2041', dev: on(), prod: off(rollout(100)),
  },
  {
    name: 'search.query-cache', type: 'operational', createdBy: 'tomasz.nowak', ageDays: 74.5, stage: 'live',
    description: 'Serve repeated queries from the edge cache for 30 seconds.',
    owner: 'team-search', dev: on(), prod: on(),
  },
  {
    name: 'payments.3ds2-challenge-flow', type: 'release', createdBy: 'fatima.elamin', ageDays: 6.3, stage: 'pre-live',
    description: 'Use the 3-D Secure 2 challenge flow for card payments above the SCA threshold.',
    owner: 'team-payments', expires: '2026-09-30', dev: on(rollout(100, 1)),
    // The ring demo's release: Ring 0 developers (group IN developers), Ring 1 employees (email
    // ENDS_WITH @shop.example), Ring 2 the beta-program segment, Ring 3 a gradual rollout.
    prod: off(
      ringStrategy('Developers', 100, 1, false),
      ringStrategy('Employees', 100, 1, true),
      ringStrategy('Beta program', 100, 1, true),
      ringStrategy('Everyone', 0, 0, true),
    ),
  },
  {
    name: 'payments.paypal', type: 'kill-switch', createdBy: 'fatima.elamin', ageDays: 104.8, stage: 'live',
    description: 'Offer PayPal at checkout. Turn off when the provider is degraded.',
    owner: 'team-payments', incident: 'INC-1987', dev: on(), prod: on(),
  },
  {
    name: 'payments.idempotency-retries', type: 'operational', createdBy: 'tomasz.nowak', ageDays: 58.0, stage: 'live',
    description: 'Retry provider timeouts with the same idempotency key, at most twice.',
    owner: 'team-payments', dev: on(), prod: on(),
  },
  {
    name: 'payments.refund-limit-override', type: 'permission', createdBy: 'ana.ribeiro', ageDays: 87.3, stage: 'live',
    description: 'Let support leads override the per-order refund limit.',
    owner: 'team-payments', dev: on(rollout(100, 1)), prod: on(rollout(100, 2)),
  },
  {
    name: 'profile.avatar-upload-v2', type: 'release', createdBy: 'sam.okafor', ageDays: 2.1, stage: 'initial',
    description: 'Resumable avatar uploads with server-side cropping.',
    owner: 'team-identity', expires: '2026-12-31', dev: off(rollout(100)), prod: off(),
  },
  {
    name: 'profile.beta-program', type: 'permission', createdBy: 'lena.vogel', ageDays: 66.6, stage: 'live',
    description: 'Members of the beta programme see features before general availability.',
    owner: 'team-identity', dev: on(rollout(100, 1)), prod: on(rollout(100, 1)),
  },
  {
    name: 'profile.rich-text-bio', type: 'experiment', createdBy: 'marcus.lee', ageDays: 27.5, stage: 'pre-live',
    // Hostile on purpose: the console must render descriptions as text, never as markup.
    description: 'Render bios as rich text. Sample bio: <img src=x onerror=alert(1)> "quotes" & {braces}',
    dev: on(rollout(50)), prod: off(rollout(5)),
  },
  {
    name: 'profile.strict-rate-limits', type: 'operational', createdBy: 'priya.natarajan', ageDays: 12.2, stage: 'live',
    description: 'Tighter per-user rate limits on profile writes, added after a scraping spike.',
    incident: 'INC-2077', dev: on(), prod: on(rollout(100, 1)),
  },
];

const serviceOf = (name: string) => name.slice(0, name.indexOf('.'));

function tagsOf(spec: FlagSpec): FlagTag[] {
  const tags: FlagTag[] = [{ type: 'service', value: serviceOf(spec.name) }];
  if (spec.owner) tags.push({ type: 'owner', value: spec.owner });
  if (spec.expires) tags.push({ type: 'expires', value: spec.expires });
  if (spec.incident) tags.push({ type: 'incident', value: spec.incident });
  return tags;
}

function envState(seed: number, flagIndex: number, envIndex: number, environment: string, env: EnvSpec): FlagEnvironmentState {
  return {
    environment,
    enabled: env.on,
    strategies: env.strategies.map((s, i) => ({
      id: stableUuid(seed, flagIndex, envIndex, i),
      name: s.name,
      rollout: s.rollout,
      constraintCount: s.constraints,
      ...(s.title ? { title: s.title } : {}),
      disabled: s.disabled ?? false,
    })),
  };
}

/** The ids of a flag's strategies in an environment, in order, as buildFlags gives them for a seed. */
export function strategyIdsOf(seed: number, flag: string, environment: string): string[] {
  const flagIndex = FLAG_SPECS.findIndex((f) => f.name === flag);
  const spec = FLAG_SPECS[flagIndex];
  if (!spec) return [];
  const envIndex = environment === 'development' ? 0 : 1;
  return (envIndex === 0 ? spec.dev : spec.prod).strategies.map((_, i) => stableUuid(seed, flagIndex, envIndex, i));
}

/** Every flag as the provider serves it, created relative to `now` (whole seconds, like Unleash). */
export function buildFlags(seed: number, now: number): Flag[] {
  return FLAG_SPECS.map((spec, i) => ({
    name: spec.name,
    project: DEMO_PROJECT,
    type: spec.type,
    description: spec.description,
    createdBy: spec.createdBy,
    createdAt: Math.floor((now - spec.ageDays * DAY_MS) / 1000) * 1000,
    tags: tagsOf(spec),
    lifecycleStage: spec.stage,
    environments: [
      envState(seed, i, 0, 'development', spec.dev),
      envState(seed, i, 1, 'production', spec.prod),
    ],
  }));
}
