/** The cases the signed-in person may see, highest priority first. */
import { useState } from 'react';
import { type Case, api, call } from '../api/client';
import { appealsByCase } from '../components/AppealBits';
import { ClaimHolder } from '../components/Claim';
import { Ago, Empty, ErrorNotice, Loading, Pill, StatusBadge, TierBadge } from '../components/ui';

const followers = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
import { useLoad } from '../hooks';
import { Link, navigate, useLocation, useTitle } from '../router';
import { useCapabilities, useMe, useSession } from '../session';

type Queue = Case['queue'];
type Status = Case['status'];

function setQuery(next: Record<string, string | null>) {
  const q = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(next)) {
    if (v === null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(`/${s ? `?${s}` : ''}`, { replace: true });
}

export function QueueScreen() {
  useTitle('Queue');
  const me = useMe();
  const { guarded } = useSession();
  const { query } = useLocation();
  const queue = (query.get('queue') || undefined) as Queue | undefined;
  const status = (query.get('status') ?? 'open,claimed') as Status | 'open,claimed';
  const brigade = query.get('brigade') as 'true' | 'false' | null;
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | 'next' | null>(null);

  const queues = useLoad(() => call(api.GET('/v1/queues')), []);
  const cases = useLoad(async () => {
    const statuses: Status[] = status === 'open,claimed' ? ['open', 'claimed'] : [status];
    const lists = await Promise.all(
      statuses.map((s) => call(api.GET('/v1/cases', { params: { query: { queue, status: s, brigade: brigade ?? undefined, limit: 200 } } }))),
    );
    return {
      cases: lists.flatMap((l) => l.cases).sort((a, b) => b.priority - a.priority || a.openedAt - b.openedAt),
      accounts: Object.assign({}, ...lists.map((l) => l.accounts)) as (typeof lists)[number]['accounts'],
    };
  }, [queue, status, brigade]);

  const act = async (key: number | 'next', fn: () => Promise<unknown>) => {
    setBusy(key);
    setActionError(null);
    try {
      await guarded(fn);
      cases.reload();
      queues.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const caps = useCapabilities();
  const canWorkAny = caps.queues.work.length > 0;
  // a case of the appeals queue opens on its appeal, where it is decided
  const listsAppeals = caps.queues.see.includes('appeals') && (cases.data?.cases.some((c) => c.queue === 'appeals') ?? false);
  const appeals = useLoad(async () => (listsAppeals ? appealsByCase(status === 'resolved' ? ['granted', 'denied'] : ['open']) : new Map()), [listsAppeals, status, cases.data]);

  return (
    <>
      <div className="page-head">
        <h1>Queue</h1>
        {canWorkAny && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy !== null}
            onClick={() =>
              act('next', async () => {
                const r = await call(api.POST('/v1/cases/claim', { body: queue ? { queue } : {} }));
                if (r.case) navigate(`/cases/${r.case.id}`);
                else setActionError(new Error('Nothing to claim: every open case you may work is taken.'));
              })
            }
          >
            Claim next{queue ? ` in ${queue}` : ''}
          </button>
        )}
      </div>

      <Loading q={queues}>
        {(d) => (
          <nav aria-label="Queues" className="queue-tabs">
            <button type="button" className={`queue-tab ${!queue ? 'is-active' : ''}`} aria-pressed={!queue} onClick={() => setQuery({ queue: null })}>
              <span className="queue-name">All</span>
              <span className="queue-depth">{d.queues.reduce((n, q) => n + q.open, 0)} open</span>
            </button>
            {d.queues.map((q) => (
              <button
                type="button"
                key={q.queue}
                className={`queue-tab queue-${q.queue} ${queue === q.queue ? 'is-active' : ''}`}
                aria-pressed={queue === q.queue}
                title={q.description}
                onClick={() => setQuery({ queue: q.queue })}
              >
                <span className="queue-name">{q.queue}</span>
                <span className="queue-depth">
                  {q.open} open · {q.claimed} claimed
                </span>
                {!q.canWork && <span className="queue-readonly">read only</span>}
              </button>
            ))}
          </nav>
        )}
      </Loading>

      <div className="filters" role="group" aria-label="Filters">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setQuery({ status: e.target.value === 'open,claimed' ? null : e.target.value })}>
            <option value="open,claimed">Open and claimed</option>
            <option value="open">Open</option>
            <option value="claimed">Claimed</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label>
          Brigade{' '}
          <select value={brigade ?? ''} onChange={(e) => setQuery({ brigade: e.target.value || null })}>
            <option value="">Any</option>
            <option value="true">Flagged as brigade</option>
            <option value="false">Not flagged</option>
          </select>
        </label>
        <button type="button" className="btn btn-quiet" onClick={() => cases.reload()}>
          Refresh
        </button>
      </div>

      <ErrorNotice error={actionError} />

      <Loading q={cases}>
        {({ cases: list, accounts }) =>
          list.length === 0 ? (
            <Empty>No cases match. The queues you may see are clear.</Empty>
          ) : (
            <table className="table" aria-label="Cases by priority">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Priority
                  </th>
                  <th scope="col">Account</th>
                  <th scope="col">Queue</th>
                  <th scope="col">Categories</th>
                  <th scope="col" className="num">
                    Reports
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Last report</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => {
                  const mine = c.claimedBy === me.id;
                  const appeal = c.queue === 'appeals' ? appeals.data?.get(c.id) : undefined;
                  return (
                    <tr key={c.id} data-case={c.id} className={c.queue === 'critical' ? 'row-critical' : c.queue === 'protected' ? 'row-protected' : undefined}>
                      <td className="num">
                        <span className="priority">{c.priority.toFixed(1)}</span>
                      </td>
                      <td>
                        {appeal ? (
                          <Link to={`/appeals/${appeal.id}`} className="strong">
                            Appeal {appeal.id}
                          </Link>
                        ) : (
                          <Link to={`/cases/${c.id}`} className="strong">
                            Case {c.id}
                          </Link>
                        )}{' '}
                        <span className="muted">· </span>
                        <Link to={`/accounts/${encodeURIComponent(c.accountId)}`}>{accounts[c.accountId] ? `@${accounts[c.accountId]!.handle}` : c.accountId}</Link>
                        {accounts[c.accountId] && (
                          <div className="small muted">
                            {accounts[c.accountId]!.tier !== 'standard' && <TierBadge tier={accounts[c.accountId]!.tier} />}
                            {followers.format(accounts[c.accountId]!.followers)} followers
                            {accounts[c.accountId]!.status !== 'active' && <> · {accounts[c.accountId]!.status}</>}
                          </div>
                        )}
                      </td>
                      <td>
                        <span className={`queue-label queue-${c.queue}`}>{c.queue}</span>
                      </td>
                      <td>
                        {c.categories.map((k) => (
                          <Pill key={k}>{k.replace(/_/g, ' ')}</Pill>
                        ))}
                        {c.brigade && (
                          <Pill tone="warn">
                            <span title="Many reports from a coordinated group: weigh them as one">brigade</span>
                          </Pill>
                        )}
                      </td>
                      <td className="num">
                        {c.countedReports}
                        <span className="muted"> / {c.reportCount}</span>
                        <div className="muted small">
                          {c.distinctReporters} reporter{c.distinctReporters === 1 ? '' : 's'}
                        </div>
                      </td>
                      <td>
                        <StatusBadge status={c.status} />
                        <ClaimHolder kase={c} me={me.id} />
                      </td>
                      <td>
                        <Ago at={c.lastReportAt} />
                      </td>
                      <td className="row-actions">
                        {c.status === 'open' && canWorkAny && (
                          <button type="button" className="btn btn-small" aria-label={`Claim case ${c.id}`} disabled={busy !== null} onClick={() => act(c.id, () => call(api.POST('/v1/cases/{id}/claim', { params: { path: { id: c.id } } })))}>
                            Claim
                          </button>
                        )}
                        {c.status === 'claimed' && mine && (
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Release case ${c.id}`}
                            disabled={busy !== null}
                            onClick={() => act(c.id, () => call(api.POST('/v1/cases/{id}/release', { params: { path: { id: c.id } }, body: {} })))}
                          >
                            Release
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loading>
    </>
  );
}
