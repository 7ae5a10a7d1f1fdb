import type { GoalStatus } from '../api/views';
import { statusLabel } from './labels';

export function StatusBadge(props: { status: GoalStatus; pendingAmendment?: unknown }) {
  const amended = props.status === 'approved' && props.pendingAmendment;
  return (
    <span className={`badge badge-${amended ? 'amending' : props.status}`}>
      {statusLabel(props.status, props.pendingAmendment)}
    </span>
  );
}
