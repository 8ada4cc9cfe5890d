import { useRingside } from '../store/useRingside';

/** Notices main says the user must see (a database moved aside, ...), until dismissed. */
export function NoticesBanner() {
  const notices = useRingside((s) => s.info.data?.notices);
  const dismissed = useRingside((s) => s.dismissedNotices);
  const dismissNotice = useRingside((s) => s.dismissNotice);
  const shown = (notices ?? []).filter((n) => !dismissed.includes(n));
  if (shown.length === 0) return null;
  return (
    <div role="alert" className="notices">
      <ul>
        {shown.map((notice) => (
          <li key={notice}>
            <span>{notice}</span>
            <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => dismissNotice(notice)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
