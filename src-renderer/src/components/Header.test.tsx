import { act, fireEvent, screen, within } from '@testing-library/react';
import type { WorkspaceEntry } from '../../../src-shared/ipc/channels/workspaceChannels';
import { ok } from '../../../src-shared/ipc/result';
import { createFakeBridge } from '../test/fakeBridge';
import { demoEntry } from '../test/fakeGovernance';
import { formatClockSeconds } from '../format/time';
import { NOW, workspace } from '../test/fixtures';
import { renderConsole, settle } from '../test/renderConsole';
import { switchWorkspace } from '../transport/workspaceScope';

// The page reload itself is the lead's transport module; here only that it is asked for, once, with the id.
vi.mock('../transport/workspaceScope', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../transport/workspaceScope')>()),
  switchWorkspace: vi.fn(),
}));

const prodEu: WorkspaceEntry = { ...demoEntry, id: 'prod-eu', name: 'Prod EU', kind: 'live', production: true, source: 'file', open: false };
const withWorkspaces = (entries: WorkspaceEntry[]) => ({ 'workspaces:list': () => ok({ workspaces: entries, defaultId: 'demo' }) });

describe('header', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(switchWorkspace).mockClear();
  });

  it('marks a production workspace unmistakably: a red band with PRODUCTION and its name, and [PROD] first in the title', async () => {
    await renderConsole(createFakeBridge({ 'workspace:current': () => ok({ ...workspace, id: 'prod-eu', name: 'Prod EU', kind: 'live', production: true }) }));
    expect(screen.getByTestId('production-band').textContent).toBe('PRODUCTION · Prod EU');
    expect(screen.getByRole('banner').dataset.production).toBe('true');
    expect(within(screen.getByTestId('workspace-name')).getByText('PRODUCTION')).toBeTruthy();
    expect(document.title).toBe('[PROD] Prod EU · Ringside');
  });

  it('has no production band and no [PROD] outside production', async () => {
    await renderConsole(createFakeBridge({ 'workspace:current': () => ok({ ...workspace, name: 'Staging', kind: 'live', production: false }) }));
    expect(screen.queryByTestId('production-band')).toBeNull();
    expect(screen.queryByText('PRODUCTION')).toBeNull();
    expect(document.title).toBe('Staging · Ringside');
  });

  it('switches workspace in one choice from the header menu', async () => {
    await renderConsole(createFakeBridge(withWorkspaces([demoEntry, prodEu])));
    fireEvent.click(screen.getByRole('button', { name: 'Switch workspace' }));
    const menu = within(screen.getByRole('list', { name: 'Workspaces' }));
    const here = menu.getByRole('button', { name: /Demo fleet/ });
    expect(here.getAttribute('aria-current')).toBe('true');
    fireEvent.click(here);
    expect(switchWorkspace).not.toHaveBeenCalled();
    fireEvent.click(menu.getByRole('button', { name: 'Prod EU PRODUCTION' }));
    expect(switchWorkspace).toHaveBeenCalledExactlyOnceWith('prod-eu');
  });

  it('opens a workspace beside this one: a tab in serve mode (noopener), nothing more when the desktop app opened a window', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const bridge = createFakeBridge(withWorkspaces([demoEntry, prodEu]));
    await renderConsole(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Switch workspace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open Prod EU beside this one' }));
    await settle();
    expect(bridge.requestsTo('workspaces:open')).toEqual([{ id: 'prod-eu' }]);
    expect(open).toHaveBeenCalledExactlyOnceWith('/?workspace=prod-eu', '_blank', 'noopener');

    bridge.respond('workspaces:open', () => ok({ path: '/?workspace=prod-eu', opened: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Switch workspace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open Prod EU beside this one' }));
    await settle();
    expect(bridge.requestsTo('workspaces:open')).toHaveLength(2);
    expect(open).toHaveBeenCalledTimes(1);
    expect(switchWorkspace).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('offers no switcher when there is only one workspace', async () => {
    await renderConsole();
    expect(screen.queryByRole('button', { name: 'Switch workspace' })).toBeNull();
  });

  it('names the workspace and marks the demo', async () => {
    await renderConsole();
    const name = screen.getByTestId('workspace-name');
    expect(name.textContent).toContain('Demo fleet');
    expect(within(name).getByText('demo')).toBeTruthy();
  });

  it('has no demo badge for a live workspace', async () => {
    await renderConsole(createFakeBridge({ 'workspace:current': () => ok({ ...workspace, name: 'Prod', kind: 'live' }) }));
    expect(within(screen.getByTestId('workspace-name')).queryByText('demo')).toBeNull();
  });

  it('shows each backend with its provider, state and a cache age that keeps counting', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    await renderConsole();
    const flags = screen.getByTestId('backend-flags');
    expect(flags.textContent).toContain('demo-unleash');
    expect(flags.textContent).toContain('online');
    expect(flags.textContent).toContain('synced 12 s ago');
    expect(screen.getByTestId('backend-deploy').textContent).toContain('offline');
    expect(screen.getByTestId('backend-deploy').textContent).toContain('never synced');
    expect(screen.getByTestId('backend-metrics').textContent).toContain('synced 1 s ago');

    await act(() => vi.advanceTimersByTimeAsync(2_000));
    expect(screen.getByTestId('backend-flags').textContent).toContain('synced 14 s ago');
  });

  it('names what is wrong with a backend in its own words, and when it is asked again', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    const retryAt = NOW + 45_000;
    const failing = {
      ...workspace,
      backends: [
        { ...workspace.backends[0]!, state: 'error' as const, errorCode: 'rate_limited' as const, retryAt, message: 'Unleash answered 429' },
        { ...workspace.backends[1]!, state: 'error' as const, errorCode: 'unauthorized' as const, message: 'Unleash answered 401' },
        { ...workspace.backends[2]!, state: 'offline' as const, errorCode: 'timeout' as const, retryAt: NOW - 1, message: null },
      ],
    };
    const bridge = createFakeBridge({ 'workspace:current': () => ok(failing) });
    await renderConsole(bridge);
    const chipState = (kind: string) => screen.getByTestId(`backend-${kind}`).querySelector('.chip-state')!.textContent;
    expect(chipState('flags')).toBe(`rate limited · retrying at ${formatClockSeconds(retryAt)}`);
    expect(chipState('deploy')).toBe('token rejected');
    expect(chipState('metrics')).toBe('timed out · retrying now');
    expect(screen.getByTestId('backend-flags').title).toBe('Unleash answered 429');

    const words = { forbidden: 'not allowed', unavailable: 'unreachable', bad_response: 'unexpected answer' } as const;
    for (const [errorCode, said] of Object.entries(words)) {
      bridge.respond('workspace:current', () =>
        ok({ ...workspace, backends: [{ ...workspace.backends[0]!, state: 'error', errorCode: errorCode as keyof typeof words }] }),
      );
      act(() => bridge.emit('state:changed', { domain: 'backends' }));
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(chipState('flags')).toBe(said);
    }
  });

  it("shows app:info notices in an alert until dismissed", async () => {
    const notice = 'The database was unreadable and was moved to /tmp/ringside/ringside.db.corrupt-1; a new one was created.';
    await renderConsole(
      createFakeBridge({ 'app:info': () => ok({ version: '0.1.0', dataDir: '/tmp/ringside', notices: [notice] }) }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('moved to');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows no alert when there is nothing to say', async () => {
    await renderConsole();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
