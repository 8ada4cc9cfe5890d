import type { ChannelName, RequestOf } from '../../src-shared/ipc/contract';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfuzz\n-----END CERTIFICATE-----\n';
const filters = { text: 'INC-2041', from: 1_000, to: 2_000, source: 'console', environment: 'production', objectId: 'checkout.kill', actor: 'ana', action: 'flag.disabled' };
const config = {
  id: 'prod-eu',
  name: 'Production EU',
  production: true,
  flags: { provider: 'unleash' as const, url: 'https://unleash.example.com', project: 'default', ca: PEM, timeoutMs: 5_000 },
  metrics: { provider: 'prometheus' as const, url: 'https://prometheus.example.com', auth: 'basic' as const, username: 'ringside', ca: PEM, timeoutMs: 5_000 },
  deploy: { provider: 'argo-rollouts' as const, url: 'https://kube.example.com:6443', ca: PEM, namespaces: ['shop', 'payments'], timeoutMs: 5_000 },
  policy: { environments: { production: 'operator' as const, development: 'releaser' as const }, defaultProfile: 'viewer' as const, deployProfile: 'operator' as const, fourEyesDeploy: true },
};

/**
 * Beside each channel's minimal valid request (validRequests), fuller ones that fill the optional fields,
 * so the fuzz mutates every field (a nested optional one too) and every string gets its NUL and lone
 * surrogate case. Each must be valid: the harness test checks it.
 */
export const richRequests: { [C in ChannelName]?: RequestOf<C>[] } = {
  'flags:setEnabled': [{ flag: 'checkout.kill', environment: 'production', enabled: true, reason: 'release 2.4.0', blackoutOverride: 'INC-77 hotfix' }],
  'flags:setRollout': [
    { flag: 'checkout.kill', environment: 'production', strategyId: 's1', rollout: 50, reason: 'ramp up', blackoutOverride: 'INC-77 hotfix' },
  ],
  'flags:killByTag': [{ tag: 'simple:incident-42', environment: 'production', reason: 'incident 42' }],
  'canary:series': [{ releaseId: 'checkout-2.4.0', from: 1_000, to: 2_000, maxPoints: 500 }],
  'canary:judge': [{ releaseId: 'checkout-2.4.0', windowMs: 600_000 }],
  'rollouts:promote': [{ namespace: 'shop', name: 'checkout', full: true, reason: 'canary green', blackoutOverride: 'INC-77 hotfix' }],
  'rollouts:retry': [{ namespace: 'shop', name: 'checkout', reason: 'flaky node' }],
  'rollouts:pause': [{ namespace: 'shop', name: 'checkout', reason: 'look at the logs' }],
  'plans:update': [
    {
      planId: 'plan-checkout-2.4.0',
      name: 'Checkout 2.4.0',
      environment: 'production',
      autoAdvance: false,
      guardMode: 'act',
      rings: [
        { name: 'Ring 0', audience: 'Developers', exposure: { audience: 'segment dev', strategyId: 's1', rollout: 5, strategyIds: ['s1', 's2'] }, weight: 5, bakeMs: 60_000 },
        { name: 'Ring 1', audience: 'Everyone', exposure: null, weight: 100, bakeMs: 0 },
      ],
    },
  ],
  'plans:rollback': [{ planId: 'plan-checkout-2.4.0', reason: 'error budget gone' }],
  'plans:installGate': [
    { planId: 'plan-checkout-2.4.0', address: 'https://prometheus.example.com', intervalSeconds: 30, reason: 'gate on', blackoutOverride: 'INC-77 hotfix' },
  ],
  'audit:page': [{ limit: 10, beforeId: 99 }],
  'audit:search': [{ ...filters, limit: 50, before: { time: 1_500, id: 7 }, beforeId: 99, offset: 10 }],
  'audit:count': [{ ...filters, afterId: 3 }],
  'audit:export': [{ ...filters, format: 'jsonl' }],
  'workspaces:save': [{ config, secrets: { 'flags.token': '*:production.abc', 'metrics.password': 'hunter2', 'deploy.token': 'kube-token' }, sessionOnly: true }],
  'workspaces:test': [
    { config: { ...config, deploy: { provider: 'argo-rollouts', kubeconfig: '/home/ana/.kube/config', context: 'prod' } }, secrets: { 'flags.token': '*:*.abc' } },
  ],
  'changes:reviewFlag': [{ id: '17', state: 'Rejected', reason: 'not during the freeze' }],
  'reviews:list': [{ includeAcknowledged: true }],
};
