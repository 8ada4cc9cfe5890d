import { formatClockSeconds } from '../format/time';
import type { Liveness } from '../transport/liveness';
import { useRingside } from '../store/useRingside';

export const OFFLINE_BANNER_ID = 'offline-banner';

/** What to tell the person, by how the page reaches the core and why it is offline. */
export function offlineWords(liveness: Extract<Liveness, { status: 'offline' }>, host: string): { title: string; detail: string } {
  const since = formatClockSeconds(liveness.since);
  if (liveness.reason === 'signed-out') {
    return {
      title: `Signed out: the Ringside core at ${host} no longer accepts this page's access token (since ${since}).`,
      detail:
        'It was restarted with a new token. Open the URL that `npm run serve` printed (it ends in ?token=…), in this tab or another; ' +
        'this page then reconnects by itself. Actions are disabled until then.',
    };
  }
  if (liveness.via === 'electron') {
    return {
      title: `Offline: Ringside's main process is not answering (since ${since}).`,
      detail: 'What you see is what it last said; actions are disabled. This window reconnects and reloads by itself when it answers again.',
    };
  }
  return {
    title: `Offline: the Ringside core at ${host} is not answering (since ${since}).`,
    detail:
      'What you see is what it last said; actions are disabled. Is `npm run serve` still running? ' +
      'Start it again on the same data folder and this page reconnects and reloads by itself.',
  };
}

/**
 * The one offline state of the whole console: a fixed strip (nothing under the pointer moves)
 * saying since when, why, and what to do. The view's controls point at it for their reason.
 */
export function OfflineBanner({ host = window.location.host }: { host?: string }) {
  const liveness = useRingside((s) => s.liveness);
  if (liveness.status !== 'offline') return null;
  const words = offlineWords(liveness, host);
  return (
    <div id={OFFLINE_BANNER_ID} role="alert" className="offline-banner" data-testid="offline-banner" data-reason={liveness.reason}>
      <strong>{words.title}</strong> <span>{words.detail}</span>
    </div>
  );
}
