/**
 * Propose an enforcement action. Before anything is submitted, the form asks
 * the server's decision API what the policy in force will demand — the same
 * Cedar rules that enforce it — and shows that answer, refusal reasons included.
 */
import { useEffect, useId, useRef, useState } from 'react';
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
const KIND_LABELS: Record<Kind, { label: string } | null> = {
  warn: { label: 'Warn' },
  limit: { label: 'Limit reach' },
  lock: { label: 'Lock' },
  suspend: { label: 'Suspend' },
  deactivate: { label: 'Deactivate' },
  restore: { label: 'Restore' },
  set_tier: null,
  change_policy: null,
  grant_role: null,
  elevate: null,
  set_access: null,
  set_notice_template: null,
  set_decision_ground: null,
  // a reporter's standing is not an action on the account this form is about
  add_trusted_flagger: null,
  remove_trusted_flagger: null,
  warn_reporter: null,
  suspend_reporting: null,
  restore_reporting: null,
};
/** The kinds this form proposes: enforcement on the account; only a suspension takes a parameter here. */
type FormKind = Extract<Kind, 'warn' | 'limit' | 'lock' | 'suspend' | 'deactivate' | 'restore'>;
const FORM_KINDS: readonly FormKind[] = ['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore'];
const KINDS = FORM_KINDS.flatMap((kind) => {
  const v = KIND_LABELS[kind];
  return v ? [{ kind, ...v }] : [];
});

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
  // Warden's own, when strikes reach the threshold
  repeated_violations: false,
};
const REASONS = (Object.keys(REASON_OFFERED) as ReasonCode[]).filter((r) => REASON_OFFERED[r]);

const DURATIONS = [
  { label: '24 hours', ms: 86_400_000 },
  { label: '3 days', ms: 3 * 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
];

export function ActionForm({ account, caseId, defaultReason, onProposed }: { account: Account; caseId?: number; defaultReason?: ReasonCode; onProposed: (a: Action) => void }) {
  const { guarded } = useSession();
  const uid = useId();
  const [kind, setKind] = useState<FormKind>('warn');
  // no reason is chosen for the person: on a case it follows the reports, elsewhere they pick it
  const [reasonCode, setReason] = useState<ReasonCode | ''>(defaultReason && REASONS.includes(defaultReason) ? defaultReason : '');
  const [justification, setJustification] = useState('');
  const [durationMs, setDuration] = useState(DURATIONS[0]!.ms);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // What the justification must be is the server's rule: its answer to the preview says so, in its words.
  const [justificationProblem, setJustificationProblem] = useState<string | null>(null);
  const [needsJustification, setNeedsJustification] = useState<ReadonlySet<Kind>>(new Set());
  const probed = useRef(new Set<Kind>());
  const destructive = needsJustification.has(kind);

  const proposal = (): Proposal => {
    const common = {
      targetId: account.id,
      // the policy's decision does not turn on the reason, so the preview can be asked before one is chosen
      reasonCode: reasonCode || 'spam',
      justification: justification.trim(),
      ...(caseId ? { caseId } : {}),
    };
    return kind === 'suspend' ? { ...common, kind, durationMs } : { ...common, kind };
  };

  // Ask the policy as the person fills the form in. Whether a kind needs a justification, and what it must
  // be, are the server's rules: the first time a kind is chosen, the preview is asked without one to learn
  // that; a justification found wanting is shown beside it in the server's words, and the policy is asked
  // again with a stand-in, since its decision does not turn on the words.
  useEffect(() => {
    let live = true;
    const ask = (j: string) => call(api.POST('/v1/actions/preview', { body: { ...proposal(), justification: j } }));
    const show = (r: Preview, problem: string | null) => {
      setPreview(r);
      setPreviewError(null);
      setJustificationProblem(problem);
    };
    const problemOf = (e: unknown) => (e instanceof ApiError && e.status === 400 ? e.body?.fields?.find((f) => f.path === 'justification')?.message : undefined);
    const t = setTimeout(async () => {
      try {
        const text = justification.trim();
        if (!needsJustification.has(kind) && !probed.current.has(kind)) {
          probed.current.add(kind);
          try {
            const r0 = await ask('');
            if (text === '') {
              if (live) show(r0, null);
              return;
            }
          } catch (e) {
            if (!problemOf(e)) throw e;
            if (live) setNeedsJustification((s) => new Set(s).add(kind));
          }
        }
        try {
          const r = await ask(text);
          if (live) show(r, null);
        } catch (e) {
          const problem = problemOf(e);
          if (!problem) throw e;
          if (live) setNeedsJustification((s) => new Set(s).add(kind));
          const r = await ask('(preview: the justification is not written yet)');
          if (live) show(r, problem);
        }
      } catch (e) {
        if (!live) return;
        setPreview(null);
        setPreviewError(e);
      }
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, reasonCode, durationMs, account.id, justification.trim()]);

  const denied = preview && !preview.decision.allowed;

  return (
    <form
      className="action-form"
      aria-labelledby={`${uid}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (justificationProblem || !reasonCode) return;
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
          <label key={k.kind} className={`kind ${needsJustification.has(k.kind) ? 'kind-destructive' : ''} ${kind === k.kind ? 'is-checked' : ''}`}>
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
        aria-invalid={justificationProblem !== null && justification.length > 0 ? true : undefined}
        aria-describedby={`${uid}-just-help`}
        placeholder="What did the account do, and why does this action fit? Approvers read this."
        onChange={(e) => setJustification(e.target.value)}
      />
      <p id={`${uid}-just-help`} className="help">
        {justificationProblem ? `${justificationProblem.charAt(0).toUpperCase()}${justificationProblem.slice(1)}. ` : ''}
        {destructive ? 'It is recorded in the audit log and shown to every approver.' : 'Recorded in the audit log.'}
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
        <button type="submit" className={`btn ${destructive ? 'btn-danger' : 'btn-primary'}`} disabled={busy || justificationProblem !== null || !reasonCode}>
          {preview?.requirements.length ? `Propose ${kind} for approval` : `${KINDS.find((k) => k.kind === kind)!.label} now`}
        </button>
      </div>
    </form>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
