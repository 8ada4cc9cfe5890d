import { lazy, Suspense, type ComponentType, type JSX } from 'react';

/** A view whose code is fetched when it is first shown (or preloaded), not with the first paint. */
export interface LazyView<P extends object> {
  (props: P): JSX.Element;
  /** Fetch and evaluate the view's module; once settled the view renders synchronously. */
  preload(): Promise<unknown>;
}

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, label: string): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // a failed fetch (e.g. a dropped connection) is tried again the next time the view is shown
        pending = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function View(props: P) {
    // Loaded already (the usual case after the idle preload, and always in tests): no Suspense round.
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    return (
      <Suspense fallback={<p className="muted view-loading">Loading {label}…</p>}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  View.displayName = `Lazy(${label})`;
  return Object.assign(View, { preload });
}

export const CanaryView = lazyView(() => import('./canary/CanaryView').then((m) => m.CanaryView), 'Canary');
export const RingsView = lazyView(() => import('./rings/RingsView').then((m) => m.RingsView), 'Rings');
export const AuditView = lazyView(() => import('./audit/AuditView').then((m) => m.AuditView), 'Audit');
export const DebtView = lazyView(() => import('./debt/DebtView').then((m) => m.DebtView), 'Debt');
export const ChangesView = lazyView(() => import('./changes/ChangesView').then((m) => m.ChangesView), 'Changes');
export const WorkspaceSettings = lazyView(() => import('./settings/WorkspaceSettings').then((m) => m.WorkspaceSettings), 'Settings');

const lazyViews = [CanaryView, RingsView, AuditView, DebtView, ChangesView, WorkspaceSettings];

/** Fetch every view the first paint left out (after it, when the page is idle; and before each renderer test). */
export const preloadViews = (): Promise<unknown> => Promise.all(lazyViews.map((view) => view.preload()));
