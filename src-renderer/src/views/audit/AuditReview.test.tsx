import { fireEvent, screen, within } from '@testing-library/react';
import type { AuditEvent } from '../../../../src-shared/domain/audit';
import { AUDIT_FILTER_LIMITS, auditFilter } from '../../../../src-shared/ipc/channels/auditChannels';
import { createFakeBridge } from '../../test/fakeBridge';
import { fakeAuditHandlers } from '../../test/fakeAudit';
import { renderConsole, settle } from '../../test/renderConsole';
import { AUDIT_COLUMNS } from './AuditList';
import { AuditView } from './AuditView';
import { filterOf, limitError } from './AuditFilters';

const AT = Date.UTC(2026, 4, 14, 10, 23, 17);
const LONG_REASON = `Customer escalation INC-2041: ${'the payment provider rejects 3-D Secure challenges from the new flow; '.repeat(4)}`.trimEnd();

const event = (id: number, patch: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  time: AT - (3 - id) * 60_000,
  source: 'console',
  actor: 'ana.ribeiro',
  workspace: 'demo',
  environment: 'production',
  objectType: 'flag',
  objectId: 'payments.3ds2-challenge-flow',
  action: 'flag.disabled',
  before: { enabled: true },
  after: { enabled: false },
  reason: LONG_REASON,
  result: 'confirmed',
  ...patch,
});

function bridge() {
  const events = [event(3), event(2, { source: 'guard', actor: 'ringside-guard' }), event(1)];
  return createFakeBridge(fakeAuditHandlers(events));
}

const emptyFields = { text: '', from: '', to: '', source: '', environment: '', objectId: '', actor: '', action: '' };

describe('audit filters take their limits from the contract', () => {
  it('are the limits the schemas enforce', () => {
    for (const [key, limit] of Object.entries(AUDIT_FILTER_LIMITS)) {
      const schema = auditFilter[key as keyof typeof AUDIT_FILTER_LIMITS];
      expect(schema.safeParse('x'.repeat(limit)).success, key).toBe(true);
      expect(schema.safeParse('x'.repeat(limit + 1)).success, key).toBe(false);
    }
  });

  it('refuses an over-long value with a sentence, not the schema message', () => {
    expect(limitError('environment', 'x'.repeat(AUDIT_FILTER_LIMITS.environment))).toBeNull();
    expect(limitError('environment', 'x'.repeat(256))).toBe('Environment takes at most 100 characters; this one has 256. Shorten it to search.');
    expect(filterOf({ ...emptyFields, actor: 'y'.repeat(AUDIT_FILTER_LIMITS.actor + 1) })).toEqual({
      error: `Actor takes at most ${AUDIT_FILTER_LIMITS.actor} characters; this one has ${AUDIT_FILTER_LIMITS.actor + 1}. Shorten it to search.`,
    });
  });

  it('marks the field, says why beside it and sends nothing until it fits', async () => {
    const { bridge: b } = await renderConsole(bridge(), <AuditView />);
    const counts = b.requestsTo('audit:count').length;
    const environment = screen.getByRole('textbox', { name: 'Environment' });
    fireEvent.change(environment, { target: { value: 'p'.repeat(256) } });
    expect(environment.getAttribute('aria-invalid')).toBe('true');
    const why = document.getElementById(environment.getAttribute('aria-describedby')!)!;
    expect(why.textContent).toBe('Environment takes at most 100 characters; this one has 256. Shorten it to search.');
    expect(screen.getByRole('button', { name: 'Search' }).matches(':disabled')).toBe(true);
    fireEvent.submit(environment.closest('form')!);
    await settle();
    expect(b.requestsTo('audit:count')).toHaveLength(counts);
    expect(document.body.textContent).not.toContain('Too big');

    fireEvent.change(environment, { target: { value: 'p'.repeat(AUDIT_FILTER_LIMITS.environment) } });
    expect(environment.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await settle();
    expect(b.requestsTo('audit:count').at(-1)).toEqual({ environment: 'p'.repeat(AUDIT_FILTER_LIMITS.environment) });
  });
});

describe('audit list for review', () => {
  const rows = () => screen.getAllByTestId('audit-row');
  // jsdom lays nothing out: the list gets its height from the start.
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

  it('puts headings and cells on one set of columns, and every cell carries its full text', async () => {
    await renderConsole(bridge(), <AuditView />);
    const headings = [...screen.getByTestId('audit-head').children].map((h) => (h as HTMLElement).dataset.col);
    expect(headings).toEqual(AUDIT_COLUMNS.map(([col]) => col));
    // The headings live in the list's own scroller, so they share its width and its scrollbar.
    expect(screen.getByTestId('audit-list').contains(screen.getByTestId('audit-head'))).toBe(true);
    const cells = [...rows()[0]!.querySelectorAll<HTMLElement>('[data-col]')];
    expect(cells.map((c) => c.dataset.col)).toEqual(headings);
    const reason = cells.find((c) => c.dataset.col === 'reason')!;
    expect(reason.title).toBe(LONG_REASON);
    expect(rows()[0]!.getAttribute('aria-label')).toContain(`Reason: ${LONG_REASON}`);
    fireEvent.click(rows()[0]!);
    expect(within(screen.getByTestId('audit-detail')).getByText(LONG_REASON)).toBeTruthy();
  });

  it('names the zone of every time and switches between local time and UTC, remembered', async () => {
    await renderConsole(bridge(), <AuditView />);
    const time = () => rows()[0]!.querySelector('time')!.textContent!;
    expect(time()).toMatch(/^2026-05-14 \d\d:23:17 UTC[+-]\d+(:\d\d)?$/);
    const from = screen.getByLabelText(/^From/) as HTMLInputElement;
    fireEvent.change(from, { target: { value: '2026-05-14T08:00' } });
    const fromMs = new Date('2026-05-14T08:00').getTime();

    fireEvent.change(screen.getByRole('combobox', { name: 'Times in' }), { target: { value: 'utc' } });
    expect(time()).toBe('2026-05-14 10:23:17 UTC');
    expect(localStorage.getItem('ringside.audit.timeZone')).toBe('utc');
    // The time filter says the same instant on the new clock.
    expect(screen.getByLabelText(/^From \(UTC\)/)).toBe(from);
    expect(from.value).toBe(new Date(fromMs).toISOString().slice(0, 16));
    fireEvent.click(rows()[0]!);
    expect(within(screen.getByTestId('audit-detail')).getByText(/^2026-05-14 10:23:17 UTC \(2026-05-14 \d\d:23:17 UTC[+-]/)).toBeTruthy();
  });

  it('starts in the zone chosen last time', async () => {
    localStorage.setItem('ringside.audit.timeZone', 'utc');
    await renderConsole(bridge(), <AuditView />);
    expect((screen.getByRole('combobox', { name: 'Times in' }) as HTMLSelectElement).value).toBe('utc');
    expect(rows()[0]!.querySelector('time')!.textContent).toBe('2026-05-14 10:23:17 UTC');
  });
});
