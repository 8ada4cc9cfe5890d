import type { RingsideBridge } from '../../../src-shared/ipc/api';
import type { PayloadOf } from '../../../src-shared/ipc/contract';
import type { LivenessSource } from '../transport/liveness';
import { loadAudit } from './auditLoaders';
import { attachBridge, currentBridge } from './bridge';
import {
  loadAppInfo,
  loadCanarySeries,
  loadDebt,
  loadFlags,
  loadPendingChanges,
  loadPolicy,
  loadReleases,
  loadReviews,
  loadRollouts,
  loadWorkspace,
  loadWorkspaces,
} from './loaders';
import { loadRings } from './ringLoaders';
import { useRingside } from './useRingside';

type Domain = PayloadOf<'state:changed'>['domain'];

/** The debt board is read when first shown; after that a flag change re-reads it too. */
const reloadDebtIfShown = async () => {
  if (useRingside.getState().debt.data) await loadDebt();
};

/** The Changes view's lists, like the debt board, are read when first shown and then kept current. */
const reloadChangesIfShown = async () => {
  if (useRingside.getState().pendingChanges.data) await loadPendingChanges();
};
const reloadReviewsIfShown = async () => {
  if (useRingside.getState().reviews.data) await loadReviews();
};

const reloaders: Record<Domain, () => Promise<unknown>> = {
  flags: () => Promise.all([loadFlags(), reloadDebtIfShown(), reloadChangesIfShown()]),
  rollouts: () => Promise.all([loadRollouts(), reloadChangesIfShown()]),
  plans: loadRings,
  // a kill where releases need approval is listed for review: it is audited first
  audit: () => Promise.all([loadAudit(), reloadReviewsIfShown()]),
  backends: loadWorkspace,
  canary: async () => {
    await loadReleases();
    await loadCanarySeries();
  },
};

export const reloadDomain = (domain: Domain) => reloaders[domain]();

/**
 * Everything the console shows, loaded in parallel. The audit list (a count over the whole
 * history) is read when the Audit view first shows it, and kept current after that (loadAudit).
 */
export async function loadEverything(): Promise<void> {
  await Promise.all([
    loadAppInfo(),
    loadWorkspace(),
    loadWorkspaces(),
    loadPolicy(),
    loadFlags(),
    loadReleases(),
    loadRollouts(),
    loadAudit(),
    loadRings(),
    reloadChangesIfShown(),
    reloadReviewsIfShown(),
  ]);
}

export interface SessionTransport {
  bridge: RingsideBridge;
  onReconnect?(callback: () => void): () => void;
  /** Whether the core answers; mirrored into the store for the offline banner and the chips. */
  liveness?: LivenessSource;
}

/**
 * Attach the store to a transport: load everything, apply pushed events, and return the teardown
 * that disposes every subscription this session made.
 */
export function startSession(transport: SessionTransport): () => void {
  const { bridge } = transport;
  attachBridge(bridge);
  const disposers = [
    bridge.subscribe('state:changed', ({ domain }) => void reloadDomain(domain)),
    bridge.subscribe('sync:progress', (progress) => useRingside.getState().setSyncProgress(progress)),
    bridge.subscribe('canary:verdict', (verdict) => useRingside.getState().setVerdict(verdict)),
    bridge.subscribe('plans:guard', (alert) => useRingside.getState().pushGuardAlert(alert)),
    // Events sent while the channel was down are lost: reload rather than show stale state.
    transport.onReconnect?.(() => void loadEverything()) ?? (() => {}),
    transport.liveness?.subscribe((liveness) => useRingside.getState().setLiveness(liveness)) ?? (() => {}),
  ];
  void loadEverything();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const dispose of disposers) dispose();
    if (currentBridge() === bridge) attachBridge(null);
  };
}
