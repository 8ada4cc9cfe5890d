import { render, screen } from '@testing-library/react';
import type { BackendStatus } from '../../../src-shared/domain/backend';
import { NOW } from '../test/fixtures';
import { BackendChip, backendFreshness, staleAfterMs } from './BackendChip';

const online = (lastSyncAt: number | null): BackendStatus => ({
  kind: 'flags',
  provider: 'unleash',
  state: 'online',
  configured: true,
  lastSyncAt,
  message: null,
});

describe('backend chip freshness', () => {
  const poll = { pollMs: 5_000, coreOffline: false };

  it('counts as online only while the last answer is within the last poll as seen here', () => {
    expect(staleAfterMs(5_000)).toBe(12_000);
    expect(backendFreshness(online(NOW - 12_000), NOW, poll).look).toBe('online');
    expect(backendFreshness(online(NOW - 12_001), NOW, poll)).toEqual({
      look: 'stale',
      label: 'stale',
      why: expect.stringMatching(/^No answer from unleash since \d\d:\d\d:\d\d; the core polls every 5 s\.$/),
    });
    // nothing to age yet: a core that just started has not polled
    expect(backendFreshness(online(null), NOW, poll).look).toBe('online');
  });

  it('does not judge age without a poll interval (not heard yet, or polling off)', () => {
    expect(backendFreshness(online(NOW - 3_600_000), NOW, { pollMs: null, coreOffline: false }).look).toBe('online');
    expect(backendFreshness(online(NOW - 3_600_000), NOW, { pollMs: 0, coreOffline: false }).look).toBe('online');
  });

  it('keeps a failing state in its own words: it is not "stale", it is failing', () => {
    const failing: BackendStatus = { ...online(NOW - 60_000), state: 'error', errorCode: 'unauthorized' };
    expect(backendFreshness(failing, NOW, poll)).toEqual({ look: 'error', label: 'token rejected', why: null });
  });

  it('shows every configured backend as unknown while the core does not answer', () => {
    const offline = { pollMs: 5_000, coreOffline: true };
    expect(backendFreshness(online(NOW - 1_000), NOW, offline)).toEqual({
      look: 'unknown',
      label: 'unknown',
      why: 'The Ringside core is not answering; it last said unleash was online.',
    });
    const none: BackendStatus = { ...online(null), kind: 'deploy', provider: 'none', state: 'unconfigured', configured: false };
    expect(backendFreshness(none, NOW, offline).look).toBe('unconfigured');
  });

  it('renders the look as its state, with the reason as the tooltip and the age kept', () => {
    render(
      <ul>
        <BackendChip status={online(NOW - 39_000)} now={NOW} pollMs={5_000} />
      </ul>,
    );
    const chip = screen.getByTestId('backend-flags');
    expect(chip.getAttribute('data-state')).toBe('stale');
    expect(chip.querySelector('.chip-state')!.textContent).toBe('stale');
    expect(chip.querySelector('.chip-age')!.textContent).toBe('synced 39 s ago');
    expect(chip.title).toContain('No answer from unleash');
  });
});
