import { act, fireEvent, screen, within } from '@testing-library/react';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import { fail } from '../../../../src-shared/ipc/result';
import { createFakeBridge, type HandlerMap } from '../../test/fakeBridge';
import { demoEntry, fakeGovernanceHandlers } from '../../test/fakeGovernance';
import { renderConsole, settle } from '../../test/renderConsole';
import { WorkspaceSettings } from './WorkspaceSettings';

/** Unique markers: if any of them shows up in the page, a secret leaked into the DOM. */
const TOKEN = 'unleash-marker-7f3a9c1e';
const BEARER = 'prom-marker-2b8d4e6f';
const KUBE = 'kube-marker-9c1e7f3a';

const staging: WorkspaceEntry = {
  id: 'staging',
  name: 'Staging',
  kind: 'live',
  production: false,
  source: 'saved',
  config: {
    id: 'staging',
    name: 'Staging',
    production: false,
    flags: { provider: 'unleash', url: 'https://unleash.staging.example.com', project: 'default' },
    policy: { environments: {} },
  },
  secrets: { 'flags.token': true },
  sessionOnly: false,
  open: false,
};
const fromFile: WorkspaceEntry = { ...staging, id: 'prod-eu', name: 'Prod EU', production: true, source: 'file', secrets: { 'flags.token': false } };

function bridgeWith(workspaces: WorkspaceEntry[]) {
  const governance = fakeGovernanceHandlers({ workspaces });
  return createFakeBridge(governance as Partial<HandlerMap>);
}
const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const entry = (id: string) => within(screen.getAllByTestId('workspace-entry').find((e) => e.dataset.workspace === id)!);
/** The page as a person, a screen reader or an extension could read it: markup and every field's value. */
const pageText = () => document.body.innerHTML + [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value).join('\n');

describe('workspaces in the settings', () => {
  it('adds a workspace: main gets each secret once, the page never holds one, and the list says "set"', async () => {
    const bridge = bridgeWith([demoEntry]);
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a workspace' }));
    fill('Name', 'Staging EU');
    expect((screen.getByLabelText('Id') as HTMLInputElement).value).toBe('staging-eu');
    fill('Unleash URL', 'https://unleash.example.com');
    fill('Unleash API token', TOKEN);
    fill('Prometheus URL', 'https://prometheus.example.com');
    fill('Prometheus auth', 'bearer');
    fill('Prometheus bearer token', BEARER);
    fireEvent.click(screen.getByRole('radio', { name: 'API URL and token' }));
    fill('Kubernetes API URL', 'https://k8s.example.com:6443');
    fill('Kubernetes token', KUBE);
    fill('Namespaces', 'shop, payments');
    fireEvent.click(screen.getByRole('checkbox', { name: /Production workspace/ }));
    // typed, not yet saved: the values are in the fields, not in the markup
    expect(document.body.innerHTML).not.toContain(TOKEN);

    fireEvent.click(screen.getByRole('button', { name: 'Save workspace' }));
    await settle();
    expect(bridge.requestsTo('workspaces:save')).toEqual([
      {
        config: {
          id: 'staging-eu',
          name: 'Staging EU',
          production: true,
          flags: { provider: 'unleash', url: 'https://unleash.example.com', project: 'default' },
          metrics: { provider: 'prometheus', url: 'https://prometheus.example.com', auth: 'bearer' },
          deploy: { provider: 'argo-rollouts', url: 'https://k8s.example.com:6443', namespaces: ['shop', 'payments'] },
          policy: { environments: {} },
        },
        secrets: { 'flags.token': TOKEN, 'metrics.bearer': BEARER, 'deploy.token': KUBE },
        sessionOnly: false,
      },
    ]);
    const saved = entry('staging-eu');
    expect(saved.getByText('PRODUCTION')).toBeTruthy();
    expect(within(saved.getByRole('list', { name: 'Secrets of Staging EU' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Unleash API token: set',
      'Prometheus bearer token: set',
      'Kubernetes token: set',
    ]);
    expect(screen.getByTestId('workspace-status').textContent).toBe('Saved Staging EU.');
    for (const marker of [TOKEN, BEARER, KUBE]) expect(pageText()).not.toContain(marker);
  });

  it('edits a saved workspace: an empty secret keeps the one set, Remove sends null, and session-only is sent', async () => {
    const bridge = bridgeWith([demoEntry, staging]);
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.click(entry('staging').getByRole('button', { name: 'Edit Staging' }));
    expect((screen.getByLabelText('Id') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByTestId('secret-state-flags.token').textContent).toBe('set');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Session only (secrets not stored)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save workspace' }));
    await settle();
    expect(bridge.requestsTo('workspaces:save')[0]).toEqual({ config: staging.config, sessionOnly: true });

    fireEvent.click(entry('staging').getByRole('button', { name: 'Edit Staging' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Unleash API token' }));
    expect(screen.getByTestId('secret-state-flags.token').textContent).toBe('will be removed when you save');
    fireEvent.click(screen.getByRole('button', { name: 'Save workspace' }));
    await settle();
    expect(bridge.requestsTo('workspaces:save')[1]).toMatchObject({ secrets: { 'flags.token': null } });
    expect(entry('staging').getByText(/Unleash API token/).textContent).toBe('Unleash API token: not set');
  });

  it('tests the form as typed and shows each backend step with main’s sentence; a saved one is tested by its id', async () => {
    const bridge = bridgeWith([demoEntry, staging]);
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.click(entry('staging').getByRole('button', { name: 'Test connection of Staging' }));
    await settle();
    expect(bridge.requestsTo('workspaces:test')).toEqual([{ id: 'staging' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Add a workspace' }));
    fill('Name', 'Lab');
    fill('Unleash URL', 'https://unleash.example.com');
    fill('Unleash API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await settle();
    expect(bridge.requestsTo('workspaces:test')[1]).toEqual({
      config: { id: 'lab', name: 'Lab', production: false, flags: { provider: 'unleash', url: 'https://unleash.example.com', project: 'default' }, policy: { environments: {} } },
      secrets: { 'flags.token': TOKEN },
    });
    const steps = screen.getAllByTestId('connection-check');
    expect(steps.map((s) => [s.dataset.step, s.dataset.ok, s.textContent])).toEqual([
      ['reachable', 'true', 'ok reachable: Unleash answered at https://unleash.example.com.'],
      ['tls', 'false', 'failed TLS: The certificate is not trusted: add the CA that signed it.'],
    ]);
    expect(screen.getByTestId('connection-checks').textContent).toContain('Some checks failed.');
    expect(bridge.requestsTo('workspaces:save')).toEqual([]);
  });

  it('says what is wrong with the form in words before anything is sent', async () => {
    const bridge = bridgeWith([demoEntry]);
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a workspace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save workspace' }));
    expect(screen.getByRole('alert').textContent).toBe('Name must not be empty.');
    fill('Name', 'Lab');
    fill('Unleash URL', 'ftp://unleash.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Save workspace' }));
    expect(screen.getByRole('alert').textContent).toBe('Unleash URL must be an http(s) URL.');
    await settle();
    expect(bridge.requestsTo('workspaces:save')).toEqual([]);
  });

  it("shows main's refusal as it words it, and the typed secret is gone from the form", async () => {
    const bridge = bridgeWith([demoEntry]);
    bridge.respond('workspaces:save', () => fail('unavailable', 'The OS keychain offers only plain-text storage (basic_text); choose session-only secrets or install a keyring.'));
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a workspace' }));
    fill('Name', 'Lab');
    fill('Unleash URL', 'https://unleash.example.com');
    fill('Unleash API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Save workspace' }));
    await settle();
    expect(screen.getByText('The OS keychain offers only plain-text storage (basic_text); choose session-only secrets or install a keyring.')).toBeTruthy();
    expect(bridge.requestsTo('workspaces:save')).toHaveLength(1);
    expect(pageText()).not.toContain(TOKEN);
  });

  it('keeps entries from the workspace file and the demo read only, with a note', async () => {
    await renderConsole(bridgeWith([demoEntry, fromFile]), <WorkspaceSettings onClose={() => {}} />);
    const file = entry('prod-eu');
    expect(file.getByText('Defined in the workspace file; edit the file.')).toBeTruthy();
    expect(file.getByText('PRODUCTION')).toBeTruthy();
    expect(file.getByText(/Unleash API token/).textContent).toBe('Unleash API token: not set');
    expect(file.queryByRole('button', { name: /Edit|Remove/ })).toBeNull();
    expect(entry('demo').getByText('The demo fleet is built in; it cannot be edited.')).toBeTruthy();
    expect(entry('demo').queryByRole('button')).toBeNull();
  });

  it('removes a workspace only after a confirmation that starts on Cancel, with one request however often Remove is pressed', async () => {
    const bridge = bridgeWith([demoEntry, staging]);
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.click(entry('staging').getByRole('button', { name: 'Remove Staging' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove workspace Staging?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(bridge.requestsTo('workspaces:remove')).toEqual([]);

    fireEvent.click(entry('staging').getByRole('button', { name: 'Remove Staging' }));
    const hold = bridge.hold('workspaces:remove');
    const remove = within(screen.getByRole('dialog', { name: 'Remove workspace Staging?' })).getByRole('button', { name: 'Remove workspace' });
    fireEvent.click(remove);
    fireEvent.click(remove);
    fireEvent.keyDown(remove, { key: 'Enter' });
    await settle();
    expect(hold.waiting).toBe(1);
    hold.release();
    await settle();
    expect(bridge.requestsTo('workspaces:remove')).toEqual([{ id: 'staging' }]);
    expect(screen.queryByRole('dialog', { name: /Remove workspace/ })).toBeNull();
    expect(screen.getAllByTestId('workspace-entry').map((e) => e.dataset.workspace)).toEqual(['demo']);
    expect(screen.getByTestId('workspace-status').textContent).toBe('Removed Staging.');
  });

  it('does not offer to remove the workspace this window works in, and says why', async () => {
    const bridge = bridgeWith([demoEntry, { ...staging, id: 'demo-copy' }]);
    bridge.respond('workspace:current', () => ({ ok: true, value: { id: 'demo-copy', name: 'Staging', kind: 'live', backends: [] } }));
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    const remove = entry('demo-copy').getByRole('button', { name: 'Remove Staging' }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    expect(entry('demo-copy').getByText('This window works in it: switch to another workspace first.')).toBeTruthy();
  });

  it('closes on Escape and with Close', async () => {
    const onClose = vi.fn();
    await renderConsole(undefined, <WorkspaceSettings onClose={onClose} />);
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
