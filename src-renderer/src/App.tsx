import { useCallback, useState, type ComponentType } from 'react';
import { Header } from './components/Header';
import { Navigation, viewLabels } from './components/Navigation';
import { NoticesBanner } from './components/NoticesBanner';
import { OFFLINE_BANNER_ID } from './components/OfflineBanner';
import { GuardBanner } from './views/rings/GuardBanner';
import { CommandPalette } from './components/palette/CommandPalette';
import { PaletteToasts } from './components/palette/PaletteToasts';
import { usePaletteShortcut } from './hooks/usePaletteShortcut';
import { useViewShortcuts } from './hooks/useViewShortcuts';
import { isCoreOffline } from './store/slices/appSlice';
import type { ViewId } from './store/slices/navSlice';
import { useRingside } from './store/useRingside';
import { FlagsView } from './views/flags/FlagsView';
import { AuditView, CanaryView, ChangesView, DebtView, RingsView } from './views/lazyViews';
import { usePreloadViews } from './views/usePreloadViews';

// The Kill switches view comes with the first paint; the others are fetched after it (usePreloadViews).
const viewComponents: Record<ViewId, ComponentType> = {
  flags: FlagsView,
  canary: CanaryView,
  rings: RingsView,
  audit: AuditView,
  debt: DebtView,
  changes: ChangesView,
};

/** The console: header, notices, the view switcher, the active view and the Ctrl/Cmd+K palette. */
export function App() {
  useViewShortcuts();
  usePreloadViews();
  const [paletteOpen, setPaletteOpen] = useState(false);
  usePaletteShortcut(useCallback(() => setPaletteOpen(true), []));
  const view = useRingside((s) => s.view);
  const View = viewComponents[view];
  const offline = useRingside(isCoreOffline);
  return (
    <div className="app">
      <Header />
      <NoticesBanner />
      <GuardBanner />
      <Navigation />
      <main className="view" aria-label={viewLabels[view]}>
        {/* While the core does not answer every control of the view is disabled; the offline banner says why. */}
        <fieldset
          className="view-controls"
          disabled={offline}
          aria-describedby={offline ? OFFLINE_BANNER_ID : undefined}
          title={offline ? 'Disabled: the Ringside core is not answering (see the banner below)' : undefined}
        >
          <View />
        </fieldset>
      </main>
      {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
      <PaletteToasts />
    </div>
  );
}
