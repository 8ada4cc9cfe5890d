import type { Flag, FlagType } from '../../../src-shared/domain/flag';
import { flagsListing } from './fixtures';

/**
 * The demo workspace's flags as the renderer receives them: names, descriptions, tags and on/off
 * per environment as `src-main/adapters/demo/fleet.ts` defines them (the renderer may not import
 * main, so they are written out here; e2e/palette.spec.ts checks the same cases on the real fleet).
 */

type OnOff = { development: boolean; production: boolean };

function demoFlag(name: string, type: FlagType, description: string, tags: string[], on: OnOff): Flag {
  return {
    name,
    project: 'default',
    type,
    description,
    createdBy: 'demo',
    createdAt: 0,
    tags: tags.map((t) => ({ type: t.slice(0, t.indexOf(':')), value: t.slice(t.indexOf(':') + 1) })),
    lifecycleStage: 'live',
    environments: (['development', 'production'] as const).map((environment) => ({ environment, enabled: on[environment], strategies: [] })),
  };
}

const both = { development: true, production: true };
const devOnly = { development: true, production: false };
const neither = { development: false, production: false };

export const demoFleetFlags: Flag[] = [
  demoFlag('checkout.new-pricing-engine', 'release', 'Route cart price calculation through the new pricing engine shipped in checkout 2.4.0.', ['service:checkout', 'owner:team-checkout', 'expires:2026-09-30'], both),
  demoFlag('checkout.express-pay-button', 'experiment', 'A/B test: show the Express Pay button above the fold on the cart page.', ['service:checkout', 'owner:team-checkout', 'expires:2026-07-31'], both),
  demoFlag('checkout.cart-recommendations', 'kill-switch', 'Cross-sell recommendations in the cart. Turn off to stop calling the recommender when it is slow.', ['service:checkout', 'owner:team-checkout', 'incident:INC-2041'], both),
  demoFlag('checkout.address-autocomplete', 'release', 'Autocomplete shipping addresses from the postal lookup service.', ['service:checkout', 'owner:team-checkout', 'expires:2026-06-30'], both),
  demoFlag('search.semantic-ranking', 'release', 'Rank results with the embedding-based scorer introduced in search 1.8.2.', ['service:search', 'owner:team-search', 'expires:2026-09-30'], both),
  demoFlag('search.typo-tolerance-v2', 'experiment', 'Experiment: a wider edit distance for queries longer than six characters.', ['service:search', 'owner:team-search'], both),
  demoFlag('search.personalization', 'kill-switch', 'Personalised result boosting from the recommender. Off while INC-2041 follow-ups are open.', ['service:search', 'incident:INC-2041'], devOnly),
  demoFlag('search.query-cache', 'operational', 'Serve repeated queries from the edge cache for 30 seconds.', ['service:search', 'owner:team-search'], both),
  demoFlag('payments.3ds2-challenge-flow', 'release', 'Use the 3-D Secure 2 challenge flow for card payments above the SCA threshold.', ['service:payments', 'owner:team-payments', 'expires:2026-09-30'], devOnly),
  demoFlag('payments.paypal', 'kill-switch', 'Offer PayPal at checkout. Turn off when the provider is degraded.', ['service:payments', 'owner:team-payments', 'incident:INC-1987'], both),
  demoFlag('payments.idempotency-retries', 'operational', 'Retry provider timeouts with the same idempotency key, at most twice.', ['service:payments', 'owner:team-payments'], both),
  demoFlag('payments.refund-limit-override', 'permission', 'Let support leads override the per-order refund limit.', ['service:payments', 'owner:team-payments'], both),
  demoFlag('profile.avatar-upload-v2', 'release', 'Resumable avatar uploads with server-side cropping.', ['service:profile', 'owner:team-identity', 'expires:2026-12-31'], neither),
  demoFlag('profile.beta-program', 'permission', 'Members of the beta programme see features before general availability.', ['service:profile', 'owner:team-identity'], both),
  demoFlag('profile.rich-text-bio', 'experiment', 'Render bios as rich text. Sample bio: <img src=x onerror=alert(1)> "quotes" & {braces}', ['service:profile'], devOnly),
  demoFlag('profile.strict-rate-limits', 'operational', 'Tighter per-user rate limits on profile writes, added after a scraping spike.', ['service:profile', 'incident:INC-2077'], both),
];

/** The demo's flags:list answer, optionally with some (flag, environment) cells turned off. */
export function demoFleetListing(off: [flag: string, environment: string][] = []) {
  const isOff = (flag: string, env: string) => off.some(([f, e]) => f === flag && e === env);
  const flags = demoFleetFlags.map((f) => ({
    ...f,
    environments: f.environments.map((e) => (isOff(f.name, e.environment) ? { ...e, enabled: false } : e)),
  }));
  return flagsListing({ flags, changes: [] });
}
