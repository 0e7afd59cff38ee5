/** The appeals queue: open appeals oldest first, with who appeals what, by when it must be decided, and who holds it. */
import { useState } from 'react';
import { api, call } from '../api/client';
import { APPEAL_STATE_TEXT, type Appeal, Appellant, Contested, DecideBy } from '../components/AppealBits';
import { ClaimHolder } from '../components/Claim';
import { Ago, Empty, ErrorNotice, Loading, StatusBadge, TierBadge } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation, useTitle } from '../router';
import { useCapabilities, useMe, useSession } from '../session';

type State = Appeal['state'];
const STATES = Object.keys(APPEAL_STATE_TEXT) as State[];

export function AppealsScreen() {
  useTitle('Appeals');
  const me = useMe();
  const { guarded } = useSession();
  const { query } = useLocation();
  const state = (query.get('state') ?? 'open') as State;
  const canWork = useCapabilities().queues.work.includes('appeals');
  const list = useLoad(() => call(api.GET('/v1/appeals', { params: { query: { state, limit: 200 } } })), [state]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const claim = async (appeal: Appeal) => {
    setBusy(appeal.id);
    setError(null);
    try {
      await guarded(() => call(api.POST('/v1/cases/{id}/claim', { params: { path: { id: appeal.caseId } } })));
      navigate(`/appeals/${appeal.id}`);
    } catch (e) {
      setError(e);
      list.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Appeals</h1>
      </div>
      <p className="muted">
        Each appeal is decided by someone independent of the decision it contests: not whoever proposed the action, approved it, or resolved the case.
      </p>
      <div className="filters" role="group" aria-label="Filters">
        <label>
          State{' '}
          <select value={state} onChange={(e) => navigate(e.target.value === 'open' ? '/appeals' : `/appeals?state=${e.target.value}`, { replace: true })}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {APPEAL_STATE_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-quiet" onClick={() => list.reload()}>
          Refresh
        </button>
      </div>
      <ErrorNotice error={error} />
      <Loading q={list}>
        {({ appeals, cases, actions, accounts }) =>
          appeals.length === 0 ? (
            <Empty>{state === 'open' ? 'No open appeals.' : `No ${APPEAL_STATE_TEXT[state]} appeals.`}</Empty>
          ) : (
            <table className="table" aria-label="Appeals, oldest first">
              <thead>
                <tr>
                  <th scope="col">Appeal</th>
                  <th scope="col">Appellant</th>
                  <th scope="col">Account</th>
                  <th scope="col">Contests</th>
                  <th scope="col">Filed</th>
                  <th scope="col">Decide by</th>
                  <th scope="col">Claim</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {appeals.map((a) => {
                  const kase = cases[String(a.caseId)];
                  const account = accounts[a.accountId];
                  return (
                    <tr key={a.id} data-appeal={a.id} className={account?.tier === 'critical' ? 'row-critical' : undefined}>
                      <td>
                        <Link to={`/appeals/${a.id}`} className="strong">
                          Appeal {a.id}
                        </Link>
                        {a.state !== 'open' && (
                          <div>
                            <StatusBadge status={a.state} />
                          </div>
                        )}
                      </td>
                      <td>
                        <Appellant appeal={a} />
                      </td>
                      <td>
                        <Link to={`/accounts/${encodeURIComponent(a.accountId)}`}>{account ? `@${account.handle}` : a.accountId}</Link>
                        {account && account.tier !== 'standard' && (
                          <div className="small">
                            <TierBadge tier={account.tier} />
                          </div>
                        )}
                      </td>
                      <td>
                        <Contested appeal={a} action={a.actionId ? actions[a.actionId] : undefined} />
                      </td>
                      <td>
                        <Ago at={a.filedAt} />
                      </td>
                      <td>
                        <DecideBy appeal={a} />
                      </td>
                      <td>
                        {kase?.status === 'open' && <span className="muted">unclaimed</span>}
                        {kase && kase.status !== 'open' && <StatusBadge status={kase.status} />}
                        {kase?.status === 'claimed' && <ClaimHolder kase={kase} me={me.id} />}
                      </td>
                      <td className="row-actions">
                        {a.state === 'open' && kase?.status === 'open' && canWork && (
                          <button type="button" className="btn btn-small" aria-label={`Claim appeal ${a.id}`} disabled={busy !== null} onClick={() => void claim(a)}>
                            Claim
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
