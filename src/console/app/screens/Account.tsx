/** A platform account: its protection, its state, everything that happened to it, and the action form. */
import { useState } from 'react';
import { type Account, type Action, type Tier, api, call } from '../api/client';
import { AccountSummary } from '../components/AccountSummary';
import { ActionForm } from '../components/ActionForm';
import { ActionList } from '../components/ActionList';
import { AuditTable } from '../components/AuditTable';
import { Empty, Loading, Panel, StatusBadge, TierBadge, Time } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation, useTitle } from '../router';
import { useMe } from '../session';

const followers = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function AccountsScreen() {
  useTitle('Accounts');
  const { query } = useLocation();
  const handle = query.get('handle') ?? '';
  const tier = (query.get('tier') || undefined) as Tier | undefined;
  const [draft, setDraft] = useState(handle);
  const list = useLoad(() => call(api.GET('/v1/accounts', { params: { query: { handle: handle || undefined, tier, limit: 100 } } })), [handle, tier]);
  const go = (h: string, t: string | undefined) => {
    const q = new URLSearchParams();
    if (h) q.set('handle', h);
    if (t) q.set('tier', t);
    navigate(`/accounts${q.size ? `?${q}` : ''}`, { replace: true });
  };
  return (
    <>
      <div className="page-head">
        <h1>Accounts</h1>
      </div>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(draft.trim(), tier);
        }}
      >
        <label>
          Handle starts with <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <label>
          Protection{' '}
          <select value={tier ?? ''} onChange={(e) => go(handle, e.target.value || undefined)}>
            <option value="">Any</option>
            <option value="critical">Critical</option>
            <option value="elevated">Elevated</option>
            <option value="standard">Standard</option>
          </select>
        </label>
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      <Loading q={list}>
        {(d) =>
          d.accounts.length === 0 ? (
            <Empty>No accounts match.</Empty>
          ) : (
            <table className="table" aria-label="Accounts">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Protection</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Followers
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.accounts.map((a) => (
                  <tr key={a.id} className={a.tier === 'critical' ? 'row-critical' : undefined}>
                    <td>
                      <Link to={`/accounts/${encodeURIComponent(a.id)}`} className="strong">
                        @{a.handle}
                      </Link>{' '}
                      <span className="muted">
                        {a.displayName} · {a.id}
                      </span>
                    </td>
                    <td>
                      <TierBadge tier={a.tier} />
                    </td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td className="num">{followers.format(a.followers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loading>
    </>
  );
}

interface TimelineEntry {
  at: number;
  actor?: { kind: string; id: string };
  action?: string;
  kind?: string;
  summary?: string;
  reason?: string | null;
  [k: string]: unknown;
}

/**
 * The forensic timeline (issue 4) is read defensively: its shape is not yet in this build's
 * OpenAPI types, so each field is shown only when it is there.
 */
function TimelineTable({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Empty>Nothing recorded.</Empty>;
  const text = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));
  return (
    <table className="table table-compact" aria-label="Account timeline">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => {
          const at = typeof e.at === 'number' ? e.at : null;
          const actor = e.actor as { kind?: string; id?: string; role?: string } | string | undefined;
          const who = typeof actor === 'string' ? actor : actor ? [actor.id ?? actor.kind, actor.role].filter(Boolean).join(' · ') : '';
          return (
            <tr key={i}>
              <td>{at !== null ? <Time at={at} /> : '—'}</td>
              <td>{who || '—'}</td>
              <td>
                <code>{text(e.action ?? e.kind ?? e.type)}</code>
                {e.summary ? <div className="small">{text(e.summary)}</div> : null}
              </td>
              <td className="wrap">{text(e.reason ?? e.why) || <span className="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The account's timeline, from /v1/accounts/{id}/timeline when the server has it, else from the audit log. */
async function loadTimeline(id: string, canReadAudit: boolean): Promise<{ source: 'timeline' | 'audit' | 'none'; entries: TimelineEntry[] }> {
  const res = await fetch(`/v1/accounts/${encodeURIComponent(id)}/timeline`, { credentials: 'same-origin' });
  if (res.ok) {
    const body = (await res.json()) as { timeline?: TimelineEntry[]; entries?: TimelineEntry[]; events?: TimelineEntry[] };
    return { source: 'timeline', entries: body.timeline ?? body.entries ?? body.events ?? [] };
  }
  if (!canReadAudit) return { source: 'none', entries: [] };
  const r = await call(api.GET('/v1/audit', { params: { query: { subjectType: 'account', subjectId: id, limit: 200 } } }));
  return { source: 'audit', entries: r.entries };
}

/** An account that is not active says so at the top, with the action that made it so. */
function StatusBanner({ account, actions }: { account: Account; actions?: Action[] }) {
  const cause = actions?.find((a) => a.executedAt !== null && a.resultState?.status === account.status);
  return (
    <div className="notice notice-error status-banner" role="note" data-testid="status-banner">
      <strong>This account is {account.status.replace(/_/g, ' ')}</strong>
      {account.statusUntil && (
        <>
          {' '}
          until <Time at={account.statusUntil} />
        </>
      )}
      {cause && (
        <>
          {' '}
          — by <Link to={`/actions/${cause.id}`}>{cause.kind}</Link> proposed by {cause.proposer.id}, executed <Time at={cause.executedAt!} />. Restoring it is one action: “Restore” in the action form.
        </>
      )}
    </div>
  );
}

export function AccountScreen({ id }: { id: string }) {
  const me = useMe();
  const q = useLoad(() => call(api.GET('/v1/accounts/{id}', { params: { path: { id } } })), [id]);
  useTitle(q.data ? `@${q.data.account.handle}` : 'Account');
  const history = useLoad(() => call(api.GET('/v1/accounts/{id}/history', { params: { path: { id } } })), [id]);
  const actions = useLoad(() => call(api.GET('/v1/actions', { params: { query: { targetId: id, limit: 100 } } })), [id]);
  const cases = useLoad(() => call(api.GET('/v1/cases', { params: { query: { accountId: id, limit: 20 } } })), [id]);
  const canReadAudit = me.role === 'lead' || me.role === 'admin' || me.role === 'auditor';
  const timeline = useLoad(() => loadTimeline(id, canReadAudit), [id, canReadAudit]);
  const [flash, setFlash] = useState<string | null>(null);

  const reloadAll = () => {
    q.reload();
    history.reload();
    actions.reload();
    timeline.reload();
  };

  return (
    <Loading q={q}>
      {({ account }: { account: Account }) => (
        <>
          <nav aria-label="Breadcrumb" className="crumbs">
            <Link to="/accounts">Accounts</Link> <span aria-hidden="true">›</span> @{account.handle}
          </nav>
          {account.tier === 'critical' && (
            <div className="critical-banner" role="note" data-testid="critical-banner">
              <strong>⚠ Critical account</strong> — the highest protection tier. Before you act, the action form shows what the policy in force demands of it; the server
              enforces the same rules.
            </div>
          )}
          <div className="page-head">
            <h1>
              @{account.handle} <TierBadge tier={account.tier} large />
            </h1>
          </div>
          {account.status !== 'active' && <StatusBanner account={account} actions={actions.data?.actions} />}
          {flash && (
            <div className="notice notice-ok" role="status">
              {flash}
            </div>
          )}
          <div className="columns">
            <div className="col-main">
              <Panel title="Account" id="acct-summary">
                <AccountSummary account={account} link={false} />
              </Panel>
              <Panel title="Actions" id="acct-actions">
                <Loading q={actions}>{(d) => <ActionList actions={d.actions} />}</Loading>
              </Panel>
              <Panel title="Tier and status history" id="acct-history">
                <Loading q={history}>
                  {(d) =>
                    d.history.length === 0 ? (
                      <Empty>No changes recorded.</Empty>
                    ) : (
                      <table className="table table-compact" aria-label="Tier and status history">
                        <thead>
                          <tr>
                            <th scope="col">When</th>
                            <th scope="col">Change</th>
                            <th scope="col">By</th>
                            <th scope="col">Reason</th>
                          </tr>
                        </thead>
                        <tbody>
                          {[...d.history].reverse().map((h, i) => (
                            <tr key={i}>
                              <td>
                                <Time at={h.at} />
                              </td>
                              <td>
                                {h.field}: {h.from ?? '—'} → <strong>{h.to}</strong>
                              </td>
                              <td>
                                {h.actor.kind === 'staff' ? h.actor.id : `${h.actor.kind}:${h.actor.id}`}
                              </td>
                              <td className="wrap">{h.reason ?? <span className="muted">—</span>}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )
                  }
                </Loading>
              </Panel>
              <Panel
                title="Timeline"
                id="acct-timeline"
                actions={
                  canReadAudit && (
                    <Link to={`/audit?subjectType=account&subjectId=${encodeURIComponent(account.id)}`} className="small">
                      Open in Audit
                    </Link>
                  )
                }
              >
                <Loading q={timeline}>
                  {(t) =>
                    t.source === 'none' ? (
                      <Empty>The full timeline is open to leads, admins and auditors.</Empty>
                    ) : (
                      t.source === 'audit' ? <AuditTable entries={t.entries as never} label="Account timeline" /> : <TimelineTable entries={t.entries} />
                    )
                  }
                </Loading>
              </Panel>
            </div>
            <div className="col-side">
              {me.role !== 'auditor' && (
                <Panel title="Act" id="acct-act">
                  <ActionForm
                    account={account}
                    onProposed={(a) => {
                      setFlash(a.state === 'awaiting_approval' ? `Proposed ${a.kind}: waiting for approval.` : `${a.kind} ${a.state.replace(/_/g, ' ')}.`);
                      reloadAll();
                    }}
                  />
                </Panel>
              )}
              <Panel title="Cases" id="acct-cases">
                <Loading q={cases}>
                  {(d) =>
                    d.cases.length === 0 ? (
                      <Empty>No cases you may see.</Empty>
                    ) : (
                      <ul className="plain">
                        {d.cases.map((c) => (
                          <li key={c.id}>
                            <Link to={`/cases/${c.id}`}>Case {c.id}</Link> <StatusBadge status={c.status} /> <span className="muted small">
                              {c.reportCount} report{c.reportCount === 1 ? '' : 's'}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )
                  }
                </Loading>
              </Panel>
            </div>
          </div>
        </>
      )}
    </Loading>
  );
}
