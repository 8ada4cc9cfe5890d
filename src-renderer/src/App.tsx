import type { ComponentType } from 'react';
import { Header } from './components/Header';
import { Navigation, viewLabels } from './components/Navigation';
import { NoticesBanner } from './components/NoticesBanner';
import { useViewShortcuts } from './hooks/useViewShortcuts';
import type { ViewId } from './store/slices/navSlice';
import { useRingside } from './store/useRingside';
import { AuditView } from './views/audit/AuditView';
import { CanaryView } from './views/canary/CanaryView';
import { FlagsView } from './views/flags/FlagsView';
import { RingsView } from './views/rings/RingsView';

const viewComponents: Record<ViewId, ComponentType> = {
  flags: FlagsView,
  canary: CanaryView,
  rings: RingsView,
  audit: AuditView,
};

/** The console: header, notices, the view switcher and the active view. */
export function App() {
  useViewShortcuts();
  const view = useRingside((s) => s.view);
  const View = viewComponents[view];
  return (
    <div className="app">
      <Header />
      <NoticesBanner />
      <Navigation />
      <main className="view" aria-label={viewLabels[view]}>
        <View />
      </main>
    </div>
  );
}
