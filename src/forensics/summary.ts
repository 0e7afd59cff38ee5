/**
 * One line for a person about each audit entry, and the policy verdict it
 * records: read from the typed event (src/events.ts), one case per event. An
 * entry the catalog does not describe is shown by its action and reason only.
 */
import type { AuditEntry } from '../audit/model.js';
import { unhandledEvent } from '../audit/catalog.js';
import { type RecordedDecision, recordedDecision } from '../actions/recorded-decision.js';
import { instantText } from '../bounds.js';
import type { WardenEntry } from '../events.js';

export interface EntrySummary {
  summary: string;
  /** the policy verdict the entry records, with the rules that decided it */
  decision?: RecordedDecision;
}

/** An entry no catalog describes: its action and reason, nothing read from its payloads. */
export const genericSummary = (e: Pick<AuditEntry, 'action' | 'reason'>): string => (e.reason ? `${e.action}: ${e.reason}` : e.action);

/** "(rule-a, rule-b)" */
const because = (d: RecordedDecision | undefined) => (d?.rules.length ? ` (${d.rules.map((r) => r.id).join(', ')})` : '');

/** "; not counted: stf_b's approval (approver-independent: … — stf_b's staff record was created by the proposer on …)" */
const notCounted = (list: { approverId: string; why: string }[] | undefined) =>
  list?.length ? `; not counted: ${list.map((n) => `${n.approverId}'s approval (${n.why})`).join('; ')}` : '';

export function summarise(e: WardenEntry): EntrySummary {
  switch (e.action) {
    case 'action.proposed': {
      const decision = recordedDecision(e);
      const needs = 'requirements' in e.after ? e.after.requirements.join('; ') : '';
      return { summary: `${e.after.kind} proposed${e.after.state === 'awaiting_approval' ? `; ${needs || 'needs approval'}` : ` (${e.after.state})`}`, decision };
    }
    case 'action.refused': {
      const decision = recordedDecision(e);
      return { summary: `${e.after.kind} refused at ${e.after.stage}${because(decision)}`, decision };
    }
    case 'approval.given':
      return { summary: `approved as ${e.after.approverRole}`, decision: recordedDecision(e) };
    case 'approval.refused': {
      const decision = recordedDecision(e);
      return { summary: `approval refused${because(decision)}${e.after.dependence ? `: ${e.after.dependence}` : ''}`, decision };
    }
    case 'approval.rejected':
    case 'action.rejected':
      return { summary: 'rejected', decision: recordedDecision(e) };
    case 'approval.voided':
      return { summary: `approval by ${e.after.approverId} voided` };
    case 'action.executed': {
      const decision = recordedDecision(e);
      const account = e.after.account ? `: account ${e.before.account?.status} → ${e.after.account.status}` : '';
      return { summary: `${e.after.kind} executed${account} under policy ${e.after.policyVersion}${because(decision)}${notCounted(e.after.notCounted)}`, decision };
    }
    case 'action.delivered':
      return { summary: 'delivered to the platform' };
    case 'action.delivery_failed':
      return { summary: `delivery to the platform failed: ${e.reason ?? ''}` };
    case 'action.lapsed':
      return { summary: `never sent to the platform, its effect was over before its turn: ${e.reason ?? ''}` };
    case 'action.voided':
    case 'action.expired': {
      const weighed = 'notCounted' in e.after ? e.after.notCounted : undefined;
      return { summary: `${e.action === 'action.voided' ? 'voided' : 'expired'}: ${e.reason ?? ''}${notCounted(weighed)}`, decision: recordedDecision(e) };
    }
    case 'action.scheduled':
      return { summary: `scheduled for ${instantText(e.after.scheduledFor)}` };
    case 'action.awaiting_approval':
      return { summary: genericSummary(e), decision: recordedDecision(e) };
    case 'case.opened':
      return { summary: `case opened in queue ${e.after.queue}` };
    case 'case.claimed':
      return { summary: `case claimed by ${e.after.claimedBy}` };
    case 'case.released':
      return { summary: 'case released' };
    case 'case.resolved':
      return { summary: `case resolved: ${e.after.resolution}` };
    case 'case.rerouted':
      return { summary: `case re-routed ${e.before.queue} → ${e.after.queue}` };
    case 'case.reopened':
      return { summary: `case reopened in queue ${e.after.queue}: appeal ${e.after.appealId} overturned the decision not to act` };
    case 'case.brigade_flagged':
      return { summary: `brigade flag: ${e.after.velocity} reports in the window` };
    case 'account.tier_set':
      // brought in with its tier: every account starts standard
      return { summary: `tier standard → ${e.after.tier}` };
    case 'strike.recorded':
      return { summary: `strike recorded for action ${e.after.actionId}, live until ${instantText(e.after.expiresAt)} (${e.after.liveStrikes} live)` };
    case 'strike.reversed':
      return { summary: `strike of action ${e.before.actionId} reversed: overturned on appeal ${e.after.appealId} (${e.after.liveStrikes} live)` };
    case 'strike.threshold_reached':
      return {
        summary: `${e.after.liveStrikes} live strikes (threshold ${e.after.threshold}): ${e.after.suggestedActionId ? `suspension ${e.after.suggestedActionId} suggested, awaiting a person's approval` : 'no suspension suggested'}`,
      };
    case 'reporter.standing_changed':
      return { summary: `reporter ${e.after.change.replace(/_/g, ' ')} by action ${e.after.actionId}` };
    case 'reporter.misuse_threshold_reached':
      return {
        summary: `${e.after.misuse.unfounded} of ${e.after.misuse.decided} decided reports unfounded: ${e.after.suggestedActionId ? `warning ${e.after.suggestedActionId} suggested, awaiting a person's approval` : 'no warning suggested'}`,
      };
    case 'reporter.reports_ignored':
      return { summary: `${e.after.reportIds.length} report(s) ignored: reporting suspended until ${instantText(e.after.suspendedUntil)}` };
    case 'appeal.filed':
      return { summary: `appeal filed by the ${e.after.appellant.kind} against ${e.after.actionId ? `action ${e.after.actionId}` : `the decision not to act on case ${e.after.originalCaseId}`}, within its window (until ${instantText(e.after.deadlineAt)})` };
    case 'appeal.decision_refused':
      return { summary: `decision on the appeal refused (${e.after.rules.map((r) => r.id).join(', ')})` };
    case 'appeal.decided': {
      const then = e.after.reversalActionId ? `; restore ${e.after.reversalActionId} proposed` : e.after.reconsideredCaseId ? `; reconsidered in case ${e.after.reconsideredCaseId}` : '';
      return { summary: `appeal ${e.after.state}${then}${e.after.strikeReversed ? '; strike reversed' : ''}` };
    }
    case 'appeal.reversal_executed':
      return { summary: `restore ${e.after.reversalActionId} granted on appeal took effect, undoing ${e.after.actionId}${e.after.strikeReversed ? '; strike reversed' : ''}` };
    case 'appeal.overdue':
      return { summary: `appeal not decided in time: alert ${e.after.alertId}` };
    case 'alert.raised':
      return { summary: `alert: ${e.after.summary}` };
    case 'alert.acknowledged':
      return { summary: `alert acknowledged by ${e.after.acknowledgedBy}` };
    case 'notice.queued':
      return { summary: `${e.after.subject.replace('_', ' ')} notice to the ${e.after.recipient.kind} queued` };
    case 'notice.outcomes_recorded':
      return { summary: `outcomes for ${e.after.noticeIds.length} report(s) recorded: ${e.after.actionTaken ? 'action taken' : 'no action'}` };
    case 'notice.batch_queued':
      return { summary: `${e.after.noticeIds.length} notice(s) to ${e.after.recipient.kind} ${e.after.recipient.id} queued` };
    case 'notice.delivered':
      return { summary: `${e.after.noticeIds.length} notice(s) delivered to the platform in ${e.after.language}` };
    case 'notice.delivery_failed':
      return { summary: `${e.after.noticeIds.length} notice(s) could not be delivered: ${e.reason ?? ''}` };
    case 'reports.received':
      return { summary: `${e.after.count} report(s) received (${e.after.first}…${e.after.last}${e.after.duplicates ? `, ${e.after.duplicates} repeat(s)` : ''})` };
    case 'statement.recorded':
      return { summary: `statement of reasons recorded (${e.after.sourceType}, ${e.after.decisionGround})${e.after.sent ? '' : ': not sent, no Transparency Database configured'}` };
    case 'statement.batch_queued':
      return { summary: `${e.after.puids.length} statement(s) of reasons queued for the Transparency Database` };
    case 'statement.delivered':
      return { summary: `${e.after.statements.length} statement(s) of reasons held by the Transparency Database` };
    case 'statement.refused':
      return { summary: `the Transparency Database refused the statement of reasons: ${Object.keys(e.after.fields).join(', ')}` };
    case 'statement.delivery_failed':
      return { summary: `${e.after.puids.length} statement(s) of reasons could not be delivered: ${e.reason ?? ''}` };
    case 'bulk.proposed':
      return { summary: `bulk ${e.after.kind} proposed over ${e.after.targets} account(s)${e.after.restoresBulkId ? `, restoring bulk ${e.after.restoresBulkId}` : ''}` };
    case 'bulk.completed':
      return { summary: `bulk done: ${e.after.executed} executed, ${e.after.waiting} waiting for approvals, ${e.after.refused} refused` };
    case 'notification.delivery_failed':
      return { summary: `${e.after.notificationIds.length} notification(s) to ${e.after.staffId} could not be delivered: ${e.reason ?? ''}` };
    // shown by their action and reason: what they record is in the entry's details
    case 'accounts.imported':
    case 'account.reach_fell':
    case 'alert.delivery_failed':
    case 'notification.preferences_set':
    case 'case.lease_renewed':
    case 'case.commented':
    case 'case.lease_expired':
    case 'case.claim_voided':
    case 'policy.activated':
    case 'policy.frozen':
    case 'policy.unfrozen':
    case 'session.login':
    case 'session.login_refused':
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
    case 'staff.enrolment_started':
    case 'staff.enrolment_sent':
    case 'staff.enrolment_undelivered':
    case 'staff.enrolment_redeemed':
    case 'staff.enrolment_redeem_failed':
    case 'staff.enrolment_revoked':
    case 'staff.token_revoked':
    case 'staff.bootstrapped':
    case 'tripwire.drift_detected':
    case 'tripwire.reverted':
    case 'tripwire.revert_failed':
    case 'tripwire.superseded':
      return { summary: genericSummary(e) };
    default:
      return unhandledEvent(e);
  }
}
