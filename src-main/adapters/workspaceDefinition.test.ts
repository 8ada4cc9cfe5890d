import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkspaceDefinition, workspaceFromDefinition } from './workspaceDefinition';

const write = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
  writeFileSync(file, content);
  return file;
};

describe('workspace definition files', () => {
  it('reads a valid file with defaults and builds an Unleash workspace from an environment token', () => {
    const file = write(JSON.stringify({ id: 'prod', name: 'Production', flags: { provider: 'unleash', url: 'http://127.0.0.1:4242' } }));
    const definition = readWorkspaceDefinition(file);
    expect(definition.flags).toMatchObject({ project: 'default', tokenEnv: 'RINGSIDE_UNLEASH_TOKEN' });
    const workspace = workspaceFromDefinition(definition, { RINGSIDE_UNLEASH_TOKEN: '*:*.abc' });
    expect(workspace).toMatchObject({ id: 'prod', kind: 'live', flags: { provider: 'unleash' }, deploy: null });
    expect(JSON.stringify(workspace)).not.toContain('*:*.abc');
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    [JSON.stringify({ id: 'Prod!', name: 'x' }), /id: must be lowercase/],
    [JSON.stringify({ id: 'p', name: 'x', flags: { provider: 'unleash', url: 'javascript:alert(1)' } }), /flags\.url/],
    [JSON.stringify({ id: 'p', name: 'x', flags: { provider: 'unleash', url: 'http://h', token: 'inline' } }), /token/],
    [JSON.stringify({ id: 'p', name: 'x', flags: { provider: 'unleash', url: 'http://h', tokenEnv: 'bad name' } }), /tokenEnv: must be an environment variable name/],
  ])('refuses %s with a specific error', (content, message) => {
    expect(() => readWorkspaceDefinition(write(content))).toThrow(message);
  });

  it('names the missing file and the missing token variable', () => {
    expect(() => readWorkspaceDefinition('/nonexistent/ws.json')).toThrow(/Cannot read workspace file \/nonexistent\/ws\.json/);
    const definition = readWorkspaceDefinition(write(JSON.stringify({ id: 'p', name: 'P', flags: { provider: 'unleash', url: 'http://h', tokenEnv: 'MY_TOKEN' } })));
    expect(() => workspaceFromDefinition(definition, {})).toThrow(/set the environment variable MY_TOKEN/);
  });

  it('renders health-model queries with the versions as escaped label values, and refuses unsafe templates', () => {
    const release = (query: string, version = 'v2"} or vector(1) #') => ({
      id: 'checkout-2', service: 'checkout', version, baselineVersion: 'v1',
      metrics: [{ id: 'error_rate', label: 'Errors', harmful: 'increase' as const, query }],
    });
    const workspace = workspaceFromDefinition({
      id: 'p', name: 'P',
      metrics: { provider: 'prometheus', url: 'http://127.0.0.1:9090' },
      releases: [release('sum(rate(http_requests_total{service="{{service}}",version="{{version}}",code=~"5.."}[1m]))')],
    });
    expect(workspace.metrics?.provider).toBe('prometheus');
    expect(workspace.releases[0]!.queries.error_rate).toEqual({
      canary: 'sum(rate(http_requests_total{service="checkout",version="v2\\"} or vector(1) #",code=~"5.."}[1m]))',
      baseline: 'sum(rate(http_requests_total{service="checkout",version="v1",code=~"5.."}[1m]))',
    });
    expect(() =>
      workspaceFromDefinition({ id: 'p', name: 'P', releases: [release('{{version}}_total{service="x"}', 'v2')] }),
    ).toThrow(/Release checkout-2, metric error_rate: /);
  });
});
