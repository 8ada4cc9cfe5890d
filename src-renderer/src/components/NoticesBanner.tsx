import { useRingside } from '../store/useRingside';
import { Toast } from './Toast';

/**
 * Notices main says the user must see (a database moved aside, ...), until dismissed: an alert
 * toast, over the page rather than above it, so its arrival moves no row under the pointer.
 */
export function NoticesBanner() {
  const notices = useRingside((s) => s.info.data?.notices);
  const dismissed = useRingside((s) => s.dismissedNotices);
  const dismissNotice = useRingside((s) => s.dismissNotice);
  const shown = (notices ?? []).filter((n) => !dismissed.includes(n));
  return (
    <>
      {shown.map((notice) => (
        <Toast key={notice} label="Notice" role="alert" tone="warn" onDismiss={() => dismissNotice(notice)} dismissLabel="Dismiss notice" testId="notice">
          <p className="notice-text">{notice}</p>
        </Toast>
      ))}
    </>
  );
}
