import type { AuditEvent } from '../api/client';
import { Link } from '../router';
import { Empty, Time } from './ui';

type Catalogued = Extract<AuditEvent, { catalogued: true }>;

/** The `never` check: a new server event fails the console build until someone decides what it means here. */
function unhandled(e: never): never {
  throw new Error(`audit event not handled: ${JSON.stringify(e)}`);
}

/** What an entry's subject links to: accounts, cases and actions have a page of their own. */
function subjectLink(e: Catalogued) {
  const s = e.subject;
  switch (s.type) {
    case 'account':
      return <Link to={`/accounts/${encodeURIComponent(s.id)}`}>{s.id}</Link>;
    case 'case':
      return <Link to={`/cases/${s.id}`}>case {s.id}</Link>;
    case 'action':
      return <Link to={`/actions/${s.id}`}>{s.id}</Link>;
    case 'appeal':
      return <Link to={`/appeals/${s.id}`}>appeal {s.id}</Link>;
    case 'staff':
    case 'policy':
    case 'accounts':
    case 'alert':
    case 'appeal':
    case 'setting':
    case 'login':
    case 'enrolment':
    case 'notice':
    case 'notice_batch':
    case 'reports':
    case 'statement_batch':
    case 'staff_message':
    case 'bulk':
    case 'reporter':
      return (
        <>
          {s.type} {s.id}
        </>
      );
    default:
      return unhandled(s);
  }
}

/** A refusal (by the policy, or of a sign-in whose access was closed) is marked in the table. */
function refused(e: Catalogued): boolean {
  switch (e.action) {
    case 'action.refused':
    case 'approval.refused':
    case 'session.login_refused':
    case 'appeal.decision_refused':
      return true;
    case 'appeal.filed':
    case 'appeal.decided':
    case 'appeal.reversal_executed':
    case 'appeal.overdue':
    case 'case.reopened':
    case 'strike.recorded':
    case 'strike.reversed':
    case 'strike.threshold_reached':
    case 'accounts.imported':
    case 'account.tier_set':
    case 'account.reach_fell':
    case 'action.proposed':
    case 'approval.given':
    case 'approval.rejected':
    case 'approval.voided':
    case 'action.rejected':
    case 'action.awaiting_approval':
    case 'action.scheduled':
    case 'action.executed':
    case 'action.delivered':
    case 'action.delivery_failed':
    case 'action.lapsed':
    case 'action.voided':
    case 'action.expired':
    case 'alert.raised':
    case 'alert.acknowledged':
    case 'alert.delivery_failed':
    case 'case.opened':
    case 'case.claimed':
    case 'case.lease_renewed':
    case 'case.released':
    case 'case.resolved':
    case 'case.rerouted':
    case 'case.commented':
    case 'case.lease_expired':
    case 'case.claim_voided':
    case 'case.brigade_flagged':
    case 'case.reopened':
    case 'staff.enrolment_started':
    case 'staff.enrolment_sent':
    case 'staff.enrolment_undelivered':
    case 'staff.enrolment_redeemed':
    case 'staff.enrolment_redeem_failed':
    case 'staff.enrolment_revoked':
    case 'staff.token_revoked':
    case 'staff.bootstrapped':
    case 'policy.activated':
    case 'policy.frozen':
    case 'policy.unfrozen':
    case 'session.login':
    case 'session.login_failed':
    case 'session.logout':
    case 'session.ended':
    case 'session.step_up':
    case 'session.step_up_failed':
    case 'staff.password_set':
    case 'staff.totp_enrolled':
    case 'staff.created':
    case 'staff.token_issued':
    case 'staff.offboarded':
    case 'staff.access_ended':
    case 'staff.access_revoked':
    case 'tripwire.drift_detected':
    case 'tripwire.reverted':
    case 'tripwire.revert_failed':
    case 'tripwire.superseded':
    case 'notice.queued':
    case 'notice.outcomes_recorded':
    case 'notice.batch_queued':
    case 'notice.delivered':
    case 'notice.delivery_failed':
    case 'statement.recorded':
    case 'statement.batch_queued':
    case 'statement.delivered':
    case 'statement.delivery_failed':
    case 'statement.refused':
    case 'appeal.filed':
    case 'appeal.decided':
    case 'appeal.reversal_executed':
    case 'appeal.overdue':
    case 'strike.recorded':
    case 'strike.reversed':
    case 'strike.threshold_reached':
    case 'reports.received':
    case 'reporter.standing_changed':
    case 'reporter.misuse_threshold_reached':
    case 'reporter.reports_ignored':
    case 'notification.preferences_set':
    case 'notification.delivery_failed':
    case 'bulk.proposed':
    case 'bulk.completed':
      return false;
    default:
      return unhandled(e);
  }
}

/** What an entry records before and after, as stored (an event that records nothing shows nothing). */
function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return null;
  return (
    <details className="change">
      <summary>what changed</summary>
      {before != null && (
        <>
          <div className="label">before</div>
          <pre>{JSON.stringify(before, null, 1)}</pre>
        </>
      )}
      {after != null && (
        <>
          <div className="label">after</div>
          <pre>{JSON.stringify(after, null, 1)}</pre>
        </>
      )}
    </details>
  );
}

/** Audit entries as a readable timeline: who, what, to what, why. An entry the catalog does not describe is shown as stored. */
export function AuditTable({ entries, label, showSubject = false }: { entries: AuditEvent[]; label: string; showSubject?: boolean }) {
  if (entries.length === 0) return <Empty>Nothing recorded.</Empty>;
  return (
    <table className="table table-compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          {showSubject && <th scope="col">Subject</th>}
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={e.seq ?? i} className={e.catalogued && refused(e) ? 'row-refused' : undefined}>
            <td className="num muted">{e.seq}</td>
            <td>
              <Time at={e.at} />
            </td>
            <td>{e.actor.kind === 'staff' ? e.actor.id : `${e.actor.kind}:${e.actor.id}`}</td>
            <td>
              <code>{e.action}</code>
            </td>
            {showSubject && (
              <td>
                {e.catalogued ? (
                  subjectLink(e)
                ) : (
                  <>
                    {e.subject.type} {e.subject.id}
                  </>
                )}
              </td>
            )}
            <td className="wrap">
              {e.reason ?? <span className="muted">—</span>}
              <Change before={'before' in e ? e.before : null} after={'after' in e ? e.after : null} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
