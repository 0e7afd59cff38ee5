/**
 * What an approver is saying yes to, from the server's brief: the effect in
 * words, the account and its reach, the case and its reports, and who asks.
 * Laid out to be read top to bottom in under a minute.
 */
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { Link } from '../router';
import { Pill, StatusBadge, Time, TierBadge, formatTime } from './ui';

export type Brief = Schemas['ActionBrief'];
export type BriefStaff = NonNullable<Brief['proposer']>;
type BriefCase = NonNullable<Brief['case']>;

const count = new Intl.NumberFormat();
const words = (s: string) => s.replace(/_/g, ' ');
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A person as they act now: the role an elevation gives them, their employment and the end of their access. */
export function StaffLine({ s }: { s: BriefStaff }) {
  const soon = s.accessUntil !== null && s.accessUntil - Date.now() < 86_400_000;
  return (
    <span className="proposer" data-testid="brief-staff">
      <strong>{s.name}</strong> <span className="muted">({s.id})</span> · {s.role}
      {s.role !== s.baseRole && <Pill tone="warn">elevated from {s.baseRole}</Pill>}, {s.employment}
      {s.accessUntil !== null ? (
        <span className={`access-end ${soon ? 'access-end-soon' : ''}`}> · access ends {formatTime(s.accessUntil)}</span>
      ) : (
        <span className="muted"> · no end date</span>
      )}
      {s.accessState !== 'active' && <Pill tone="danger">access {words(s.accessState)}</Pill>}
    </span>
  );
}

/** The headline: what happens to whom if this is approved. Critical accounts cannot be mistaken for any other. */
export function BriefHeadline({ brief }: { brief: Brief }) {
  const a = brief.account;
  return (
    <div className={`brief-headline ${a ? `brief-${a.tier}` : ''}`} data-testid="brief-effect">
      {a && (
        <div className="brief-tier">
          <TierBadge tier={a.tier} large={a.tier === 'critical'} />
          <span>
            <strong>{count.format(a.followers)}</strong> followers
          </span>
        </div>
      )}
      <p className="brief-words">{sentence(brief.effect.words)}</p>
    </div>
  );
}

function ReportList({ c }: { c: BriefCase }) {
  const [all, setAll] = useState(false);
  const shown = all ? c.reports : c.reports.slice(0, 4);
  return (
    <>
      <ol className="brief-reports" aria-label={`Reports on case ${c.id}`}>
        {shown.map((r) => (
          <li key={r.id}>
            <span className="pill">{words(r.category)}</span>
            {r.text ? <q>{r.text}</q> : <span className="muted">no text</span>}
            {r.evidence.length > 0 && <span className="small muted"> · {r.evidence.length} evidence link{r.evidence.length === 1 ? '' : 's'}</span>}
            {r.duplicate && <span className="small muted"> · repeat</span>}
            <span className="small muted">
              {' '}
              · {r.reporterId}, <Time at={r.receivedAt} />
            </span>
          </li>
        ))}
      </ol>
      {(c.reports.length > shown.length || c.reportCount > c.reports.length) && (
        <p className="small">
          {c.reports.length > shown.length && (
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setAll(true)}>
              Show {c.reports.length - shown.length} more
            </button>
          )}{' '}
          {c.reportCount > c.reports.length && (
            <>
              The first {c.reports.length} of {c.reportCount} reports; <Link to={`/cases/${c.id}`}>all on the case</Link>.
            </>
          )}
        </p>
      )}
    </>
  );
}

/** The case behind the proposal and its reports, whoever holds it. */
export function BriefCaseView({ brief }: { brief: Brief }) {
  const c = brief.case;
  if (!c) {
    return (
      <div className="brief-case" data-testid="brief-case">
        {brief.caseWithheld ? (
          <p className="muted">{brief.caseWithheld}</p>
        ) : (
          <p className="notice notice-warn">
            <strong>No case attached.</strong> This proposal names no report behind it.
          </p>
        )}
        {brief.otherCases.length > 0 && (
          <p className="small">
            Other open cases on the account:{' '}
            {brief.otherCases.map((o) => (
              <Link key={o.id} to={`/cases/${o.id}`}>
                case {o.id} ({o.reportCount} report{o.reportCount === 1 ? '' : 's'}){' '}
              </Link>
            ))}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="brief-case" data-testid="brief-case">
      <div className="brief-case-head">
        <Link to={`/cases/${c.id}`}>
          <strong>Case {c.id}</strong>
        </Link>
        <StatusBadge status={c.status} />
        <span className="small">
          {c.claimedBy && (c.claimedByProposer ? 'by the proposer · ' : `by ${c.claimedBy} · `)}
          {c.queue} queue
          {c.resolution && ` · resolved: ${words(c.resolution)}`}
        </span>
      </div>
      <p className="brief-counts">
        <strong>
          {c.reportCount} report{c.reportCount === 1 ? '' : 's'}
        </strong>{' '}
        from {c.distinctReporters} reporter{c.distinctReporters === 1 ? '' : 's'}:{' '}
        {c.categories.map((k) => (
          <span key={k.category} className="pill">
            {words(k.category)} ×{k.count}
          </span>
        ))}
        {c.brigade && <Pill tone="warn">looks coordinated</Pill>}
      </p>
      <ReportList c={c} />
      {brief.otherCases.length > 0 && <p className="small muted">The account has {brief.otherCases.length} other unresolved case{brief.otherCases.length === 1 ? '' : 's'}.</p>}
    </div>
  );
}

/** Guard changes: the staff member it changes, or how a policy set differs. */
export function BriefGuardTarget({ brief }: { brief: Brief }) {
  if (brief.staff) {
    return (
      <div className="field">
        <div className="label">Changes</div>
        <StaffLine s={brief.staff} />
      </div>
    );
  }
  const p = brief.policy;
  if (!p) return null;
  return (
    <div className="field">
      <div className="label">Policy change</div>
      {p.problem && <p className="notice notice-warn">{p.problem}</p>}
      <ul className="rules">
        {p.added.map((r) => (
          <li key={`+${r.id}`}>
            + <code>{r.id}</code> {r.reason}
          </li>
        ))}
        {p.changed.map((r) => (
          <li key={`~${r.id}`}>
            ~ <code>{r.id}</code> {r.reason}
          </li>
        ))}
        {p.removed.map((r) => (
          <li key={`-${r.id}`} className="danger">
            − <code>{r.id}</code> {r.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
