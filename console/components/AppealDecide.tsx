/**
 * Deciding an appeal: who may not and why (the policy's independence rule, as
 * explain gives it), the decision form for someone who may and holds the
 * claim, and once decided, the outcome and the restore it proposed.
 */
import { useId, useState } from 'react';
import { type Staff, api, call } from '../api/client';
import type { paths } from '../api/schema';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { useMe, useSession } from '../session';
import { Person } from './AppealBits';
import type { AppealView } from './AppealRecord';
import { ErrorNotice, Loading, Panel, StatusBadge, Time } from './ui';

type Explanation = paths['/v1/appeals/{id}/explain']['get']['responses'][200]['content']['application/json'];
type Outcome = paths['/v1/appeals/{id}/decide']['post']['requestBody']['content']['application/json']['outcome'];
type Decided = paths['/v1/appeals/{id}/decide']['post']['responses'][200]['content']['application/json'];

/** The bounds of DecisionInputSchema.reasons (src/appeals/model.ts); the server checks them again and names the field. */
const REASONS_MIN = 10;
const REASONS_MAX = 8000;

const OUTCOME_TEXT: Record<Outcome, { choice: string; button: string; help: string }> = {
  granted: { choice: 'Grant', button: 'Grant appeal', help: 'Overturns the decision: proposes the restore of the action, judged by the policy like any proposal.' },
  denied: { choice: 'Deny', button: 'Deny appeal', help: 'Upholds the decision. The appellant is told, with your reasons.' },
};
const OUTCOMES = Object.keys(OUTCOME_TEXT) as Outcome[];

export function Independence({ view, explained, staff }: { view: AppealView; explained: Explanation | undefined; staff: Map<string, Staff> | undefined }) {
  const me = useMe();
  const d = explained?.decision ?? view.viewerMayDecide;
  const deciding = d.rules.filter((r) => (d.allowed ? r.effect === 'permit' : r.effect === 'forbid'));
  const open = view.appeal.state === 'open';
  return (
    <Panel title={open ? 'Who may decide' : 'Independence'} id="appeal-independence">
      {/* once decided, the viewer's own standing no longer matters: who took part still does */}
      {open && (
        <div data-testid="appeal-independence">
          <p className={d.allowed ? 'strong ok' : 'strong danger'}>{d.allowed ? 'You may decide this appeal.' : 'You may not decide this appeal.'}</p>
          <ul className="rules">
            {deciding.map((r) => (
              <li key={r.id}>
                <code>{r.id}</code> {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="field">
        <div className="label">{open ? 'May not decide: took part in the decision contested' : 'Took part in the decision contested'}</div>
        {view.ineligible.length === 0 ? (
          <p className="muted">Nobody recorded: any lead or admin who is an employee may decide it.</p>
        ) : (
          <ul className="plain" aria-label="Who may not decide">
            {view.ineligible.map((p) => (
              <li key={`${p.staffId}-${p.role}`}>
                <Person id={p.staffId} staff={staff} />
                {p.staffId === me.id && <strong> (you)</strong>}
                <div className="small">{p.why}</div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {explained && (
        <details className="small">
          <summary>The rules on deciding appeals</summary>
          <ul className="rules">
            {explained.rules.map((r) => (
              <li key={r.id}>
                <code>{r.id}</code> ({r.effect}) {r.reason} <span className="muted">{`${r.file}:${r.line}`}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Panel>
  );
}

export function DecideForm({ appealId, onDecided }: { appealId: string; onDecided: (d: Decided) => void }) {
  const uid = useId();
  const { guarded } = useSession();
  // no default: granting or denying is chosen, never fallen into
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const length = reasons.trim().length;
  const fits = length >= REASONS_MIN && length <= REASONS_MAX;
  const chosen = outcome ? OUTCOME_TEXT[outcome] : null;
  return (
    <form
      className="stack"
      aria-labelledby={`${uid}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!outcome) return;
        setBusy(true);
        setError(null);
        try {
          onDecided(await guarded(() => call(api.POST('/v1/appeals/{id}/decide', { params: { path: { id: appealId } }, body: { outcome, reasons: reasons.trim() } }))));
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset className="kinds">
        <legend id={`${uid}-h`}>Outcome</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className={`kind ${outcome === o ? 'is-checked' : ''}`}>
            <input type="radio" name={`${uid}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {OUTCOME_TEXT[o].choice}
          </label>
        ))}
      </fieldset>
      <p className="help small">{chosen ? chosen.help : 'Grant overturns the decision contested; deny upholds it.'}</p>
      <label htmlFor={`${uid}-reasons`}>Reasons (the appellant is told them)</label>
      <textarea id={`${uid}-reasons`} rows={5} maxLength={REASONS_MAX} required value={reasons} onChange={(e) => setReasons(e.target.value)} aria-describedby={`${uid}-count`} />
      <p id={`${uid}-count`} className={`small ${length > 0 && !fits ? 'danger' : 'muted'}`}>
        {length < REASONS_MIN ? `At least ${REASONS_MIN} characters (${length} so far).` : `${length} of at most ${REASONS_MAX} characters.`}
      </p>
      <ErrorNotice error={error} title="Not decided" />
      <div className="form-actions">
        <button type="submit" className={`btn ${outcome === 'denied' ? 'btn-danger' : 'btn-primary'}`} disabled={busy || !fits || !chosen}>
          {chosen ? chosen.button : 'Decide'}
        </button>
      </div>
    </form>
  );
}

/** A decided appeal: the outcome and reasons, and on a grant the restore it proposed with what it still needs. */
export function DecisionPanel({ view, staff }: { view: AppealView; staff: Map<string, Staff> | undefined }) {
  const { appeal, reversal } = view;
  const restore = useLoad(async () => (reversal ? call(api.GET('/v1/actions/{id}', { params: { path: { id: reversal.id } } })) : null), [reversal?.id, reversal?.state]);
  return (
    <Panel title="Decision" id="appeal-decision">
      <div data-testid="appeal-outcome">
        <p>
          <StatusBadge status={appeal.state} /> by {appeal.decidedBy && <Person id={appeal.decidedBy} staff={staff} />}
          {appeal.decidedAt && (
            <>
              {' · '}
              <Time at={appeal.decidedAt} />
            </>
          )}
        </p>
        <div className="label">Reasons, as the appellant is told them</div>
        {appeal.reasons && <blockquote className="justification">{appeal.reasons}</blockquote>}
      </div>
      {reversal && (
        <div className="field" data-testid="appeal-reversal">
          <div className="label">The restore it proposed</div>
          <p>
            <Link to={`/actions/${reversal.id}`} className={`kind-label kind-${reversal.kind}`}>
              {reversal.kind}
            </Link>{' '}
            <StatusBadge status={reversal.state} />
          </p>
          <Loading q={restore}>
            {(r) =>
              r?.now?.missing ? (
                <p>
                  It still needs: {r.now.missing} It waits in <Link to="/approvals">Approvals</Link>.
                </p>
              ) : r && (r.action.state === 'executed' || r.action.state === 'delivered') ? (
                <p>The account is restored.</p>
              ) : null
            }
          </Loading>
        </div>
      )}
      {appeal.reconsideredCaseId !== null && (
        <p>
          The decision not to act is reconsidered in <Link to={`/cases/${appeal.reconsideredCaseId}`}>case {appeal.reconsideredCaseId}</Link>.
        </p>
      )}
    </Panel>
  );
}
