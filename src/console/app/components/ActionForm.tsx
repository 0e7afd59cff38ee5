/**
 * Propose an enforcement action. Before anything is submitted, the form asks
 * the server's decision API what the policy in force will demand — the same
 * Cedar rules that enforce it — and shows that answer, refusal reasons included.
 */
import { useEffect, useId, useState } from 'react';
import { type Account, type Action, ApiError, api, call } from '../api/client';
import type { paths } from '../api/schema';
import { useSession } from '../session';
import { ErrorNotice } from './ui';

type Proposal = paths['/v1/actions/preview']['post']['requestBody']['content']['application/json'];
type Preview = paths['/v1/actions/preview']['post']['responses'][200]['content']['application/json'];
type Kind = Proposal['kind'];
type ReasonCode = Proposal['reasonCode'];

// Every kind and reason the API knows is listed here, or the console does not compile: a new one on
// the server is a decision for this form. null: not proposed from this form (guard changes have their
// own screens; system reasons are Warden's own).
const KIND_LABELS: Record<Kind, { label: string; destructive: boolean } | null> = {
  warn: { label: 'Warn', destructive: false },
  limit: { label: 'Limit reach', destructive: false },
  lock: { label: 'Lock', destructive: true },
  suspend: { label: 'Suspend', destructive: true },
  deactivate: { label: 'Deactivate', destructive: true },
  restore: { label: 'Restore', destructive: false },
  set_tier: null,
  change_policy: null,
  grant_role: null,
  elevate: null,
};
const KINDS = Object.entries(KIND_LABELS).flatMap(([kind, v]) => (v ? [{ kind: kind as Kind, ...v }] : []));

const REASON_OFFERED: Record<ReasonCode, boolean> = {
  spam: true,
  harassment: true,
  hate: true,
  impersonation: true,
  violent_threat: true,
  self_harm: true,
  child_safety: true,
  misinformation: true,
  compromised_account: true,
  legal_request: true,
  appeal_granted: true,
  error_correction: true,
  suspension_ended: false,
  access_management: false,
  policy_maintenance: false,
};
const REASONS = (Object.keys(REASON_OFFERED) as ReasonCode[]).filter((r) => REASON_OFFERED[r]);

const DURATIONS = [
  { label: '24 hours', ms: 86_400_000 },
  { label: '3 days', ms: 3 * 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
];

const MIN_JUSTIFICATION = 10;

export function ActionForm({ account, caseId, defaultReason, onProposed }: { account: Account; caseId?: number; defaultReason?: ReasonCode; onProposed: (a: Action) => void }) {
  const { guarded } = useSession();
  const uid = useId();
  const [kind, setKind] = useState<Kind>('warn');
  // no reason is chosen for the person: on a case it follows the reports, elsewhere they pick it
  const [reasonCode, setReason] = useState<ReasonCode | ''>(defaultReason && REASONS.includes(defaultReason) ? defaultReason : '');
  const [justification, setJustification] = useState('');
  const [durationMs, setDuration] = useState(DURATIONS[0]!.ms);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const destructive = KINDS.find((k) => k.kind === kind)!.destructive;
  const justificationShort = destructive && justification.trim().length < MIN_JUSTIFICATION;

  const proposal = (): Proposal => ({
    kind,
    targetId: account.id,
    // the policy's decision does not turn on the reason, so the preview can be asked before one is chosen
    reasonCode: reasonCode || 'spam',
    justification: justification.trim(),
    ...(caseId ? { caseId } : {}),
    ...(kind === 'suspend' ? { durationMs } : {}),
  });

  // Ask the policy as the person fills the form in; the justification's text does not change the decision,
  // so a placeholder stands in for it until it is long enough to be valid.
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      const p = proposal();
      if (destructive && p.justification!.length < MIN_JUSTIFICATION) p.justification = '(preview: justification not yet written)';
      call(api.POST('/v1/actions/preview', { body: p })).then(
        (r) => {
          if (!live) return;
          setPreview(r);
          setPreviewError(null);
        },
        (e: unknown) => {
          if (!live) return;
          setPreview(null);
          setPreviewError(e);
        },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, reasonCode, durationMs, account.id, destructive && justificationShort]);

  const denied = preview && !preview.decision.allowed;

  return (
    <form
      className="action-form"
      aria-labelledby={`${uid}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (justificationShort || !reasonCode) return;
        setBusy(true);
        setSubmitError(null);
        try {
          const r = await guarded(() => call(api.POST('/v1/actions', { body: proposal() })));
          setJustification('');
          onProposed(r.action);
        } catch (err) {
          setSubmitError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id={`${uid}-title`}>Propose an action on {account.handle}</h3>
      <fieldset className="kinds">
        <legend>Action</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className={`kind ${k.destructive ? 'kind-destructive' : ''} ${kind === k.kind ? 'is-checked' : ''}`}>
            <input type="radio" name={`${uid}-kind`} value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label htmlFor={`${uid}-reason`}>Reason</label>
        <select id={`${uid}-reason`} value={reasonCode} required onChange={(e) => setReason(e.target.value as ReasonCode)}>
          <option value="" disabled>
            Choose a reason…
          </option>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {r.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        {kind === 'suspend' && (
          <>
            <label htmlFor={`${uid}-duration`}>For</label>
            <select id={`${uid}-duration`} value={durationMs} onChange={(e) => setDuration(Number(e.target.value))}>
              {DURATIONS.map((d) => (
                <option key={d.ms} value={d.ms}>
                  {d.label}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <label htmlFor={`${uid}-just`}>
        Justification{destructive ? <span className="required"> (required for a {kind})</span> : <span className="muted"> (optional)</span>}
      </label>
      <textarea
        id={`${uid}-just`}
        rows={3}
        value={justification}
        required={destructive}
        minLength={destructive ? MIN_JUSTIFICATION : undefined}
        aria-invalid={justificationShort && justification.length > 0 ? true : undefined}
        aria-describedby={`${uid}-just-help`}
        placeholder="What did the account do, and why does this action fit? Approvers read this."
        onChange={(e) => setJustification(e.target.value)}
      />
      <p id={`${uid}-just-help`} className="help">
        {destructive ? `At least ${MIN_JUSTIFICATION} characters. It is recorded in the audit log and shown to every approver.` : 'Recorded in the audit log.'}
      </p>

      <div className={`policy-preview ${denied ? 'policy-denied' : preview?.requirements.length ? 'policy-approvals' : 'policy-ok'}`} aria-live="polite" data-testid="policy-preview">
        <h4>What the policy requires</h4>
        {previewError ? (
          <ErrorNotice error={previewError} title="Could not ask the policy" />
        ) : !preview ? (
          <p className="muted">Asking the policy…</p>
        ) : denied ? (
          <>
            <p className="strong">You may not propose this.</p>
            <ul className="rules">
              {preview.decision.rules
                .filter((r) => r.effect === 'forbid')
                .map((r) => (
                  <li key={r.id}>
                    <code>{r.id}</code> {r.reason}
                  </li>
                ))}
            </ul>
          </>
        ) : preview.requirements.length === 0 ? (
          <p>No approval needed: it takes effect when you submit it.</p>
        ) : (
          <>
            {preview.requirements.map((r, i) => (
              <p key={i} className="strong">
                {capitalize(r.text)}.
              </p>
            ))}
            <details>
              <summary>Rules behind this</summary>
              <ul className="rules">
                {preview.requirements
                  .flatMap((r) => r.rules)
                  .map((r) => (
                    <li key={r.id}>
                      <code>{r.id}</code> {r.reason}
                    </li>
                  ))}
              </ul>
            </details>
          </>
        )}
        {preview && <p className="muted small">Policy version {preview.decision.policyVersion}</p>}
      </div>

      <ErrorNotice error={submitError} title={submitError instanceof ApiError && submitError.status === 403 ? 'Refused by policy' : undefined} />
      <div className="form-actions">
        <button type="submit" className={`btn ${destructive ? 'btn-danger' : 'btn-primary'}`} disabled={busy || justificationShort || !reasonCode}>
          {preview?.requirements.length ? `Propose ${kind} for approval` : `${KINDS.find((k) => k.kind === kind)!.label} now`}
        </button>
      </div>
    </form>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
