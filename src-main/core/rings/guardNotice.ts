import type { GuardAlert } from '../../../src-shared/domain/plan';

export interface DesktopNotice {
  title: string;
  body: string;
  /** a halt the guard carried out stays on screen until dismissed; a recommendation may fade */
  urgent: boolean;
}

/**
 * What the OS notification says when the guard stops the line: which ring, what it did to each
 * layer (or that it only recommends), and why. Plain text: notification centres render no markup.
 */
export function guardNotice(alert: GuardAlert): DesktopNotice {
  const title = alert.acted
    ? `Ringside stopped ${alert.releaseId} at ${alert.ring}`
    : `Ringside recommends stopping ${alert.releaseId} at ${alert.ring}`;
  const layers = alert.layers.map((l) => `${l.layer} ${l.target}: ${l.ok ? 'done' : 'FAILED'}, ${l.message}`);
  return { title, body: [alert.message, ...layers].join('\n'), urgent: alert.acted };
}
