/** A platform account: its protection, its state, everything that happened to it, and the action form. */
import { useState } from 'react';
import { type Account, type Action, type Schemas, type Tier, api, call } from '../api/client';
import { AccountSummary } from '../components/AccountSummary';
import { ActionForm } from '../components/ActionForm';
import { ActionList } from '../components/ActionList';
import { NoticeList } from '../components/NoticeList';
import { Empty, Loading, Panel, StatusBadge, TierBadge, Time } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation, useTitle } from '../router';
import { useMay } from '../session';

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

type TimelineEvent = Schemas['TimelineEvent'];

/** Who acted, as they were then: role, employment, and whether their access window was open. */
function ActorThen({ actor }: { actor: TimelineEvent['actor'] }) {
  if (actor.kind !== 'staff') return <span className="muted">{actor.kind}:{actor.id}</span>;
  return (
    <>
      {actor.name ?? actor.id}
      <div className="small">
        {[actor.role, actor.employment].filter(Boolean).join(' · ')}
        {actor.access?.until != null && (
          <>
            {' '}· access to <Time at={actor.access.until} />
          </>
        )}
        {actor.accessOpen === false && <strong> · access closed then</strong>}
      </div>
    </>
  );
}

/** The forensic timeline: every step in order, the rules that decided it, each actor as they were at that instant. */
function TimelineTable({ events, truncated }: { events: TimelineEvent[]; truncated: boolean }) {
  if (events.length === 0) return <Empty>Nothing recorded.</Empty>;
  return (
    <>
      <table className="table table-compact" aria-label="Account timeline">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">#</th>
            <th scope="col">Who, then</th>
            <th scope="col">What</th>
            <th scope="col">Rules and reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={`${e.seq ?? 'r'}-${i}`} data-event={e.event}>
              <td>
                <Time at={e.at} />
              </td>
              <td className="muted">{e.seq ?? '—'}</td>
              <td>
                <ActorThen actor={e.actor} />
              </td>
              <td>
                <code>{e.event}</code>
                <div className="small">{e.summary}</div>
              </td>
              <td className="wrap">
                {e.decision?.rules.map((r) => (
                  <div key={r.id} className="small">
                    <code>{r.id}</code> {r.reason}
                  </div>
                ))}
                {e.reason ? <div className="small">“{e.reason}”</div> : !e.decision?.rules.length && <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p className="small muted">Earlier events only; the rest: <code>warden timeline</code> with --since.</p>}
    </>
  );
}

/** The account's timeline, for the roles that may read it (leads, admins, auditors). */
async function loadTimeline(id: string, canRead: boolean): Promise<{ events: TimelineEvent[]; truncated: boolean } | null> {
  if (!canRead) return null;
  const t = await call(api.GET('/v1/accounts/{id}/timeline', { params: { path: { id }, query: { limit: 500 } } }));
  return { events: t.events, truncated: t.truncated };
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
  const may = useMay();
  const q = useLoad(() => call(api.GET('/v1/accounts/{id}', { params: { path: { id } } })), [id]);
  useTitle(q.data ? `@${q.data.account.handle}` : 'Account');
  const history = useLoad(() => call(api.GET('/v1/accounts/{id}/history', { params: { path: { id } } })), [id]);
  const actions = useLoad(() => call(api.GET('/v1/actions', { params: { query: { targetId: id, limit: 100 } } })), [id]);
  const cases = useLoad(() => call(api.GET('/v1/cases', { params: { query: { accountId: id, limit: 20 } } })), [id]);
  const canReadNotices = may('notices.read');
  const notices = useLoad(async () => (canReadNotices ? (await call(api.GET('/v1/accounts/{id}/notices', { params: { path: { id }, query: { limit: 50 } } }))).notices : null), [id, canReadNotices]);
  const canReadAudit = may('forensics.timeline');
  const timeline = useLoad(() => loadTimeline(id, canReadAudit), [id, canReadAudit]);
  const [flash, setFlash] = useState<string | null>(null);

  const reloadAll = () => {
    q.reload();
    history.reload();
    actions.reload();
    timeline.reload();
    notices.reload();
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
              {canReadNotices && (
                <Panel title="Notices sent" id="acct-notices">
                  <Loading q={notices}>{(n) => <NoticeList notices={n ?? []} empty="Nothing has been sent to the owner or the reporters of this account." />}</Loading>
                </Panel>
              )}
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
                  {(t) => (t === null ? <Empty>The full timeline is open to leads, admins and auditors.</Empty> : <TimelineTable events={t.events} truncated={t.truncated} />)}
                </Loading>
              </Panel>
            </div>
            <div className="col-side">
              {may('actions.propose') && (
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
