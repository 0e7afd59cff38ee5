/**
 * One appeal, with everything its decider needs in view: the appellant's
 * statement, the decision contested (the action, its justification and
 * approvals; the case and its reports), what the owner was told, who may not
 * decide it and why, and the decision itself — claimed first, as any case.
 */
import { useState } from 'react';
import { api, call } from '../api/client';
import { Appellant, DecideBy } from '../components/AppealBits';
import { DecideForm, DecisionPanel, Independence } from '../components/AppealDecide';
import { LeaseControls } from '../components/Claim';
import { type AppealView, ContestedAction, OriginalCase } from '../components/AppealRecord';
import { NoticeList } from '../components/NoticeList';
import { Countdown, ErrorNotice, Loading, Panel, StatusBadge, TierBadge, Time } from '../components/ui';
import { useLoad } from '../hooks';
import { Link, useTitle } from '../router';
import { useCapabilities, useMay, useMe, useSession } from '../session';
import { useStaffDirectory } from './Approvals';

export function AppealScreen({ id }: { id: string }) {
  useTitle(`Appeal ${id}`);
  const me = useMe();
  const may = useMay();
  const canWork = useCapabilities().queues.work.includes('appeals');
  const { guarded } = useSession();
  const view = useLoad(() => call(api.GET('/v1/appeals/{id}', { params: { path: { id } } })), [id]);
  const explained = useLoad(async () => (may('decisions.explain') ? call(api.GET('/v1/appeals/{id}/explain', { params: { path: { id } } })) : undefined), [id, view.data?.appeal.state]);
  const accountId = view.data?.appeal.accountId;
  const account = useLoad(async () => (accountId ? (await call(api.GET('/v1/accounts/{id}', { params: { path: { id: accountId } } }))).account : undefined), [accountId]);
  const notices = useLoad(
    async () => (accountId && may('notices.read') ? (await call(api.GET('/v1/accounts/{id}/notices', { params: { path: { id: accountId }, query: { limit: 200 } } }))).notices : null),
    [accountId, view.data?.appeal.state],
  );
  const staff = useStaffDirectory();
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onCase = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setFlash(null);
    try {
      await guarded(fn);
      setFlash(done);
      view.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Loading q={view}>
      {(v: AppealView) => {
        const { appeal: a, case: kase } = v;
        const mine = kase.status === 'claimed' && kase.claimedBy === me.id;
        const told = (notices.data ?? []).filter((n) => (a.actionId !== null && n.actionId === a.actionId) || n.appealId === a.id);
        return (
          <>
            <nav aria-label="Breadcrumb" className="crumbs">
              <Link to="/appeals">Appeals</Link> <span aria-hidden="true">›</span> Appeal {a.id}
            </nav>
            <div className="page-head">
              <h1>
                Appeal {a.id} <StatusBadge status={a.state} />
              </h1>
              <div className="page-actions">
                {kase.status === 'claimed' && kase.leaseUntil && (
                  <span className="lease">
                    {mine ? 'Your claim' : `Claimed by ${kase.claimedBy}`} · <Countdown until={kase.leaseUntil} />
                  </span>
                )}
                {a.state === 'open' && kase.status === 'open' && canWork && v.viewerMayDecide.allowed && (
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={busy}
                    onClick={() => void onCase(() => call(api.POST('/v1/cases/{id}/claim', { params: { path: { id: kase.id } } })), 'Claimed: the appeal is yours to decide while the lease runs.')}
                  >
                    Claim to decide
                  </button>
                )}
                {mine && a.state === 'open' && <LeaseControls caseId={kase.id} busy={busy} act={onCase} releasedTo="the appeals queue" />}
              </div>
            </div>
            {flash && (
              <div className="notice notice-ok" role="status">
                {flash}
              </div>
            )}
            <ErrorNotice error={error} />
            <dl className="facts facts-inline">
              <div>
                <dt>Appellant</dt>
                <dd>
                  <Appellant appeal={a} />
                </dd>
              </div>
              <div>
                <dt>Account</dt>
                <dd>
                  <Link to={`/accounts/${encodeURIComponent(a.accountId)}`}>{account.data ? `@${account.data.handle}` : a.accountId}</Link>{' '}
                  {account.data && <TierBadge tier={account.data.tier} />}
                  {account.data && <div className="small">now {account.data.status}</div>}
                </dd>
              </div>
              <div>
                <dt>Filed</dt>
                <dd>
                  <Time at={a.filedAt} />
                  <div className="small muted">
                    within the window to <Time at={a.deadlineAt} />
                  </div>
                </dd>
              </div>
              <div>
                <dt>Decide by</dt>
                <dd>
                  <DecideBy appeal={a} />
                </dd>
              </div>
            </dl>

            <div className="columns">
              <div className="col-main">
                <Panel title="The appellant’s statement" id="appeal-statement">
                  <blockquote className="justification statement" data-testid="appeal-statement">
                    {a.statement}
                  </blockquote>
                </Panel>
                {v.contested && (
                  <Panel title="The action contested" id="appeal-action">
                    <ContestedAction contested={v.contested} staff={staff.data} />
                  </Panel>
                )}
                {notices.data !== null && (
                  <Panel title={a.appellant.kind === 'owner' ? 'What the owner was told' : 'What they were told'} id="appeal-notices">
                    <Loading q={notices}>{() => <NoticeList notices={told} empty="No notice was sent for this decision." />}</Loading>
                  </Panel>
                )}
                {v.original && (
                  <Panel title={`The case it was decided in (${v.original.reports.length} report${v.original.reports.length === 1 ? '' : 's'})`} id="appeal-original">
                    <OriginalCase original={v.original} />
                  </Panel>
                )}
              </div>
              <div className="col-side">
                {a.state !== 'open' && <DecisionPanel view={v} staff={staff.data} />}
                <Independence view={v} explained={explained.data} staff={staff.data} />
                {a.state === 'open' && v.viewerMayDecide.allowed && (
                  <Panel title="Decide" id="appeal-decide">
                    {mine ? (
                      <DecideForm
                        appealId={a.id}
                        onDecided={(d) => {
                          const r = d.reversal;
                          setFlash(
                            `Appeal ${d.appeal.state}. ${r ? `The restore ${r.id} is ${r.state.replace(/_/g, ' ')}.` : ''} The appellant is told, with your reasons.`,
                          );
                          view.reload();
                          account.reload();
                        }}
                      />
                    ) : kase.status === 'claimed' ? (
                      <p>Claimed by {kase.claimedBy}: only the holder of the claim decides it.</p>
                    ) : (
                      <p>Claim the appeal to decide it: the claim tells others it is being decided.</p>
                    )}
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
