/** Pending proposals the signed-in person may approve, with what they need to say no. */
import { useId, useState } from 'react';
import { type Action, type Schemas, type Staff, api, call } from '../api/client';
import { AccountSummary } from '../components/AccountSummary';
import { Empty, ErrorNotice, Loading, Panel, StatusBadge, Time, formatTime } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, useTitle } from '../router';
import { useMe, useSession } from '../session';

const reach = new Intl.NumberFormat();

/** The people behind proposals, when the caller may read the staff list (leads, admins, auditors). */
export function useStaffDirectory() {
  const me = useMe();
  const may = me.role === 'lead' || me.role === 'admin' || me.role === 'auditor';
  return useLoad(async () => (may ? new Map((await call(api.GET('/v1/staff'))).staff.map((s) => [s.id, s])) : new Map<string, Staff>()), [may]);
}

type ProposerBrief = Schemas['Proposer'];

/** Who a person is, from the staff list or from what the inbox says of its proposers. */
export function Proposer({ id, staff, brief }: { id: string; staff: Map<string, Staff> | undefined; brief?: ProposerBrief }) {
  const full = staff?.get(id);
  const s = full
    ? { id, name: full.name, role: full.role, employment: full.employment, access: full.access, accessState: full.accessState }
    : brief
      ? { id, name: brief.name, role: brief.role, employment: brief.employment, access: { until: brief.accessUntil }, accessState: brief.accessState }
      : null;
  if (!s) return <span>{id}</span>;
  return (
    <span className="proposer">
      <strong>{s.name}</strong> <span className="muted">({s.id})</span> · {s.role}, {s.employment}
      {s.access.until !== null ? (
        <span className={`access-end ${s.access.until - Date.now() < 86_400_000 ? 'access-end-soon' : ''}`}> · access ends {formatTime(s.access.until)}</span>
      ) : (
        <span className="muted"> · no end date</span>
      )}
      {s.accessState !== 'active' && <span className="pill pill-danger"> {s.accessState.replace('_', ' ')}</span>}
    </span>
  );
}

function InboxItem({ action, staff, proposer, onDone }: { action: Action; staff: Map<string, Staff> | undefined; proposer?: ProposerBrief; onDone: (msg: string) => void }) {
  const { guarded } = useSession();
  const uid = useId();
  const account = useLoad(async () => (action.targetType === 'account' ? (await call(api.GET('/v1/accounts/{id}', { params: { path: { id: action.targetId } } }))).account : undefined), [action.targetId]);
  const detail = useLoad(() => call(api.GET('/v1/actions/{id}', { params: { path: { id: action.id } } })), [action.id]);
  const cases = useLoad(async () => (action.targetType === 'account' ? (await call(api.GET('/v1/cases', { params: { query: { accountId: action.targetId, limit: 5 } } }))).cases : []), [action.targetId]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const decide = async (verdict: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      const r =
        verdict === 'approve'
          ? await guarded(() => call(api.POST('/v1/actions/{id}/approve', { params: { path: { id: action.id } }, body: { comment } })))
          : await guarded(() => call(api.POST('/v1/actions/{id}/reject', { params: { path: { id: action.id } }, body: { comment } })));
      onDone(`${verdict === 'approve' ? 'Approved' : 'Rejected'} ${action.kind} on ${action.targetId}: now ${r.action.state.replace(/_/g, ' ')}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reports = cases.data?.reduce((n, c) => n + c.reportCount, 0);
  return (
    <article className={`inbox-item kind-${action.kind}`} aria-labelledby={`${uid}-h`} data-action={action.id}>
      <header className="inbox-head">
        <h2 id={`${uid}-h`}>
          <span className={`kind-label kind-${action.kind}`}>{action.kind.replace(/_/g, ' ')}</span> {action.targetType}{' '}
          <Link to={action.targetType === 'account' ? `/accounts/${encodeURIComponent(action.targetId)}` : `/actions/${action.id}`}>{account.data ? `@${account.data.handle}` : action.targetId}</Link>{' '}
          <Link to={`/actions/${action.id}`} className="small muted">
            {action.id}
          </Link>
        </h2>
        <StatusBadge status={action.state} />
      </header>
      <div className="inbox-body">
        <div>
          {account.data && <AccountSummary account={account.data} />}
          <dl className="facts facts-inline">
            <div>
              <dt>Reach</dt>
              <dd>{reach.format(action.followers)} followers</dd>
            </div>
            <div>
              <dt>Reports</dt>
              <dd>
                {reports === undefined ? '…' : reports}{' '}
                {cases.data?.map((c) => (
                  <Link key={c.id} to={`/cases/${c.id}`} className="small">
                    {' '}
                    case {c.id}
                  </Link>
                ))}
              </dd>
            </div>
            <div>
              <dt>Reason</dt>
              <dd>{action.reasonCode.replace(/_/g, ' ')}</dd>
            </div>
            <div>
              <dt>Proposed</dt>
              <dd>
                <Time at={action.proposedAt} />
              </dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>
                <Time at={action.expiresAt} />
              </dd>
            </div>
          </dl>
          <div className="field">
            <div className="label">Proposed by</div>
            <Proposer id={action.proposer.id} staff={staff} brief={proposer} />
          </div>
          <div className="field">
            <div className="label">Justification</div>
            <blockquote className="justification">{action.justification || <span className="muted">none given</span>}</blockquote>
          </div>
          {detail.data?.now?.missing && (
            <p className="small">
              <strong>Still needed:</strong> {detail.data.now.missing}
            </p>
          )}
          {detail.data && detail.data.approvals.length > 0 && (
            <ul className="plain small">
              {detail.data.approvals.map((a) => (
                <li key={a.id}>
                  {a.verdict === 'approve' ? '✓' : '✗'} {a.approverId} <Time at={a.at} /> {a.comment && `— ${a.comment}`} {a.voidedAt && <span className="pill pill-danger">voided: {a.voidedReason}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="inbox-decide">
          <label htmlFor={`${uid}-c`}>Comment</label>
          <textarea id={`${uid}-c`} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Required to reject; recorded with your verdict." />
          <ErrorNotice error={error} />
          <div className="form-actions">
            <button type="button" className="btn" aria-label={`Reject ${action.kind} of ${action.targetId}`} disabled={busy || !comment.trim()} onClick={() => decide('reject')}>
              Reject
            </button>
            <button type="button" className="btn btn-primary" aria-label={`Approve ${action.kind} of ${action.targetId}`} disabled={busy} onClick={() => decide('approve')}>
              Approve
            </button>
          </div>
        </div>
      </div>
    </article>
  );
}

export function ApprovalsScreen() {
  useTitle('Approvals');
  const inbox = useLoad(() => call(api.GET('/v1/approvals/inbox')), []);
  const [flash, setFlash] = useState<string | null>(null);
  return (
    <>
      <div className="page-head">
        <h1>Approvals</h1>
        <button type="button" className="btn btn-quiet" onClick={() => inbox.reload()}>
          Refresh
        </button>
      </div>
      <p className="muted">Proposals the policy in force lets you approve now, with what you need to say no.</p>
      {flash && (
        <div className="notice notice-ok" role="status">
          {flash}
        </div>
      )}
      <Loading q={inbox}>
        {(d) =>
          d.actions.length === 0 ? (
            <Empty>Nothing waits for you.</Empty>
          ) : (
            d.actions.map((a) => (
              <InboxItem
                key={a.id}
                action={a}
                staff={undefined}
                proposer={d.proposers[a.proposer.id]}
                onDone={(m) => {
                  setFlash(m);
                  inbox.reload();
                }}
              />
            ))
          )
        }
      </Loading>
    </>
  );
}

/** One action: what it is, who approved, and what the policy says of it right now. */
export function ActionScreen({ id }: { id: string }) {
  useTitle(`Action ${id}`);
  const me = useMe();
  const { guarded } = useSession();
  const q = useLoad(() => call(api.GET('/v1/actions/{id}', { params: { path: { id } } })), [id]);
  const staff = useStaffDirectory();
  const [error, setError] = useState<unknown>(null);
  const execute = async () => {
    setError(null);
    try {
      await guarded(() => call(api.POST('/v1/actions/{id}/execute', { params: { path: { id } } })));
      q.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Loading q={q}>
      {({ action: a, approvals, now }) => (
        <>
          <div className="page-head">
            <h1>
              <span className={`kind-label kind-${a.kind}`}>{a.kind.replace(/_/g, ' ')}</span> {a.targetId} <StatusBadge status={a.state} />
            </h1>
          </div>
          <div className="columns">
            <div className="col-main">
              <Panel title="Proposal" id="action-proposal">
                <dl className="facts facts-inline">
                  <div>
                    <dt>Target</dt>
                    <dd>{a.targetType === 'account' ? <Link to={`/accounts/${encodeURIComponent(a.targetId)}`}>{a.targetId}</Link> : `${a.targetType} ${a.targetId}`}</dd>
                  </div>
                  <div>
                    <dt>Reason</dt>
                    <dd>{a.reasonCode.replace(/_/g, ' ')}</dd>
                  </div>
                  <div>
                    <dt>Proposed</dt>
                    <dd>
                      <Time at={a.proposedAt} />
                    </dd>
                  </div>
                  {a.executedAt && (
                    <div>
                      <dt>Executed</dt>
                      <dd>
                        <Time at={a.executedAt} />
                      </dd>
                    </div>
                  )}
                  {a.priorState && (
                    <div>
                      <dt>Before → after</dt>
                      <dd>
                        {a.priorState.status} → {a.resultState?.status ?? '…'}
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>Policy</dt>
                    <dd>{a.policyVersion}</dd>
                  </div>
                </dl>
                <div className="field">
                  <div className="label">Proposed by</div>
                  <Proposer id={a.proposer.id} staff={staff.data} />
                </div>
                <div className="field">
                  <div className="label">Justification</div>
                  <blockquote className="justification">{a.justification || <span className="muted">none given</span>}</blockquote>
                </div>
                {a.closedReason && (
                  <p>
                    <strong>Closed:</strong> {a.closedReason}
                  </p>
                )}
              </Panel>
              <Panel title="Approvals" id="action-approvals">
                {approvals.length === 0 ? (
                  <Empty>No verdicts yet.</Empty>
                ) : (
                  <ul className="plain">
                    {approvals.map((v) => (
                      <li key={v.id}>
                        {v.verdict === 'approve' ? '✓ approved' : '✗ rejected'} by <Proposer id={v.approverId} staff={staff.data} /> <Time at={v.at} /> {v.comment && `— ${v.comment}`}
                        {v.voidedAt && <span className="pill pill-danger"> voided: {v.voidedReason}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </Panel>
            </div>
            <div className="col-side">
              {now && (
                <Panel title="If it executed now" id="action-now">
                  <p className={now.allowed ? 'strong ok' : 'strong danger'}>{now.allowed ? 'The policy would allow it.' : 'The policy would not allow it yet.'}</p>
                  {now.missing && <p>{now.missing}</p>}
                  {now.allowed && a.state === 'approved' && me.role !== 'auditor' && me.role !== 'triage' && (
                    <div className="form-actions">
                      <button type="button" className="btn btn-primary" onClick={() => void execute()}>
                        Execute now
                      </button>
                    </div>
                  )}
                  <ErrorNotice error={error} />
                  <ul className="plain small">
                    {now.approvals.map((v) => (
                      <li key={v.approvalId}>
                        {v.counts ? '✓' : '✗'} {v.approverId}: {v.why}
                      </li>
                    ))}
                  </ul>
                </Panel>
              )}
              {a.lastDecision && (
                <Panel title="Last decision" id="action-decision">
                  <ul className="rules">
                    {a.lastDecision.rules.map((r) => (
                      <li key={r.id}>
                        <code>{r.id}</code> ({r.effect}) {r.reason}
                      </li>
                    ))}
                  </ul>
                </Panel>
              )}
            </div>
          </div>
        </>
      )}
    </Loading>
  );
}
