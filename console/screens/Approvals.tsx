/** Pending proposals the signed-in person may approve, with what they need to say no. */
import { useId, useState } from 'react';
import { type Action, type Staff, api, call } from '../api/client';
import { ActionFacts } from '../components/ActionFacts';
import { type Brief, BriefCaseView, BriefGuardTarget, BriefHeadline, type BriefStaff, StaffLine } from '../components/ActionBrief';
import { Empty, ErrorNotice, Loading, Panel, StatusBadge, Time } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, useTitle } from '../router';
import { useMay, useSession } from '../session';

/** The people behind proposals, when the caller may read the staff list (leads, admins, auditors). */
export function useStaffDirectory() {
  const may = useMay()('staff.list');
  return useLoad(async () => (may ? new Map((await call(api.GET('/v1/staff'))).staff.map((s) => [s.id, s])) : new Map<string, Staff>()), [may]);
}

/** Who a person is, from the brief the server sends with an action, or from the staff list. */
export function Proposer({ id, staff, brief }: { id: string; staff: Map<string, Staff> | undefined; brief?: BriefStaff | null }) {
  const full = staff?.get(id);
  const s: BriefStaff | null = brief
    ? brief
    : full
      ? { id, name: full.name, role: full.role, baseRole: full.role, employment: full.employment, accessUntil: full.access.until, accessState: full.accessState }
      : null;
  if (!s) return <span>{id}</span>;
  return <StaffLine s={s} />;
}

function InboxItem({ action, brief, onDone }: { action: Action; brief: Brief; onDone: (msg: string) => void }) {
  const { guarded } = useSession();
  const uid = useId();
  const detail = useLoad(() => call(api.GET('/v1/actions/{id}', { params: { path: { id: action.id } } })), [action.id]);
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

  const account = brief.account;
  return (
    <article className={`inbox-item kind-${action.kind} inbox-${account?.tier ?? 'guard'}`} aria-labelledby={`${uid}-h`} data-action={action.id}>
      <header className="inbox-head">
        <h2 id={`${uid}-h`}>
          <span className={`kind-label kind-${action.kind}`}>{action.kind.replace(/_/g, ' ')}</span> {action.targetType}{' '}
          <Link to={action.targetType === 'account' ? `/accounts/${encodeURIComponent(action.targetId)}` : `/actions/${action.id}`}>
            {account ? `@${account.handle}` : (brief.staff?.name ?? action.targetId)}
          </Link>{' '}
          {account && (
            <span className="small muted">
              {account.displayName} · {action.targetId}
            </span>
          )}{' '}
          <Link to={`/actions/${action.id}`} className="small muted">
            {action.id}
          </Link>
        </h2>
        <StatusBadge status={action.state} />
      </header>
      <div className="inbox-body">
        <div>
          <BriefHeadline brief={brief} />
          <dl className="facts facts-inline">
            {account && (
              <div>
                <dt>Status now</dt>
                <dd>
                  <StatusBadge status={account.status} />
                </dd>
              </div>
            )}
            <div>
              <dt>Reason</dt>
              <dd>{brief.reasonCode.replace(/_/g, ' ')}</dd>
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
            <Proposer id={action.proposer.id} staff={undefined} brief={brief.proposer} />
          </div>
          <div className="field">
            <div className="label">Justification</div>
            <blockquote className="justification">{brief.justification || <span className="muted">none given</span>}</blockquote>
          </div>
          <BriefGuardTarget brief={brief} />
          {action.targetType === 'account' && (
            <div className="field">
              <div className="label">The case behind it</div>
              <BriefCaseView brief={brief} />
            </div>
          )}
        </div>
        <div className="inbox-decide">
          {detail.data?.now?.missing && (
            <p className="small">
              <strong>Still needed:</strong> {detail.data.now.missing}
            </p>
          )}
          {detail.data && detail.data.approvals.length > 0 && (
            <ul className="plain small">
              {detail.data.approvals.map((a) => (
                <li key={a.id}>
                  {a.verdict === 'approve' ? '✓' : '✗'} {a.approverId} <Time at={a.at} /> {a.comment && `— ${a.comment}`}{' '}
                  {a.voidedAt && <span className="pill pill-danger">voided: {a.voidedReason}</span>}
                </li>
              ))}
            </ul>
          )}
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
          d.items.length === 0 ? (
            <Empty>Nothing waits for you.</Empty>
          ) : (
            d.items.map(({ action, brief }) => (
              <InboxItem
                key={action.id}
                action={action}
                brief={brief}
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
  const may = useMay();
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
      {({ action: a, approvals, now, brief }) => (
        <>
          <div className="page-head">
            <h1>
              <span className={`kind-label kind-${a.kind}`}>{a.kind.replace(/_/g, ' ')}</span> {a.targetId} <StatusBadge status={a.state} />
            </h1>
          </div>
          <div className="columns">
            <div className="col-main">
              <Panel title="Proposal" id="action-proposal">
                <BriefHeadline brief={brief} />
                <ActionFacts
                  a={a}
                  first={
                    <div>
                      <dt>Target</dt>
                      <dd>{a.targetType === 'account' ? <Link to={`/accounts/${encodeURIComponent(a.targetId)}`}>{a.targetId}</Link> : `${a.targetType} ${a.targetId}`}</dd>
                    </div>
                  }
                  last={
                    <div>
                      <dt>Policy</dt>
                      <dd>{a.policyVersion}</dd>
                    </div>
                  }
                />
                <div className="field">
                  <div className="label">Proposed by</div>
                  <Proposer id={a.proposer.id} staff={staff.data} brief={brief.proposer} />
                </div>
                <div className="field">
                  <div className="label">Justification</div>
                  <blockquote className="justification">{a.justification || <span className="muted">none given</span>}</blockquote>
                </div>
                <BriefGuardTarget brief={brief} />
                {a.closedReason && (
                  <p>
                    <strong>Closed:</strong> {a.closedReason}
                  </p>
                )}
              </Panel>
              {a.targetType === 'account' && (
                <Panel title="The case behind it" id="action-case">
                  <BriefCaseView brief={brief} />
                </Panel>
              )}
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
                  {now.allowed && a.state === 'approved' && may('actions.execute') && (
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
