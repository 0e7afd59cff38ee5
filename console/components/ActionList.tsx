/** Actions on an account or by a person: what, by whom, in which state. */
import type { Action } from '../api/client';
import { Link } from '../router';
import { Empty, StatusBadge, Time } from './ui';

export function ActionList({ actions, showTarget = false }: { actions: Action[]; showTarget?: boolean }) {
  if (actions.length === 0) return <Empty>No actions yet.</Empty>;
  return (
    <table className="table table-compact" aria-label="Actions">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Action</th>
          {showTarget && <th scope="col">Target</th>}
          <th scope="col">Proposed by</th>
          <th scope="col">State</th>
          <th scope="col">Justification</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((a) => (
          <tr key={a.id} data-action={a.id}>
            <td>
              <Time at={a.executedAt ?? a.proposedAt} />
            </td>
            <td>
              <Link to={`/actions/${a.id}`} className={`kind-label kind-${a.kind}`}>
                {a.kind.replace(/_/g, ' ')}
              </Link>
              <div className="muted small">{a.reasonCode.replace(/_/g, ' ')}</div>
            </td>
            {showTarget && (
              <td>
                {a.targetType === 'account' ? <Link to={`/accounts/${encodeURIComponent(a.targetId)}`}>{a.targetId}</Link> : a.targetId}
              </td>
            )}
            <td>{a.proposer.id}</td>
            <td>
              <StatusBadge status={a.state} />
              {a.closedReason && <div className="muted small">{a.closedReason}</div>}
            </td>
            <td className="wrap">{a.justification || <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
