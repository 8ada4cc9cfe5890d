import { useId, useState } from 'react';
import type { AfterFactReview } from '../../../../src-shared/domain/governance';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format/time';
import { useInFlight } from '../../hooks/useInFlight';
import { acknowledgeReview } from '../../store/governanceCommands';
import { loadReviews } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { ActionButton } from './ActionButton';

/**
 * One break-glass action. Acknowledge is offered to everyone: the core knows who took the action
 * and refuses its actor in its own words, shown here.
 */
function ReviewItem({ review }: { review: AfterFactReview }) {
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, run] = useInFlight();
  const [error, setError] = useState<IpcError | null>(null);
  const where = `${review.target} in ${review.environment}`;
  async function acknowledge() {
    const result = await run(() => acknowledgeReview(review.id, note));
    if (result) setError(result.ok ? null : result.error);
  }
  return (
    <li className="review-item" data-testid="review" data-id={review.id} data-acknowledged={review.acknowledgedBy !== null}>
      <p>
        <strong>{review.action}</strong> {where} by {review.actor} at {formatDateTime(review.at)}
        {review.reason && <span className="muted"> · {review.reason}</span>}
      </p>
      {review.acknowledgedBy ? (
        <p className="muted">
          Acknowledged by {review.acknowledgedBy}
          {review.acknowledgedAt !== null && ` at ${formatDateTime(review.acknowledgedAt)}`}
          {review.note && `: ${review.note}`}
        </p>
      ) : (
        <div className="review-ack">
          <label htmlFor={`${id}-note`}>Note (audited, optional)</label>
          <input id={`${id}-note`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          <ActionButton label="Acknowledge" name={`Acknowledge ${review.action} ${where}`} denied={null} busy={busy} onClick={() => void acknowledge()} />
        </div>
      )}
      {error && <ErrorNote error={error} />}
    </li>
  );
}

/** Kills and roll-backs taken where releases need approval, listed until someone else acknowledges them. */
export function ReviewList() {
  const reviews = useRingside((s) => s.reviews);
  const includeAcknowledged = useRingside((s) => s.reviewsIncludeAcknowledged);
  const setInclude = useRingside((s) => s.setReviewsIncludeAcknowledged);
  const list = reviews.data?.reviews ?? [];
  return (
    <section aria-labelledby="reviews-title" className="changes-section">
      <h3 id="reviews-title">Review after the fact</h3>
      <label className="inline">
        <input
          type="checkbox"
          checked={includeAcknowledged}
          onChange={(e) => {
            setInclude(e.target.checked);
            void loadReviews();
          }}
        />{' '}
        Show acknowledged ones too
      </label>
      {reviews.error && <ErrorNote error={reviews.error} onRetry={() => void loadReviews()} />}
      {reviews.data && list.length === 0 && <p className="muted">No break-glass action waits for a review.</p>}
      <ul className="review-list">
        {list.map((r) => (
          <ReviewItem key={r.id} review={r} />
        ))}
      </ul>
    </section>
  );
}
