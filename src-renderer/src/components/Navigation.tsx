import { views, type ViewId } from '../store/slices/navSlice';
import { useRingside } from '../store/useRingside';

export const viewLabels: Record<ViewId, string> = {
  flags: 'Kill switches',
  canary: 'Canary',
  rings: 'Rings',
  audit: 'Audit',
  debt: 'Flag debt',
  changes: 'Changes',
};

/** The views; Alt+1..6 (useViewShortcuts) switch them as well. */
export function Navigation() {
  const view = useRingside((s) => s.view);
  const setView = useRingside((s) => s.setView);
  return (
    <nav aria-label="Views" className="views-nav">
      <ul>
        {views.map((id, index) => (
          <li key={id}>
            <button
              type="button"
              aria-current={view === id ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${index + 1}`}
              title={`Alt+${index + 1}`}
              onClick={() => setView(id)}
            >
              {viewLabels[id]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
