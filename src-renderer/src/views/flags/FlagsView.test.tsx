import { fireEvent, screen, within } from '@testing-library/react';
import { fail, ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { flagsListing, HOSTILE } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';

const row = (name: string) => screen.getAllByTestId('flag-row').find((r) => r.dataset.flag === name)!;

describe('Kill switches view', () => {
  it('shows every flag with its state per environment', async () => {
    await renderConsole();
    const rows = await screen.findAllByTestId('flag-row');
    expect(rows.map((r) => r.dataset.flag)).toEqual(['checkout.kill', 'search.new-ranking', 'recs.rollout']);

    const kill = within(row('checkout.kill'));
    expect(kill.getByTestId('flag-state-production')).toHaveProperty('textContent', 'on');
    expect(kill.getByTestId('flag-state-development')).toHaveProperty('textContent', 'on');
    expect(kill.getByText('kill-switch')).toBeTruthy();
    expect(kill.getByText('Turns checkout.kill off in an incident')).toBeTruthy();
    expect(kill.getByText('team:payments')).toBeTruthy();

    expect(within(row('search.new-ranking')).getByTestId('flag-state-production').textContent).toBe('off');
    const partial = within(row('recs.rollout'));
    expect(partial.getByTestId('flag-state-production').textContent).toBe('on 25%');
    expect(partial.getByTestId('flag-state-development').textContent).toBe('off');
  });

  it('marks a disabled strategy in small text and does not count its rollout as exposure', async () => {
    const ringed = flagsListing().flags.map((f) =>
      f.name !== 'recs.rollout'
        ? f
        : {
            ...f,
            environments: f.environments.map((e) =>
              e.environment !== 'production'
                ? e
                : {
                    ...e,
                    strategies: [
                      { id: 's1', name: 'flexibleRollout', title: 'Developers', rollout: 25, constraintCount: 1, disabled: false },
                      { id: 's2', name: 'flexibleRollout', title: HOSTILE, rollout: 50, constraintCount: 1, disabled: true },
                      { id: 's3', name: 'default', rollout: null, constraintCount: 0, disabled: true },
                    ],
                  },
            ),
          },
    );
    await renderConsole(createFakeBridge({ 'flags:list': () => ok(flagsListing({ flags: ringed })) }));
    await screen.findAllByTestId('flag-row');
    const cell = within(row('recs.rollout'));
    expect(cell.getByTestId('flag-state-production').textContent).toBe('on 25%');
    expect(cell.getAllByTestId('strategy-disabled').map((li) => li.textContent)).toEqual([`${HOSTILE}: disabled`, 'default: disabled']);
    expect(cell.getByRole('list', { name: 'Disabled strategies of recs.rollout in production' })).toBeTruthy();
    // Only the enabled gradual rollout has an editor.
    expect(cell.getAllByRole('spinbutton').map((i) => i.getAttribute('aria-label'))).toEqual(['Rollout of recs.rollout in production']);
    expect(document.querySelector('img')).toBeNull();
  });

  it('renders a hostile description and tag as literal text, creating no element', async () => {
    await renderConsole();
    await screen.findAllByTestId('flag-row');
    const hostile = row('search.new-ranking');
    expect(within(hostile).getByText(HOSTILE)).toBeTruthy();
    expect(hostile.textContent).toContain(`note:${HOSTILE}`);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('[onerror]')).toBeNull();
  });

  it('says the flags come from the cache, and how old they are, when the response is stale', async () => {
    const bridge = createFakeBridge({
      'flags:list': () => ok(flagsListing({ fetchedAt: Date.now() - 5 * 60_000, stale: true })),
    });
    await renderConsole(bridge);
    expect((await screen.findByTestId('flags-stale')).textContent).toBe('Showing cached flags from 5 min ago');
    expect(screen.getAllByTestId('flag-row')).toHaveLength(3);
  });

  it('shows no cached note for a live response', async () => {
    await renderConsole();
    await screen.findAllByTestId('flag-row');
    expect(screen.queryByTestId('flags-stale')).toBeNull();
  });

  it("shows an api error's message and calls again on Retry", async () => {
    const bridge = createFakeBridge();
    let answers = 0;
    bridge.respond('flags:list', () => {
      answers += 1;
      return answers === 1
        ? fail('unauthorized', 'Unleash answered 401: the token was rejected')
        : ok(flagsListing({ fetchedAt: Date.now() }));
    });
    await renderConsole(bridge);

    const note = await screen.findByTestId('error-note');
    expect(note.textContent).toContain('Unleash answered 401: the token was rejected');
    expect(screen.queryAllByTestId('flag-row')).toHaveLength(0);

    fireEvent.click(within(note).getByRole('button', { name: 'Retry' }));
    await settle();
    expect(await screen.findAllByTestId('flag-row')).toHaveLength(3);
    expect(bridge.requestsTo('flags:list')).toHaveLength(2);
    expect(screen.queryByTestId('error-note')).toBeNull();
  });
});
