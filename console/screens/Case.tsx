/** One case: the reports, the account, what was done before, the conversation, and the action form. */
import { useState } from 'react';
import { type Case, api, call } from '../api/client';
import type { paths } from '../api/schema';
import { AccountSummary } from '../components/AccountSummary';
import { ActionForm } from '../components/ActionForm';
import { ActionList } from '../components/ActionList';
import { appealsByCase } from '../components/AppealBits';
import { LeaseControls } from '../components/Claim';
import { Ago, Countdown, Empty, ErrorNotice, Loading, Panel, Pill, StatusBadge, Time } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, navigate, useTitle } from '../router';
import { useCapabilities, useMe, useSession } from '../session';

type CaseDetail = paths['/v1/cases/{id}']['get']['responses'][200]['content']['application/json'];
type Report = CaseDetail['reports'][number];
type Resolution = NonNullable<Case['resolution']>;

/** Reports folded by category, duplicates beside their original. */
function groupReports(reports: Report[]) {
  const groups = new Map<string, Report[]>();
  for (const r of reports) groups.set(r.category, [...(groups.get(r.category) ?? []), r]);
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

export function CaseScreen({ id }: { id: number }) {
  useTitle(`Case ${id}`);
  const me = useMe();
  const caps = useCapabilities();
  const { guarded } = useSession();
  const detail = useLoad(() => call(api.GET('/v1/cases/{id}', { params: { path: { id } } })), [id]);
  const accountId = detail.data?.case.accountId;
  const account = useLoad(async () => (accountId ? (await call(api.GET('/v1/accounts/{id}', { params: { path: { id: accountId } } }))).account : undefined), [accountId]);
  const actions = useLoad(async () => (accountId ? (await call(api.GET('/v1/actions', { params: { query: { targetId: accountId, limit: 50 } } }))).actions : []), [accountId]);
  // a case of the appeals queue is worked on its appeal's page, where the decision is taken
  const appealCase = detail.data?.case.queue === 'appeals';
  const appeal = useLoad(async () => (appealCase && accountId ? (await appealsByCase(['open', 'granted', 'denied'], accountId)).get(id) : undefined), [appealCase, accountId, id]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [resolution, setResolution] = useState<Resolution>('actioned');
  const [note, setNote] = useState('');
  const [flash, setFlash] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(null);
    setFlash(null);
    try {
      await guarded(fn);
      if (done) setFlash(done);
      detail.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Loading q={detail}>
      {({ case: c, reports, comments }) => {
        const mine = c.claimedBy === me.id && c.status === 'claimed';
        const canWork = caps.queues.work.includes(c.queue);
        return (
          <>
            <nav aria-label="Breadcrumb" className="crumbs">
              <Link to="/">Queue</Link> <span aria-hidden="true">›</span> Case {c.id}
            </nav>
            <div className="page-head">
              <h1>
                Case {c.id} <span className={`queue-label queue-${c.queue}`}>{c.queue}</span> <StatusBadge status={c.status} />
                {c.brigade && <Pill tone="warn">brigade</Pill>}
              </h1>
              <div className="page-actions">
                {c.status === 'claimed' && c.leaseUntil && (
                  <span className="lease">
                    {mine ? 'Your claim' : `Claimed by ${c.claimedBy}`} · <Countdown until={c.leaseUntil} />
                  </span>
                )}
                {canWork && c.status === 'open' && (
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => act(() => call(api.POST('/v1/cases/{id}/claim', { params: { path: { id } } })), 'Claimed. The case is yours while the lease runs.')}>
                    Claim
                  </button>
                )}
                {mine && <LeaseControls caseId={id} busy={busy} act={act} releasedTo="the queue" />}
              </div>
            </div>
            {flash && (
              <div className="notice notice-ok" role="status">
                {flash}
              </div>
            )}
            <ErrorNotice error={error} />
            {appeal.data && (
              <div className="notice notice-warn" role="note">
                This case works <Link to={`/appeals/${appeal.data.id}`}>appeal {appeal.data.id}</Link>: the statement, the decision contested and the decision form
                are there.
              </div>
            )}
            <dl className="facts facts-inline">
              <div>
                <dt>Priority</dt>
                <dd className="priority">{c.priority.toFixed(1)}</dd>
              </div>
              <div>
                <dt>Severity</dt>
                <dd>{c.severity}</dd>
              </div>
              <div>
                <dt>Reports</dt>
                <dd>
                  {c.countedReports} counted of {c.reportCount} · {plural(c.distinctReporters, 'reporter')}
                </dd>
              </div>
              <div>
                <dt>Area</dt>
                <dd>{c.area}</dd>
              </div>
              <div>
                <dt>Opened</dt>
                <dd>
                  <Time at={c.openedAt} />
                </dd>
              </div>
              {c.resolution && (
                <div>
                  <dt>Resolved</dt>
                  <dd>
                    {c.resolution.replace(/_/g, ' ')} by {c.resolvedBy}
                  </dd>
                </div>
              )}
            </dl>

            <div className="columns">
              <div className="col-main">
                <Panel title="Account" id="case-account">
                  <Loading q={account}>{(a) => (a ? <AccountSummary account={a} /> : null)}</Loading>
                </Panel>
                <Panel title={`Reports (${reports.length})`} id="case-reports">
                  {c.brigade && (
                    <div className="notice notice-warn">
                      These reports look coordinated (a brigade): many arrived together from related reporters. Their weight in the priority is capped.
                    </div>
                  )}
                  {reports.length === 0 ? (
                    <Empty>No reports.</Empty>
                  ) : (
                    groupReports(reports).map(([category, rs]) => (
                      <details key={category} className="report-group" open={rs.length <= 5}>
                        <summary>
                          <strong>{category.replace(/_/g, ' ')}</strong> <span className="muted">
                            · {plural(rs.length, 'report')} from {plural(new Set(rs.map((r) => r.reporterId)).size, 'reporter')}
                            {meanTrust(rs) !== null && <> · mean reporter trust {meanTrust(rs)!.toFixed(2)}</>}
                          </span>
                        </summary>
                        <ul className="reports">
                          {rs.map((r) => (
                            <li key={r.id} className={r.duplicateOf ? 'report-dup' : undefined}>
                              <div className="report-meta">
                                <span className="reporter">{r.reporterId}</span>
                                {r.reporterTrust !== null && <TrustMeter trust={r.reporterTrust} />}
                                <Ago at={r.receivedAt} />
                                {r.duplicateOf && <Pill>duplicate of #{r.duplicateOf}</Pill>}
                              </div>
                              <p className="report-text">{r.text || <span className="muted">(no text)</span>}</p>
                              {r.evidence.length > 0 && (
                                <ul className="evidence">
                                  {r.evidence.map((u) => (
                                    <li key={u}>
                                      <a href={u} target="_blank" rel="noreferrer noopener">
                                        {u}
                                      </a>
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ))
                  )}
                </Panel>
                <Panel title="Prior actions on this account" id="case-actions">
                  <Loading q={actions}>{(list) => <ActionList actions={list} />}</Loading>
                </Panel>
                <Panel title={`Comments (${comments.length})`} id="case-comments">
                  {comments.length === 0 ? (
                    <Empty>No comments yet.</Empty>
                  ) : (
                    <ol className="comments">
                      {comments.map((m) => (
                        <li key={m.id}>
                          <div className="comment-meta">
                            <strong>{m.staffId === me.id ? 'You' : m.staffId}</strong> <Ago at={m.at} />
                          </div>
                          <p>{m.body}</p>
                        </li>
                      ))}
                    </ol>
                  )}
                  {canWork && (
                    <form
                      className="stack"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const body = comment.trim();
                        if (!body) return;
                        void act(async () => {
                          await call(api.POST('/v1/cases/{id}/comments', { params: { path: { id } }, body: { body } }));
                          setComment('');
                        });
                      }}
                    >
                      <label htmlFor="comment">Add a comment</label>
                      <textarea id="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
                      <div className="form-actions">
                        <button type="submit" className="btn" disabled={busy || !comment.trim()}>
                          Comment
                        </button>
                      </div>
                    </form>
                  )}
                </Panel>
              </div>
              <div className="col-side">
                {canWork && account.data && (
                  <Panel title="Act" id="case-act">
                    <ActionForm
                      account={account.data}
                      caseId={c.id}
                      defaultReason={reports[0]?.category as never}
                      onProposed={(a) => {
                        setFlash(a.state === 'awaiting_approval' ? `Proposed ${a.kind}: waiting for approval.` : `${a.kind} ${a.state.replace(/_/g, ' ')}.`);
                        actions.reload();
                        account.reload();
                      }}
                    />
                  </Panel>
                )}
                {mine && !appealCase && (
                  <Panel title="Resolve" id="case-resolve">
                    <form
                      className="stack"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void act(async () => {
                          await call(api.POST('/v1/cases/{id}/resolve', { params: { path: { id } }, body: { resolution, note: note || undefined } }));
                          navigate('/');
                        });
                      }}
                    >
                      <label htmlFor="resolution">Resolution</label>
                      <select id="resolution" value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
                        <option value="actioned">Actioned</option>
                        <option value="no_violation">No violation</option>
                        <option value="brigade_dismissed">Brigade dismissed</option>
                        <option value="duplicate">Duplicate</option>
                      </select>
                      <label htmlFor="resolve-note">Note</label>
                      <textarea id="resolve-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                      <div className="form-actions">
                        <button type="submit" className="btn" disabled={busy}>
                          Resolve case
                        </button>
                      </div>
                    </form>
                  </Panel>
                )}
              </div>
            </div>
          </>
        );
      }}
    </Loading>
  );
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function meanTrust(rs: Report[]): number | null {
  const ts = rs.map((r) => r.reporterTrust).filter((t): t is number => t !== null);
  return ts.length ? ts.reduce((a, b) => a + b, 0) / ts.length : null;
}

function TrustMeter({ trust }: { trust: number }) {
  const label = trust >= 0.75 ? 'trusted' : trust >= 0.4 ? 'typical' : 'low trust';
  return (
    <span className={`trust trust-${label.replace(' ', '-')}`} title="How much this reporter's reports weigh (0–1), from their history">
      reporter trust {trust.toFixed(2)} · {label}
    </span>
  );
}
