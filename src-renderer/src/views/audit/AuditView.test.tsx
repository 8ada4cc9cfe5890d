import { act, fireEvent, screen, within } from '@testing-library/react';
import type { AuditEvent } from '../../../../src-shared/domain/audit';
import type { RequestOf, ResponseOf } from '../../../../src-shared/ipc/contract';
import { ok } from '../../../../src-shared/ipc/result';
import { AUDIT_PAGE } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';
import { createFakeBridge } from '../../test/fakeBridge';
import { HOSTILE } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';
import { ROW_HEIGHT } from './AuditList';
import { AuditView } from './AuditView';
import { App } from '../../App';
import { fakeAuditHandlers } from '../../test/fakeAudit';

const MILLION = 1_000_000;
const NEWEST = Date.UTC(2026, 4, 14, 10, 0, 0);

/** Row i of a million-event history, newest first: built when asked for, never all at once. */
function eventAt(i: number): AuditEvent {
  return {
    id: MILLION - i,
    time: NEWEST - i * 1000,
    source: i % 3 === 0 ? 'console' : 'flag-server',
    actor: i === 0 ? HOSTILE : `user-${i % 7}`,
    workspace: 'demo',
    environment: 'production',
    objectType: 'flag',
    objectId: i === 0 ? 'checkout.kill' : `flag-${i % 97}`,
    action: i % 2 ? 'flag.enabled' : 'flag.disabled',
    before: { enabled: i % 2 === 0, rollout: 25, owner: 'team-pay' },
    after: { enabled: i % 2 === 1, rollout: 50, reason: HOSTILE },
    reason: i === 0 ? HOSTILE : `change ${i}`,
    result: 'confirmed',
  };
}

const status = (patch: Partial<ResponseOf<'audit:status'>> = {}): ResponseOf<'audit:status'> => ({
  offline: false,
  sources: [
    { source: 'flag-server', backend: 'flags', configured: true, state: 'online', lastSyncAt: NEWEST, message: null },
    { source: 'rollout', backend: 'deploy', configured: true, state: 'online', lastSyncAt: NEWEST, message: null },
    { source: 'canary', backend: 'metrics', configured: false, state: 'unconfigured', lastSyncAt: null, message: null },
  ],
  flagSync: { running: false, paused: false, syncedAt: NEWEST, cursor: 10, resumeFrom: null },
  events: MILLION,
  ...patch,
});

function millionBridge() {
  return createFakeBridge({
    'audit:count': () => ok({ count: MILLION, maxId: MILLION }),
    'audit:search': (req: RequestOf<'audit:search'>) => {
      const start = req.before ? (NEWEST - req.before.time) / 1000 + 1 : (req.offset ?? 0);
      const events = Array.from({ length: Math.max(0, Math.min(req.limit, MILLION - start)) }, (_, k) => eventAt(start + k));
      const last = events.at(-1);
      return ok({ events, next: last && events.length === req.limit ? { time: last.time, id: last.id } : null });
    },
    'audit:status': () => ok(status()),
  });
}

// jsdom lays nothing out: the list gets its height from the start, and the test scrolls it by hand.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('audit-scroll') ? 420 : 0;
    },
  });
});
afterEach(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

function layOut() {
  const list = screen.getByTestId('audit-list');
  let top = 0;
  Object.defineProperty(list, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
  list.scrollTo = ((options: ScrollToOptions) => {
    top = options.top ?? top;
    list.dispatchEvent(new Event('scroll'));
  }) as typeof list.scrollTo;
  return {
    list,
    scrollTo: async (px: number) => {
      top = px;
      await act(async () => {
        list.dispatchEvent(new Event('scroll'));
      });
      await settle();
      await settle();
    },
  };
}

const rowIds = () => screen.queryAllByTestId('audit-row').map((r) => Number(r.dataset.id)).filter(Boolean);

describe('Audit view', () => {
  it('shows a million-event history as a virtual list: a few rows in the page, pages fetched by offset on a jump and by cursor after', async () => {
    const { bridge } = await renderConsole(millionBridge(), <AuditView />);
    expect(screen.getByTestId('audit-count').textContent).toBe('1,000,000 events');
    const { scrollTo } = layOut();
    expect(screen.getByTestId('audit-rows').style.height).toBe(`${MILLION * ROW_HEIGHT}px`);
    const rows = screen.getAllByTestId('audit-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rowIds().slice(0, 3)).toEqual([MILLION, MILLION - 1, MILLION - 2]);
    expect(bridge.requestsTo('audit:search')[0]).toEqual({ limit: AUDIT_PAGE, beforeId: MILLION + 1 });

    // Drag to the middle: the page there is fetched by offset, not by walking 5,000 pages.
    await scrollTo(500_000 * ROW_HEIGHT);
    expect(screen.getAllByTestId('audit-row').length).toBeLessThan(60);
    expect(rowIds()).toContain(MILLION - 500_000);
    const jump = bridge.requestsTo('audit:search').find((r) => r.offset !== undefined);
    // The first row drawn is 10 above the middle (overscan): its page starts at 499,900.
    expect(jump).toEqual({ limit: AUDIT_PAGE, beforeId: MILLION + 1, offset: 499_900 });

    // A little further on: the next page follows the previous one by cursor.
    await scrollTo((500_000 + AUDIT_PAGE) * ROW_HEIGHT);
    const last = bridge.requestsTo('audit:search').at(-1)!;
    expect(last.before).toBeDefined();
    expect(last.offset).toBeUndefined();
    expect(rowIds()).toContain(MILLION - 500_000 - AUDIT_PAGE);
    // Only the pages around the reader are kept.
    expect(Object.keys(useRingside.getState().audit.pages).length).toBeLessThanOrEqual(30);
  });

  it('searches with text and filters, sends them as the contract takes them, and refuses an inverted range', async () => {
    const { bridge } = await renderConsole(millionBridge(), <AuditView />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the audit' }), { target: { value: '  INC-2041 rollback ' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Source' }), { target: { value: 'console' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Actor' }), { target: { value: 'ana' } });
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2026-05-01T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await settle();
    const from = new Date('2026-05-01T08:00').getTime();
    expect(bridge.requestsTo('audit:count').at(-1)).toEqual({ text: 'INC-2041 rollback', source: 'console', actor: 'ana', from });
    expect(bridge.requestsTo('audit:search').at(-1)).toMatchObject({ text: 'INC-2041 rollback', source: 'console', actor: 'ana', from });

    fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2026-04-01T08:00' } });
    const counts = bridge.requestsTo('audit:count').length;
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('From is later than To.');
    expect(bridge.requestsTo('audit:count')).toHaveLength(counts);
  });

  it('opens an event: every field and the before/after diff key by key, hostile text as text', async () => {
    await renderConsole(millionBridge(), <AuditView />);
    layOut();
    fireEvent.click(screen.getAllByTestId('audit-row')[0]!);
    const detail = screen.getByTestId('audit-detail');
    expect(detail.dataset.id).toBe(String(MILLION));
    expect(within(detail).getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(2);
    const diff = within(detail).getByTestId('audit-diff');
    const changes = [...diff.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')!.textContent!.split(' ')[0], (tr as HTMLElement).dataset.change]);
    expect(changes).toEqual([
      ['enabled', 'changed'],
      ['rollout', 'changed'],
      ['owner', 'removed'],
      ['reason', 'added'],
    ]);
    expect(document.querySelector('img')).toBeNull();
  });

  it("links an event about a release's flag to the canary chart at that moment", async () => {
    await renderConsole(millionBridge(), <AuditView />);
    layOut();
    fireEvent.click(screen.getAllByTestId('audit-row')[0]!);
    fireEvent.click(screen.getByRole('button', { name: /Open the canary of checkout 2\.4\.0 at this moment/ }));
    const state = useRingside.getState();
    expect(state.view).toBe('canary');
    expect(state.selectedReleaseId).toBe('checkout-2.4.0');
    expect(state.canaryAt).toBe(NEWEST);
  });

  it('says when it is offline with the last sync per source, shows a long sync and cancels it', async () => {
    const bridge = millionBridge();
    bridge.respond('audit:status', () =>
      ok(status({ offline: true, sources: status().sources.map((s) => (s.source === 'flag-server' ? { ...s, state: 'offline', lastSyncAt: Date.now() - 3.5 * 3_600_000, message: 'Unleash is not answering.' } : s)) })),
    );
    bridge.respond('audit:cancelSync', () => ok({ cancelled: true }));
    await renderConsole(bridge, <AuditView />);
    const offline = screen.getByTestId('audit-offline');
    expect(offline.textContent).toContain('Offline: this is the local history.');
    expect(within(offline).getByText(/Flag server events: last synced 3 h ago/)).toBeTruthy();
    expect(within(offline).getByText(/Rollout changes: last synced/)).toBeTruthy();
    expect(offline.textContent).toContain('Unleash is not answering.');
    expect(offline.textContent).not.toContain('Canary metrics');

    act(() => bridge.emit('sync:progress', { source: 'flags', done: 12_000, total: 80_000 }));
    const sync = screen.getByTestId('audit-sync');
    expect(sync.textContent).toContain('12,000 of 80,000 events');
    fireEvent.click(within(sync).getByRole('button', { name: 'Cancel sync' }));
    await settle();
    expect(bridge.requestsTo('audit:cancelSync')).toHaveLength(1);
    act(() => bridge.emit('sync:progress', { source: 'flags', done: 12_500, total: 12_500 }));
    expect(screen.queryByTestId('audit-sync')).toBeNull();
  });

  it('exports the current filter and says where the file is and what the chain was', async () => {
    const bridge = millionBridge();
    bridge.respond('audit:export', () =>
      ok({ fileName: 'audit-demo-1.csv', path: '/data/exports/audit-demo-1.csv', downloadPath: '/api/exports/audit-demo-1.csv', rows: 42, bytes: 900, chain: { ok: true, checked: 1234, firstBroken: null, verifiedAt: NEWEST } }),
    );
    await renderConsole(bridge, <AuditView />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Source' }), { target: { value: 'guard' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await settle();
    const clicks: string[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.getAttribute('href')!);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await settle();
    spy.mockRestore();
    expect(bridge.requestsTo('audit:export')).toEqual([{ source: 'guard', format: 'csv' }]);
    const done = screen.getByTestId('audit-export-done');
    expect(done.textContent).toContain('Exported 42 events to /data/exports/audit-demo-1.csv; the chain was intact (1,234 rows verified).');
    // In a browser (serve mode) the file is also downloaded.
    expect(clicks).toEqual(['/api/exports/audit-demo-1.csv']);
  });

  it('charts the DORA figures per week and lists the events each counted', async () => {
    const bridge = millionBridge();
    const figure = (value: number | null, ids: number[]) => ({ value, counted: ids.map((id) => ({ id, time: NEWEST, action: 'rollout.completed', objectId: 'checkout', note: 'rollout completed' })) });
    const week = (weekStart: number) => ({ weekStart, deploymentFrequency: figure(2, [1, 2]), leadTimeMs: figure(7_200_000, [1]), changeFailureRate: figure(0.5, [3]), recoveryMs: figure(60_000, [4]) });
    bridge.respond('audit:dora', (req) =>
      ok({ from: 0, to: NEWEST, failureWindowMs: (req.failureWindowHours ?? 24) * 3_600_000, weeks: [week(0), week(604_800_000)], total: week(0), considered: 10 }),
    );
    await renderConsole(bridge, <AuditView />);
    fireEvent.click(screen.getByRole('tab', { name: 'DORA metrics' }));
    await settle();
    expect(bridge.requestsTo('audit:dora')).toEqual([{ weeks: 5, failureWindowHours: 24 }]);
    const total = (key: string) => screen.getByTestId(`dora-${key}`).querySelector('.dora-total')!.textContent;
    expect(['deploymentFrequency', 'leadTimeMs', 'changeFailureRate', 'recoveryMs'].map(total)).toEqual(['2', '2.0 h', '50 %', '1.0 min']);
    expect(within(screen.getByTestId('dora-deploymentFrequency')).getByText('2 events counted')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: /A kill, abort or rollback within/ }), { target: { value: '6' } });
    await settle();
    expect(bridge.requestsTo('audit:dora').at(-1)).toEqual({ weeks: 5, failureWindowHours: 6 });
  });
});

describe('Audit view, events arriving', () => {
  const at = (id: number): AuditEvent => ({ ...eventAt(0), id, time: NEWEST + id * 1000, actor: `user-${id}`, reason: `change ${id}` });

  function liveBridge(events: AuditEvent[]) {
    // fresh handlers per call: the history grows while the test runs
    return createFakeBridge({
      'audit:count': (req) => fakeAuditHandlers(events)['audit:count'](req),
      'audit:search': (req) => fakeAuditHandlers(events)['audit:search'](req),
      'audit:status': (req) => fakeAuditHandlers(events)['audit:status'](req),
    });
  }
  const open = async (view: string) => {
    fireEvent.click(screen.getByRole('button', { name: view }));
    await settle();
    await settle();
  };

  it('asks before moving the rows under a reader, and shows at once what arrived while away', async () => {
    const events = [at(3), at(2), at(1)];
    const { bridge } = await renderConsole(liveBridge(events), <App />);
    await open('Audit');
    expect(rowIds()).toEqual([3, 2, 1]);

    events.unshift(at(4));
    act(() => bridge.emit('state:changed', { domain: 'audit' }));
    await settle();
    expect(rowIds()).toEqual([3, 2, 1]);
    fireEvent.click(screen.getByRole('button', { name: '1 new event: show' }));
    await settle();
    await settle();
    expect(rowIds()).toEqual([4, 3, 2, 1]);

    await open('Kill switches');
    events.unshift(at(6), at(5));
    act(() => bridge.emit('state:changed', { domain: 'audit' }));
    await settle();
    await open('Audit');
    expect(rowIds()).toEqual([6, 5, 4, 3, 2, 1]);
    expect(screen.queryByRole('button', { name: /new events?: show/ })).toBeNull();
  });
});
