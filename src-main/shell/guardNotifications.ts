import { Notification } from 'electron';
import type { GuardAlert } from '../../src-shared/domain/plan';
import type { EventBus } from '../core/events';
import { guardNotice } from '../core/rings/guardNotice';

/**
 * A desktop notification each time the stop-the-line guard halts a ring, so an on-call engineer
 * learns of it with the window hidden. Clicking it brings the window forward. Returns the dispose.
 */
export function notifyGuardAlerts(bus: EventBus, focusWindow: () => void): () => void {
  if (!Notification.isSupported()) return () => {};
  return bus.onAny((event, payload) => {
    if (event !== 'plans:guard') return;
    const notice = guardNotice(payload as GuardAlert);
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      urgency: notice.urgent ? 'critical' : 'normal',
      timeoutType: notice.urgent ? 'never' : 'default',
    });
    notification.on('click', focusWindow);
    notification.show();
  });
}
