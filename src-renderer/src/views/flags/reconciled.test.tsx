import { fireEvent, screen, within } from '@testing-library/react';
import type { ReconciledIntent } from '../../../../src-shared/domain/killRetry';
import { createFakeBridge } from '../../test/fakeBridge';
import { fakeFlagHandlers } from '../../test/fakeFlagServer';
import { NOW } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';

const intent = (intentId: number, patch: Partial<ReconciledIntent>): ReconciledIntent => ({
  intentId,
  flag: 'checkout.kill',
  environment: 'production',
  action: 'flag.disabled',
  outcome: 'confirmed after restart',
  requestedAt: NOW - 60_000,
  reconciledAt: NOW,
  evidence: 'Unleash reads it off in production',
  ...patch,
});

const confirmed = intent(1, { flag: 'search.new-ranking' });
const lostKill = intent(2, { outcome: 'not applied', evidence: 'Unleash reads it on in production' });
const lostRelease = intent(3, {
  flag: 'search.new-ranking', action: 'flag.enabled', outcome: 'not applied', evidence: 'Unleash reads it off in production',
});

const entries = () => screen.getAllByTestId('reconciled-intent');
const entryOf = (id: number) => entries()[[lostKill, lostRelease, confirmed].findIndex((i) => i.intentId === id)]!;

describe('changes reconciled after a restart', () => {
  it('lists them above the table, warnings first, in words with the evidence', async () => {
    await renderConsole(createFakeBridge(fakeFlagHandlers({ reconciled: [confirmed, lostKill, lostRelease] })));
    const list = screen.getByRole('list', { name: 'Changes checked after a restart' });
    // above the table, not inside a row
    expect(list.compareDocumentPosition(screen.getByRole('table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('table').textContent).not.toContain('After a restart');

    expect(entries().map((e) => e.textContent)).toEqual([
      '⚠ After a restart: checkout.kill off in production — NOT applied (Unleash reads it on in production)Kill again',
      '⚠ After a restart: search.new-ranking on in production — NOT applied (Unleash reads it off in production)',
      'After a restart: search.new-ranking off in production — confirmed after restart (Unleash reads it off in production)',
    ]);
    expect(entries().map((e) => e.className)).toEqual(['reconciled-not-applied', 'reconciled-not-applied', 'reconciled-confirmed']);
  });

  it('kills again in one click a kill the crash lost, and says when the server confirmed it', async () => {
    const { bridge } = await renderConsole(createFakeBridge(fakeFlagHandlers({ reconciled: [confirmed, lostKill, lostRelease] })));
    expect(within(entryOf(3)).queryByRole('button')).toBeNull();
    expect(within(entryOf(1)).queryByRole('button')).toBeNull();

    fireEvent.click(within(entryOf(2)).getByRole('button', { name: 'Kill checkout.kill in production again' }));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag: 'checkout.kill', environment: 'production', enabled: false }]);
    expect(entryOf(2).textContent).toMatch(/killed again, confirmed \d\d:\d\d:\d\d$/);
    // the flag is off now: nothing left to kill again
    expect(within(entryOf(2)).queryByRole('button', { name: /again/ })).toBeNull();
  });

  it('shows no list when nothing was left without an outcome', async () => {
    await renderConsole();
    expect(screen.queryByTestId('reconciled')).toBeNull();
  });
});
