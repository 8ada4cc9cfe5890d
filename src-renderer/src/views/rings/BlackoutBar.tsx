import type { BlackoutStatus } from '../../../../src-shared/domain/plan';

/** Whether releasing is allowed right now, and if not, why and until when. */
export function BlackoutBar({ status }: { status: BlackoutStatus | null | undefined }) {
  if (!status) return null;
  if (!status.blocked) {
    return (
      <p className="blackout-bar open" data-testid="blackout-status" data-blocked="false">
        Release window open ({status.timeZone}): advancing, promoting and turning flags on in production are allowed.
      </p>
    );
  }
  return (
    <p className="blackout-bar blocked" data-testid="blackout-status" data-blocked="true" role="status">
      <strong>Release blackout:</strong> {status.reason}
      {status.endsAtLocal ? ` until ${status.endsAtLocal}` : ''}. Advancing a ring, promoting a rollout and turning a flag on in production need an
      override reason; kills and roll backs are always allowed.
    </p>
  );
}
