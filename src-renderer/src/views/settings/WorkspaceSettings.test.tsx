import { fireEvent, screen } from '@testing-library/react';
import { fail, ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { workspace } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';
import { WorkspaceSettings } from './WorkspaceSettings';

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('workspace settings form', () => {
  it('sends the connection once, shows the server error, and clears the token field', async () => {
    const bridge = createFakeBridge();
    bridge.respond('workspace:connect', () => fail('unauthorized', 'Unleash answered 401: the token was rejected.'));
    const onClose = vi.fn();
    await renderConsole(bridge, <WorkspaceSettings onClose={onClose} />);
    fill('Name', 'Staging');
    fill('Unleash URL', 'http://127.0.0.1:4242');
    fill('Admin API token', '*:*.secret');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await settle();
    expect(bridge.requestsTo('workspace:connect')).toEqual([
      { name: 'Staging', flags: { url: 'http://127.0.0.1:4242', project: 'default', token: '*:*.secret' } },
    ]);
    expect(screen.getByText('Unleash answered 401: the token was rejected.')).toBeTruthy();
    expect((screen.getByLabelText('Admin API token') as HTMLInputElement).value).toBe('');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes and reloads the workspace after a connection main has proven', async () => {
    const bridge = createFakeBridge();
    bridge.respond('workspace:connect', () => ok({ ...workspace, id: 'staging', name: 'Staging', kind: 'live' as const }));
    const onClose = vi.fn();
    await renderConsole(bridge, <WorkspaceSettings onClose={onClose} />);
    const before = bridge.requestsTo('workspace:current').length;
    fill('Name', 'Staging');
    fill('Unleash URL', 'http://127.0.0.1:4242');
    fill('Admin API token', '*:*.secret');
    fireEvent.submit(screen.getByRole('button', { name: 'Connect' }).closest('form')!);
    await settle();
    expect(onClose).toHaveBeenCalled();
    expect(bridge.requestsTo('workspace:current').length).toBeGreaterThan(before);
  });

  it('switches back to the demo fleet and closes on Escape', async () => {
    const bridge = createFakeBridge();
    bridge.respond('workspace:useDemo', () => ok(workspace));
    const onClose = vi.fn();
    await renderConsole(bridge, <WorkspaceSettings onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use the demo fleet' }));
    await settle();
    expect(bridge.requestsTo('workspace:useDemo')).toHaveLength(1);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
