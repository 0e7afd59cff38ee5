/**
 * The record an appeal is decided on: the action contested with its
 * justification and approvals, and the case it was decided in with the
 * reports that reached it.
 */
import type { Staff } from '../api/client';
import type { paths } from '../api/schema';
import { Link } from '../router';
import { ActionFacts } from './ActionFacts';
import { Person } from './AppealBits';
import { Ago, Empty, Pill, StatusBadge, Time } from './ui';

export type AppealView = paths['/v1/appeals/{id}']['get']['responses'][200]['content']['application/json'];
type Contested = NonNullable<AppealView['contested']>;
type Original = NonNullable<AppealView['original']>;

export function ContestedAction({ contested, staff }: { contested: Contested; staff: Map<string, Staff> | undefined }) {
  const { action: a, approvals } = contested;
  return (
    <div data-testid="contested-action">
      <ActionFacts
        a={a}
        first={
          <div>
            <dt>Action</dt>
            <dd>
              <Link to={`/actions/${a.id}`} className={`kind-label kind-${a.kind}`}>
                {a.kind.replace(/_/g, ' ')}
              </Link>{' '}
              <StatusBadge status={a.state} />
            </dd>
          </div>
        }
      />
      <div className="field">
        <div className="label">Proposed by</div>
        <Person id={a.proposer.id} staff={staff} />
      </div>
      <div className="field">
        <div className="label">Justification</div>
        <blockquote className="justification">{a.justification || <span className="muted">none given</span>}</blockquote>
      </div>
      <div className="field">
        <div className="label">Approvals</div>
        {approvals.length === 0 ? (
          <p className="muted">None: the policy asked for none.</p>
        ) : (
          <ul className="plain" aria-label="Approvals of the action contested">
            {approvals.map((v) => (
              <li key={v.id}>
                {v.verdict === 'approve' ? '✓ approved' : '✗ rejected'} by <Person id={v.approverId} staff={staff} /> · <Time at={v.at} />
                {v.comment && <div className="small">“{v.comment}”</div>}
                {v.voidedAt && <Pill tone="danger">voided: {v.voidedReason}</Pill>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function OriginalCase({ original }: { original: Original }) {
  const { case: c, reports } = original;
  return (
    <div data-testid="original-case">
      <p>
        <Link to={`/cases/${c.id}`} className="strong">
          Case {c.id}
        </Link>{' '}
        <span className={`queue-label queue-${c.queue}`}>{c.queue}</span> <StatusBadge status={c.status} />
        {c.resolution && (
          <span className="small">
            {' '}
            {c.resolution.replace(/_/g, ' ')} by {c.resolvedBy}
          </span>
        )}
      </p>
      {reports.length === 0 ? (
        <Empty>No reports reached it.</Empty>
      ) : (
        <ul className="reports" aria-label={`Reports in case ${c.id}`}>
          {reports.map((r) => (
            <li key={r.id} className={r.duplicateOf ? 'report-dup' : undefined}>
              <div className="report-meta">
                <Pill>{r.category.replace(/_/g, ' ')}</Pill> <span className="reporter">{r.reporterId}</span> <Ago at={r.receivedAt} />
              </div>
              <p className="report-text">{r.text || <span className="muted">(no text)</span>}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
