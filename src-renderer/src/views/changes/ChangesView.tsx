import { useEffect } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { loadIdentity, loadPendingChanges, loadPolicy, loadReviews } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { FlagRequestList } from './FlagRequestList';
import { PolicySummary } from './PolicySummary';
import { ReviewList } from './ReviewList';
import { RolloutApprovalList } from './RolloutApprovalList';
import './changes.css';

/**
 * Four-eyes and break-glass: releases waiting for a second person (the flag server's change
 * requests, approvals on rollouts), kills to review after the fact, and what this person may do.
 */
export function ChangesView() {
  const changes = useRingside((s) => s.pendingChanges);
  useEffect(() => {
    void Promise.all([loadPendingChanges(), loadReviews(), loadIdentity(), loadPolicy()]);
  }, []);
  return (
    <section className="view-changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">Changes</h2>
      {changes.error && <ErrorNote floating error={changes.error} onRetry={() => void loadPendingChanges()} />}
      {!changes.data && changes.loading && <p className="muted">Loading changes…</p>}
      {changes.data?.notices.map((n) => (
        <p key={n} className="muted" role="note">
          {n}
        </p>
      ))}
      <FlagRequestList />
      <RolloutApprovalList />
      <ReviewList />
      <PolicySummary />
    </section>
  );
}
