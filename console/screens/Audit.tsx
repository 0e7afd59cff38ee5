/** The audit log: is it intact, what happened (globally or to one subject), and the tripwire alerts. */
import { useState } from 'react';
import { api, auditPage, call } from '../api/client';
import { AuditTable } from '../components/AuditTable';
import { Empty, ErrorNotice, Loading, Panel, Pill, Time } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation, useTitle } from '../router';
import { useMay, useSession } from '../session';

function VerifyStatus() {
  const may = useMay()('audit.verify');
  const [scope, setScope] = useState<'chain' | 'full'>('chain');
  const verify = useLoad(async () => (may ? call(api.GET('/v1/audit/verify', { params: { query: { scope } } })) : null), [may, scope]);
  const head = useLoad(() => call(api.GET('/v1/audit/heads/latest')), []);
  return (
    <Panel
      title="Integrity of the log"
      id="audit-verify"
      actions={
        may && (
          <>
            <button type="button" className="btn btn-small" onClick={() => (scope === 'chain' ? verify.reload() : setScope('chain'))}>
              Check chain
            </button>
            <button type="button" className="btn btn-small" onClick={() => (scope === 'full' ? verify.reload() : setScope('full'))} title="Also every leaf hash, the Merkle tree, stored subtrees and every signed tree head">
              Full check
            </button>
          </>
        )
      }
    >
      {!may ? (
        <p className="muted">Verification is run by auditors and admins.</p>
      ) : (
        <Loading q={verify}>
          {(v) =>
            v && (
              <div className={`verify ${v.ok ? 'verify-ok' : 'verify-bad'}`} role="status" data-testid="verify-status">
                <strong>{v.ok ? '✓ Intact' : '✗ Problems found'}</strong> — {v.size.toLocaleString()} entries checked ({scope === 'full' ? 'hash chain, Merkle tree and signed heads' : 'hash chain'})
                {v.signedHeadsChecked !== undefined && <span>, {v.signedHeadsChecked} signed heads</span>}
                {!v.ok && (
                  <ul className="rules">
                    {[...(v.findings ?? []), ...v.problems].slice(0, 20).map((p, i) => (
                      <li key={i}>
                        <code>{JSON.stringify(p)}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )
          }
        </Loading>
      )}
      <Loading q={head}>
        {(h) =>
          h.head ? (
            <p className="small">
              Latest signed tree head: size {h.head.treeSize.toLocaleString()}, root <code className="hash">{h.head.rootHash.slice(0, 16)}…</code>, signed <Time at={h.head.timestamp} />
            </p>
          ) : (
            <p className="small muted">No tree head signed yet.</p>
          )
        }
      </Loading>
    </Panel>
  );
}

function Alerts() {
  const { guarded } = useSession();
  const [all, setAll] = useState(false);
  const alerts = useLoad(() => call(api.GET('/v1/alerts', { params: { query: { unacknowledged: all ? undefined : 'true', limit: 100 } } })), [all]);
  const [error, setError] = useState<unknown>(null);
  const canAck = useMay()('alerts.acknowledge');
  return (
    <Panel
      title="Tripwire alerts"
      id="audit-alerts"
      actions={
        <label className="small">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> include acknowledged
        </label>
      }
    >
      <ErrorNotice error={error} />
      <Loading q={alerts}>
        {(d) =>
          d.alerts.length === 0 ? (
            <Empty>{all ? 'No alerts.' : 'No unacknowledged alerts.'}</Empty>
          ) : (
            <ul className="alerts">
              {d.alerts.map((a) => (
                <li key={a.id} className={`alert alert-${a.severity}`} data-alert={a.id}>
                  <div className="alert-head">
                    <Pill tone={a.severity === 'critical' ? 'danger' : a.severity === 'warning' ? 'warn' : 'info'}>{a.severity}</Pill> <strong>{a.summary}</strong>
                  </div>
                  <div className="small muted">
                    {a.kind.replace(/_/g, ' ')} · {a.subject.type === 'account' ? <Link to={`/accounts/${encodeURIComponent(a.subject.id)}`}>{a.subject.id}</Link> : `${a.subject.type} ${a.subject.id}`} · <Time at={a.createdAt} />
                  </div>
                  {a.acknowledgedAt ? (
                    <div className="small">
                      Acknowledged by {a.acknowledgedBy} <Time at={a.acknowledgedAt} />
                    </div>
                  ) : (
                    canAck && (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={async () => {
                          setError(null);
                          try {
                            await guarded(() => call(api.POST('/v1/alerts/{id}/acknowledge', { params: { path: { id: a.id } } })));
                            alerts.reload();
                          } catch (e) {
                            setError(e);
                          }
                        }}
                      >
                        Acknowledge
                      </button>
                    )
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </Panel>
  );
}

export function AuditScreen() {
  useTitle('Audit');
  const { query } = useLocation();
  const subjectType = query.get('subjectType') ?? '';
  const subjectId = query.get('subjectId') ?? '';
  const actorId = query.get('actorId') ?? '';
  const [before, setBefore] = useState<number | undefined>(undefined);
  const [draft, setDraft] = useState({ subjectType, subjectId, actorId });
  const log = useLoad(
    () => auditPage({ subjectType: subjectType || undefined, subjectId: subjectId || undefined, actorId: actorId || undefined, before, limit: 100 }),
    [subjectType, subjectId, actorId, before],
  );
  return (
    <>
      <div className="page-head">
        <h1>Audit</h1>
      </div>
      <div className="columns">
        <div className="col-main">
          <Panel title={subjectId ? `Timeline of ${subjectType || 'subject'} ${subjectId}` : actorId ? `Everything done by ${actorId}` : 'Global timeline'} id="audit-log">
            <form
              className="filters"
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                const q = new URLSearchParams(Object.entries(draft).filter(([, v]) => v.trim() !== ''));
                setBefore(undefined);
                navigate(`/audit${q.size ? `?${q}` : ''}`, { replace: true });
              }}
            >
              <label>
                Subject{' '}
                <select value={draft.subjectType} onChange={(e) => setDraft({ ...draft, subjectType: e.target.value })}>
                  <option value="">any</option>
                  <option value="account">account</option>
                  <option value="action">action</option>
                  <option value="case">case</option>
                  <option value="staff">staff</option>
                  <option value="policy">policy</option>
                </select>
              </label>
              <label>
                Id <input value={draft.subjectId} onChange={(e) => setDraft({ ...draft, subjectId: e.target.value })} size={14} />
              </label>
              <label>
                By <input value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })} size={12} placeholder="stf_…" />
              </label>
              <button type="submit" className="btn">
                Show
              </button>
            </form>
            <Loading q={log}>
              {(d) => (
                <>
                  <p className="small muted">{d.size.toLocaleString()} entries in the log.</p>
                  <AuditTable entries={d.entries} label="Audit entries" showSubject />
                  <div className="form-actions">
                    {before !== undefined && (
                      <button type="button" className="btn btn-small" onClick={() => setBefore(undefined)}>
                        Newest
                      </button>
                    )}
                    {d.entries.length === 100 && (
                      <button type="button" className="btn btn-small" onClick={() => setBefore(d.entries[d.entries.length - 1]!.seq)}>
                        Older
                      </button>
                    )}
                  </div>
                </>
              )}
            </Loading>
          </Panel>
        </div>
        <div className="col-side">
          <VerifyStatus />
          <Alerts />
        </div>
      </div>
    </>
  );
}
