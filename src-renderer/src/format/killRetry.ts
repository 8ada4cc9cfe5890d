import type { KillRetry } from '../../../src-shared/domain/killRetry';
import { formatClockSeconds } from './time';

const attemptsText = (n: number) => `${n} ${n === 1 ? 'attempt' : 'attempts'}`;

/**
 * Where a kill that main keeps trying stands, in one line: "retrying · attempt 3 · next 14:02:31",
 * "kill confirmed 14:02:40 after 4 attempts", or why it stopped. Never says off before the server did.
 */
export function describeRetry(retry: KillRetry): string {
  const ended = retry.endedAt === null ? '' : ` ${formatClockSeconds(retry.endedAt)}`;
  switch (retry.state) {
    case 'trying': {
      const parts = ['retrying'];
      if (retry.attempts > 0) parts.push(`attempt ${retry.attempts}`);
      parts.push(retry.nextAttemptAt === null ? 'sending now' : `next ${formatClockSeconds(retry.nextAttemptAt)}`);
      return parts.join(' · ');
    }
    case 'confirmed':
      return `kill confirmed${ended} after ${attemptsText(retry.attempts)}`;
    case 'stopped':
      return retry.message ?? `stopped retrying the kill${ended}: the flag changed on the server`;
    case 'cancelled':
      // main's own sentence when it says it was cancelled, else ours: either way the word is there
      if (retry.message && /cancel/i.test(retry.message)) return retry.message;
      return `retrying cancelled${ended}${retry.message ? `: ${retry.message}` : '; the flag is as the server has it'}`;
  }
}
