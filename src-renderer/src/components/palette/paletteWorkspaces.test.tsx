import { fireEvent, screen, within } from '@testing-library/react';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import { ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { demoEntry, policyOf } from '../../test/fakeGovernance';
import { renderConsole } from '../../test/renderConsole';
import { switchWorkspace } from '../../transport/workspaceScope';

vi.mock('../../transport/workspaceScope', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../transport/workspaceScope')>()),
  switchWorkspace: vi.fn(),
}));

const staging: WorkspaceEntry = { ...demoEntry, id: 'staging', name: 'Staging', kind: 'live', source: 'saved' };
const openPalette = () => {
  fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
  return within(screen.getByRole('dialog', { name: 'Command palette' }));
};
const type = (text: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Flag or command' }), { target: { value: text } });

describe('palette and workspaces', () => {
  it('switches workspace from the palette with Enter, and closes', async () => {
    await renderConsole(createFakeBridge({ 'workspaces:list': () => ok({ workspaces: [demoEntry, staging], defaultId: 'demo' }) }));
    const palette = openPalette();
    type('switch staging');
    expect(palette.getAllByRole('option')[0]!.textContent).toBe('Switch to workspace Staging');
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Flag or command' }), { key: 'Enter' });
    expect(switchWorkspace).toHaveBeenCalledExactlyOnceWith('staging');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
  });

  it('offers no kill the profile does not allow: a viewer in production gets only development kills', async () => {
    const viewer = policyOf({ scopes: [{ scope: 'production', profile: 'viewer', production: true, fourEyes: false }] });
    await renderConsole(createFakeBridge({ 'policy:get': () => ok(viewer) }));
    const palette = openPalette();
    type('kill');
    const kills = palette.getAllByRole('option').filter((o) => o.classList.contains('palette-kill'));
    expect(kills.length).toBeGreaterThan(0);
    expect(kills.every((o) => o.dataset.env === 'development')).toBe(true);
  });
});
