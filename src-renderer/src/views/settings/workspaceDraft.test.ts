import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import { demoEntry } from '../../test/fakeGovernance';
import { buildConfig, draftFrom, sameConfig, secretsFor, slugify } from './workspaceDraft';

const saved: WorkspaceEntry = {
  ...demoEntry,
  id: 'prod-eu',
  name: 'Prod EU',
  kind: 'live',
  source: 'saved',
  production: true,
  config: {
    id: 'prod-eu',
    name: 'Prod EU',
    production: true,
    flags: { provider: 'unleash', url: 'https://unleash.example.com', project: 'shop', timeoutMs: 9000 },
    metrics: { provider: 'prometheus', url: 'https://prom.example.com', auth: 'basic', username: 'grafana' },
    deploy: { provider: 'argo-rollouts', kubeconfig: '/home/ana/.kube/config', context: 'prod-eu', namespaces: ['shop'] },
    policy: { environments: { production: 'operator', staging: 'releaser' }, deployProfile: 'operator', fourEyesDeploy: true },
  },
};

describe('the workspace form as a config', () => {
  it('derives an id from the name as the contract wants it', () => {
    expect(slugify('Prod EU (Frankfurt) ')).toBe('prod-eu-frankfurt');
    expect(slugify('Ünïcode — Staging')).toBe('unicode-staging');
    expect(slugify('x'.repeat(80))).toHaveLength(63);
  });

  it('gives back a saved config unchanged, fields the form does not show (timeouts) kept', () => {
    const built = buildConfig(draftFrom(saved), saved.config);
    expect(built).toEqual({ config: saved.config });
    expect('config' in built && sameConfig(built.config, saved.config)).toBe(true);
    expect(secretsFor(draftFrom(saved))).toEqual(['flags.token', 'metrics.password']);
  });

  it('sends the policy as chosen: per-environment profiles, deploy profile, four-eyes on, off or the default', () => {
    const draft = { ...draftFrom(saved), environments: [{ name: 'production', profile: 'viewer' as const }, { name: ' ', profile: 'releaser' as const }], fourEyesDeploy: 'default' as const };
    const built = buildConfig(draft, saved.config);
    expect('config' in built && built.config.policy).toEqual({ environments: { production: 'viewer' }, deployProfile: 'operator' });
    const off = buildConfig({ ...draft, fourEyesDeploy: 'off', deployProfile: '' }, saved.config);
    expect('config' in off && off.config.policy).toEqual({ environments: { production: 'viewer' }, fourEyesDeploy: false });
  });

  it('says in words what is missing or wrong', () => {
    const draft = draftFrom(saved);
    expect(buildConfig({ ...draft, kubeconfig: '' }, null)).toEqual({ problems: ["Kubeconfig must name the file (or choose 'API URL and token')."] });
    expect(buildConfig({ ...draft, metricsUsername: '' }, null)).toEqual({ problems: ['Prometheus username must not be empty for basic auth.'] });
    expect(buildConfig({ ...draft, id: 'Prod EU' }, null)).toEqual({ problems: ['Id must be lowercase letters, digits and dashes (at most 63).'] });
    expect(buildConfig({ ...draft, namespaces: 'Shop' }, null)).toEqual({ problems: ['Namespaces must be a Kubernetes namespace name.'] });
  });
});
