/**
 * Every catalogued audit event, written by its constructors from made-up
 * domain values: `SAMPLES` is a record over every action of the catalog, so a
 * new event does not compile here until it has samples (and
 * test/audit-catalog.test.ts then checks that they decode).
 */
import { accountReachFell, accountTierSet, accountsImported } from '../../src/accounts/events.js';
import {
  actionClosed,
  actionDelivered,
  actionDeliveryFailed,
  actionExecuted,
  actionLapsed,
  actionProposed,
  actionRefused,
  actionRejected,
  actionScheduled,
  actionVoidedWithProposer,
  approvalRefused,
  approvalVoided,
  approvalsLapsed,
  reversalProposed,
  verdictGiven,
} from '../../src/actions/events.js';
import type { ExecutionCheck } from '../../src/actions/execution.js';
import type { Action, ActionBase } from '../../src/actions/store.js';
import { alertAcknowledged, alertRaised, alertUndelivered } from '../../src/alerts/events.js';
import { type AuditInput, SYSTEM } from '../../src/audit/model.js';
import { appealDecided, appealDecisionRefused, appealFiled, appealOverdue, appealReversalExecuted } from '../../src/appeals/events.js';
import { strikeRecorded, strikeReversed, strikeThresholdReached } from '../../src/strikes/events.js';
import { misuseThresholdReached, reportsIgnored, standingChanged } from '../../src/reporters/events.js';
import { statementBatchQueued, statementRecorded, statementRefused, statementsDelivered, statementsUndelivered } from '../../src/statements/events.js';
import type { DsaStatement } from '../../src/statements/model.js';
import { staffActor } from '../../src/cases/rows.js';
import { bulkCompleted, bulkProposed } from '../../src/actions/bulk-events.js';
import {
  caseBrigadeFlagged,
  caseClaimVoided,
  caseClaimed,
  caseCommented,
  caseLeaseExpired,
  caseLeaseRenewed,
  caseOpened,
  caseReleased,
  reportsReceived,
  caseReopened,
  caseRerouted,
  caseReroutedBySeverity,
  caseReroutedForTier,
  caseResolved,
} from '../../src/cases/events.js';
import {
  enrolmentRedeemed,
  enrolmentRevoked,
  enrolmentSent,
  enrolmentStarted,
  enrolmentUndelivered,
  redeemFailed,
  staffBootstrapped,
  tokenRevoked,
} from '../../src/credentials/events.js';
import type { WardenAction, WardenEvent } from '../../src/events.js';
import type { Decision, EffectFacts } from '../../src/policy/model.js';
import { freezeSet, policyActivated, shippedPolicyActivated } from '../../src/policy/events.js';
import { batchDelivered, batchQueued, batchUndelivered, noticeQueued, outcomesRecorded } from '../../src/notices/events.js';
import { messageUndelivered, preferencesSet } from '../../src/notifications/events.js';
import { NO_PREFERENCES } from '../../src/notifications/model.js';
import { loggedIn, loginFailed, loginRefused, sessionEnded, sessionSteppedUp, stepUpFailed, passwordSet, totpEnrolled } from '../../src/sessions/events.js';
import { accessEnded, accessRevoked, staffCreated, staffOffboarded, tokenIssued } from '../../src/staff/events.js';
import type { Staff } from '../../src/staff/model.js';
import { driftDetected, driftSettled } from '../../src/tripwires/events.js';
import type { Observation } from '../../src/tripwires/model.js';

const T = 1_800_000_000_000;
const lead: Staff = { id: 'stf_lead', name: 'Lee', email: 'lee@example.test', role: 'lead', employment: 'employee', access: { from: T - 1, until: null }, offboardedAt: null, createdAt: T - 1 };
const contractor: Staff = { ...lead, id: 'stf_con', role: 'agent', employment: 'contractor', access: { from: T - 1, until: T + 3_600_000 } };
const me = { kind: 'staff', id: lead.id } as const;

const decision: Decision = { allowed: true, policyVersion: 'pv1', rules: [{ id: 'leads-may', effect: 'permit', reason: 'leads may' }] };
const denied: Decision = { allowed: false, policyVersion: 'pv1', rules: [{ id: 'no-contractors', effect: 'forbid', reason: 'not contractors' }] };
const effect: EffectFacts = { fromStatus: 'active', toStatus: 'suspended', restricts: true, durationMs: 86_400_000 };
const noEffect: EffectFacts = { fromStatus: '', toStatus: '', restricts: false, durationMs: 0 };

const base: ActionBase = {
  id: 'act_1',
  targetType: 'account',
  targetId: 'acct_1',
  caseId: 7,
  reasonCode: 'harassment',
  justification: 'a long enough justification',
  state: 'approved',
  proposer: { kind: 'staff', id: contractor.id },
  proposedAt: T,
  scheduledFor: null,
  expiresAt: T + 86_400_000,
  priorState: null,
  resultState: null,
  executedAt: null,
  deliveredAt: null,
  closedReason: null,
  reversesActionId: null,
  policyVersion: 'pv1',
  lastDecision: null,
  followers: 10,
  updatedAt: T,
};
const action: Action = { ...base, kind: 'suspend', params: { durationMs: 86_400_000 } };
const onStaff = { ...base, id: 'act_2', targetType: 'staff', targetId: contractor.id, justification: '' } as const;
const grant: Action = { ...onStaff, kind: 'grant_role', params: { role: 'lead' } };
const check: ExecutionCheck = {
  at: T,
  policyVersion: 'pv1',
  effect,
  proposer: decision,
  execute: decision,
  approvals: [
    { approval: { id: 1, actionId: action.id, approverId: lead.id, verdict: 'approve', comment: '', at: T, expiresAt: T + 1, voidedAt: null, voidedReason: null }, counts: true, why: 'counts' },
    { approval: { id: 2, actionId: action.id, approverId: 'stf_x', verdict: 'approve', comment: '', at: T, expiresAt: T + 1, voidedAt: null, voidedReason: null }, counts: false, why: 'not independent' },
  ],
  allowed: true,
  requirements: [],
  missing: null,
};
const proposal = { kind: 'suspend', targetId: 'acct_1', reasonCode: 'harassment', justification: 'a long enough justification' } as const;
const staffPrincipal = { type: 'Staff', id: lead.id, role: 'lead', employment: 'employee', accessActive: true } as const;
const suspended = { status: 'suspended', statusUntil: T + 86_400_000 } as const;
const active = { status: 'active', statusUntil: null } as const;
const obs: Observation = { accountId: 'acct_1', status: 'deactivated', statusUntil: null, version: 9, changedAt: T, via: 'webhook', evidence: { source: 'webhook', messageId: 'msg_1' } };
const platform = { id: 'acct_1', handle: 'one', displayName: 'One', followers: 10, verified: false, status: 'active', statusUntil: null, version: 10, updatedAt: T } as const;
const session = { id: 'ses_1', staffId: lead.id, method: 'password', address: '127.0.0.1', expiresAt: T + 1 } as const;
const caseRow = { id: 7, account_id: 'acct_1', queue: 'safety', area: 'safety', claimed_by: lead.id, lease_until: T + 1 } as const;
const endOfAccess = { staffId: contractor.id, tokensRevoked: 1, actionsVoided: ['act_1'], approvalsVoided: [3], claimsReleased: [7], elevationsRevoked: 0, sessionsEnded: ['ses_1'] };

const SERVICE = { kind: 'service' as const, id: 'platform' };
const strike = { id: 1, accountId: 'acct_1', actionId: 'act_1', recordedAt: T, expiresAt: T + 86_400_000, reversedAt: null, reversedByActionId: null };

type Samples = { [A in WardenAction]: AuditInput<WardenEvent>[] };

const sampleStatement = sampleStatementOf();

export const SAMPLES: Samples = {
  'accounts.imported': [accountsImported(SYSTEM, { created: 2, updated: 0, unchanged: 1, tierChanges: 1, statusChanges: 0, statusesNotAdopted: 0, reachFalls: 0 }, 'import')],
  'account.tier_set': [accountTierSet(SYSTEM, 'acct_1', 'critical', 'import')],
  'account.reach_fell': [accountReachFell(SYSTEM, { id: 'acct_1', tier: 'elevated', followers: 100, followersNow: 10, peak: 100 }, 'sync')],
  'action.proposed': [
    actionProposed(contractor, action.id, proposal, { state: 'awaiting_approval', params: action.params, effect, decision, requirements: [], proposer: staffPrincipal }),
    actionProposed(lead, 'act_3', { ...proposal, kind: 'change_policy', targetId: 'active', justification: '' }, {
      state: 'approved',
      params: { policyFiles: ['a.cedar'] },
      effect: noEffect,
      decision,
      requirements: [],
      proposer: { type: 'System', id: 'warden' },
    }),
    reversalProposed('act_4', action, T + 86_400_000, active),
  ],
  'action.refused': [actionRefused(contractor, proposal, denied), actionRefused(contractor, { ...proposal, kind: 'elevate', targetId: lead.id }, denied)],
  'approval.given': [verdictGiven(lead, action.id, { approvalId: 1, verdict: 'approve', approver: staffPrincipal, decision }, 'fine')],
  'approval.rejected': [verdictGiven(lead, action.id, { approvalId: 1, verdict: 'reject', approver: staffPrincipal, decision }, '')],
  'approval.refused': [
    approvalRefused(contractor, action.id, { verdict: 'approve', decision: denied, isProposer: true, dependence: null }, ''),
    approvalRefused(lead, action.id, { verdict: 'approve', decision: denied, isProposer: false, dependence: 'their record was made by the proposer' }, 'ok'),
  ],
  'approval.voided': [approvalVoided({ id: 3, actionId: action.id }, lead.id, 'offboarded')],
  'action.rejected': [actionRejected(lead, action.id, 'awaiting_approval', 'rejected', 'no')],
  'action.awaiting_approval': [approvalsLapsed(action, 'awaiting_approval', check)],
  'action.scheduled': [actionScheduled({ ...action, scheduledFor: T + 1 }, 'scheduled', check)],
  'action.executed': [
    actionExecuted(action, { state: 'executed', check, trigger: 'approval', prior: active, result: suspended, changed: { reversal: 'act_4' } }),
    actionExecuted(grant, { state: 'executed', check, trigger: 'proposed', prior: null, result: null, changed: { role: { from: 'agent', to: 'lead' } } }),
    actionExecuted({ ...onStaff, kind: 'set_tier', targetType: 'account', params: { tier: 'critical' } }, { state: 'executed', check, trigger: 'schedule', prior: null, result: null, changed: { tier: { from: 'standard', to: 'critical' } } }),
    actionExecuted({ ...onStaff, kind: 'set_access', params: { accessUntil: T } }, { state: 'executed', check, trigger: 'approval', prior: null, result: null, changed: { access: { from: null, to: T } } }),
    actionExecuted({ ...onStaff, kind: 'elevate', params: { role: 'lead', hours: 2 } }, { state: 'executed', check, trigger: 'approval', prior: null, result: null, changed: { elevation: { id: 'elv_1', role: 'lead', endsAt: T } } }),
    actionExecuted({ ...onStaff, kind: 'change_policy', targetType: 'policy', params: { policyFiles: { 'a.cedar': '' } } }, { state: 'executed', check, trigger: 'approval', prior: null, result: null, changed: { policyVersion: 'pv2' } }),
    actionExecuted({ ...base, proposer: { kind: 'system', id: 'warden' }, kind: 'restore', params: { restoresActionId: 'act_1', restoreTo: suspended } }, { state: 'executed', check, trigger: 'schedule', prior: suspended, result: active, changed: {} }),
  ],
  'action.delivered': [actionDelivered(action.id, 'executed', 'delivered', { applied: true, attempts: 1, platformVersion: 10 })],
  'action.delivery_failed': [actionDeliveryFailed(action.id, 'executed', 'failed', 'platform said 400')],
  'action.lapsed': [actionLapsed(action.id, 'executed', 'lapsed', 'its end passed')],
  'action.voided': [actionVoidedWithProposer(action, 'voided', 'offboarded'), actionClosed(action, 'void', 'voided', 'policy re-check', check)],
  'action.expired': [actionClosed(action, 'expire', 'expired', 'not approved in time')],
  'alert.raised': [
    alertRaised(SYSTEM, { id: 5, kind: 'unauthorized_change', severity: 'critical', subject: { type: 'account', id: 'acct_1' }, summary: 'changed', details: { driftId: 1 }, createdAt: T, acknowledgedAt: null, acknowledgedBy: null }),
  ],
  'alert.acknowledged': [alertAcknowledged(lead.id, 5, T)],
  'alert.delivery_failed': [alertUndelivered(5, 3, 'no channel took it')],
  'case.opened': [caseOpened({ kind: 'service', id: 'platform' }, caseRow, 'standard')],
  'case.claimed': [caseClaimed(lead, 7, T + 1)],
  'case.lease_renewed': [caseLeaseRenewed(lead, 7, T, T + 1)],
  'case.released': [caseReleased(lead, 7, lead.id, null), caseReleased(lead, 7, contractor.id, 'handing over')],
  'case.resolved': [caseResolved(lead, 7, 'claimed', 'resolved', 'actioned', 'suspended')],
  'case.rerouted': [
    caseRerouted(lead, caseRow, 'integrity', 'wrong queue'),
    caseReroutedForTier(caseRow, { queue: 'critical', claimedBy: null, tier: 'critical' }, 'action act_2'),
    caseReroutedBySeverity(caseRow, { queue: 'safety', area: 'safety' }),
  ],
  'case.commented': [caseCommented(lead, 7, 1, 'looking')],
  'case.lease_expired': [caseLeaseExpired(caseRow)],
  'case.claim_voided': [caseClaimVoided(7, contractor.id, 'offboarded')],
  'case.reopened': [caseReopened(lead, { id: 7, status: 'resolved', resolution: 'no_violation' }, { queue: 'safety', appealId: 'apl_1' }, 'the report was right')],
  'case.brigade_flagged': [caseBrigadeFlagged(7, 600, { brigadeWindowMs: 300_000, brigadeThreshold: 500 })],
  'reports.received': [
    reportsReceived({ kind: 'service', id: 'platform' }, [
      { id: 41, category: 'spam', duplicate: false },
      { id: 42, category: 'spam', duplicate: true },
      { id: 43, category: 'hate', duplicate: false },
    ]),
    reportsReceived({ kind: 'service', id: 'platform' }, [
      { id: 44, category: 'hate', duplicate: false, trustedFlagger: true },
      { id: 45, category: 'spam', duplicate: false, ignored: true },
    ]),
  ],
  'staff.enrolment_started': [enrolmentStarted(me, contractor, { id: 'enr_1', issuedBy: lead.id, expiresAt: T + 1 })],
  'staff.enrolment_sent': [enrolmentSent({ staffId: contractor.id, enrolmentId: 'enr_1', email: contractor.email }, 1)],
  'staff.enrolment_undelivered': [enrolmentUndelivered({ staffId: contractor.id, enrolmentId: 'enr_1' }, 5, 'relay down')],
  'staff.enrolment_redeemed': [
    enrolmentRedeemed({ kind: 'staff', id: contractor.id }, contractor.id, { enrolmentId: 'enr_1', issuedBy: lead.id, tokenId: 'tok_1', passwordSet: true, totpEnrolled: true, address: '::1' }),
  ],
  'staff.enrolment_redeem_failed': [redeemFailed('wrong_secret', '::1', 'enr_1', contractor.id), redeemFailed('malformed', '::1', null, null)],
  'staff.enrolment_revoked': [enrolmentRevoked(me, contractor.id, 'enr_1'), enrolmentRevoked(me, contractor.id, 'enr_1', 'superseded by a new enrolment')],
  'staff.token_revoked': [tokenRevoked(me, contractor.id, { id: 'tok_1', label: 'laptop' })],
  'staff.bootstrapped': [staffBootstrapped({ id: 'stf_adm', role: 'admin' }, 0)],
  'policy.activated': [shippedPolicyActivated('pv1', ['a.cedar']), policyActivated('pv1', 'pv2', ['a.cedar', 'b.cedar'], 'act_3')],
  'policy.frozen': [freezeSet(me, false, true, 'incident')],
  'policy.unfrozen': [freezeSet(me, true, false, 'over')],
  'session.login': [loggedIn(lead, session, 'a browser')],
  'session.login_refused': [loginRefused(contractor, 'ended', 'oidc', '::1')],
  'session.login_failed': [
    loginFailed({ email: 'x@example.test', address: '::1', userAgent: 'ua', staff: null }, 'unknown_email'),
    loginFailed({ email: lead.email, address: '::1', userAgent: 'ua', staff: lead }, 'oidc_refused', 'no such subject'),
  ],
  'session.logout': [sessionEnded(me, session, 'logged_out')],
  'session.ended': [sessionEnded(SYSTEM, session, 'idle')],
  'session.step_up': [sessionSteppedUp(session, T + 1)],
  'session.step_up_failed': [stepUpFailed(session, 'totp_replayed', '::1')],
  'staff.password_set': [passwordSet(me, lead.id)],
  'staff.totp_enrolled': [totpEnrolled(me, lead.id)],
  'staff.created': [staffCreated(SYSTEM, lead)],
  'staff.token_issued': [tokenIssued(me, lead.id, { id: 'tok_1', label: 'cli', issuedBy: lead.id, enrolmentId: null }), tokenIssued(me, lead.id, { id: 'tok_2', label: 'e', issuedBy: lead.id, enrolmentId: 'enr_1' })],
  'staff.offboarded': [staffOffboarded(me, contractor, T, T, 'contract over')],
  'staff.access_ended': [accessEnded(contractor.id, T)],
  'staff.access_revoked': [accessRevoked(endOfAccess, 'offboarded: contract over')],
  'notice.queued': [
    noticeQueued(me, { id: 'ntc_1', subject: 'enforcement', recipient: { kind: 'owner', accountId: 'acct_1' }, accountId: 'acct_1', actionId: 'act_1', caseId: 7, appealId: null }),
    noticeQueued(SYSTEM, { id: 'ntc_2', subject: 'appeal_outcome', recipient: { kind: 'reporter', reporterId: 'rep_1' }, accountId: null, actionId: null, caseId: null, appealId: 'apl_1' }),
  ],
  'notice.outcomes_recorded': [outcomesRecorded(me, 7, { actionTaken: false, noticeIds: ['ntc_3', 'ntc_4'], contestDeadline: T + 1 })],
  'notice.batch_queued': [batchQueued('nbt_1', { kind: 'reporter', reporterId: 'rep_1' }, ['ntc_3', 'ntc_4'])],
  'notice.delivered': [batchDelivered('nbt_1', { noticeIds: ['ntc_3'], language: 'de', stored: true, attempts: 2 })],
  'notice.delivery_failed': [batchUndelivered('nbt_1', ['ntc_3'], 40, 'HTTP 400')],
  'statement.recorded': [statementRecorded(me, sampleStatement, true), statementRecorded(SYSTEM, { ...sampleStatement, source_type: 'SOURCE_VOLUNTARY' }, false)],
  'statement.batch_queued': [statementBatchQueued('sbt_1', ['act_1', 'act_2'])],
  'statement.delivered': [statementsDelivered('sbt_1', [{ puid: 'act_1', uuid: '7d0d0f7c-3ba9-45ba-966a-ec621eb17225', existing: false }, { puid: 'act_2', uuid: null, existing: true }], 2)],
  'statement.refused': [statementRefused('act_3', 'sbt_1', { decision_ground: ['The selected decision ground is invalid.'] })],
  'statement.delivery_failed': [statementsUndelivered('sbt_1', ['act_1'], 40, 'the Transparency Database answered 401: Unauthenticated.')],
  'notification.preferences_set': [
    preferencesSet('stf_lead', null, { ...NO_PREFERENCES, webhook: { url: 'https://hooks.example/w?t=1', secret: 'whsec_x' }, updatedAt: T }),
    preferencesSet('stf_lead', { ...NO_PREFERENCES, slackUrl: 'https://hooks.slack.test/T/B/x', updatedAt: T }, { ...NO_PREFERENCES, modes: { ...NO_PREFERENCES.modes, alert_raised: 'off' }, updatedAt: T + 1 }),
  ],
  'notification.delivery_failed': [messageUndelivered('snm_1', { staffId: 'stf_lead', notificationIds: ['snt_1', 'snt_2'], attempts: 3 }, 'webhook: HTTP 410')],
  'tripwire.drift_detected': [driftDetected(obs, active, 8, 'revert', 1)],
  'tripwire.reverted': [driftSettled(obs, 'detected', { state: 'reverted', revertedAt: T, revertVersion: 10, error: null, now: platform }, { expected: active, driftId: 1, key: 'k' })],
  'tripwire.revert_failed': [driftSettled(obs, 'detected', { state: 'revert_failed', revertedAt: null, revertVersion: null, error: 'down', now: null }, { expected: active, driftId: 1, key: 'k' })],
  'tripwire.superseded': [driftSettled(obs, 'revert_failed', { state: 'superseded', revertedAt: null, revertVersion: null, error: 'moved on', now: null }, { expected: active, driftId: 1, key: 'k' })],
  'appeal.filed': [
    appealFiled(SERVICE, { id: 'apl_1', appellant: { kind: 'owner', id: 'acct_1' }, accountId: 'acct_1', actionId: 'act_1', originalCaseId: 7, reportId: null, caseId: 8, deadlineAt: T + 1, statement: 'not me' }),
    appealFiled(SERVICE, { id: 'apl_2', appellant: { kind: 'reporter', id: 'rep_1' }, accountId: 'acct_1', actionId: null, originalCaseId: 7, reportId: 3, caseId: 9, deadlineAt: T + 1, statement: 'look again' }),
  ],
  'appeal.decision_refused': [appealDecisionRefused(staffActor(lead), 'apl_1', { outcome: 'granted', decision, ineligible: [{ staffId: lead.id, role: 'proposer', why: 'proposed it' }] }, 'right')],
  'appeal.decided': [
    appealDecided(staffActor(lead), 'apl_1', { outcome: 'granted', decision, reversalActionId: 'act_9', reconsideredCaseId: null, strikeReversed: false }, 'the owner was right'),
    appealDecided(staffActor(lead), 'apl_2', { outcome: 'denied', decision, reversalActionId: null, reconsideredCaseId: null, strikeReversed: false }, 'nothing new'),
  ],
  'appeal.reversal_executed': [appealReversalExecuted('apl_1', { reversalActionId: 'act_9', actionId: 'act_1', strikeReversed: true })],
  'appeal.overdue': [appealOverdue('apl_1', { alertId: 4, filedAt: T, decideWithinMs: 604_800_000 })],
  'strike.recorded': [strikeRecorded(staffActor(lead), strike, 1)],
  'strike.reversed': [strikeReversed(staffActor(lead), strike, { at: T + 2, byActionId: 'act_9', appealId: 'apl_1', liveStrikes: 0 }), strikeReversed(staffActor(lead), strike, { at: T + 2, byActionId: null, appealId: 'apl_2', liveStrikes: 0 })],
  'bulk.proposed': [
    bulkProposed(lead, { id: 'blk_1', kind: 'suspend', reasonCode: 'spam', targets: 3, restoresBulkId: null }, 'a spam wave from one network'),
    bulkProposed(lead, { id: 'blk_2', kind: 'restore', reasonCode: 'error_correction', targets: 2, restoresBulkId: 'blk_1' }, 'the wave was a false positive'),
  ],
  'bulk.completed': [bulkCompleted(lead, 'blk_1', { executed: 2, waiting: 1, refused: 0 })],
  'strike.threshold_reached': [
    strikeThresholdReached('acct_1', { liveStrikes: 3, threshold: 3, suggestedActionId: 'act_8', rules: decision.rules, why: '3 live strikes' }),
    strikeThresholdReached('acct_1', { liveStrikes: 3, threshold: 3, suggestedActionId: null, rules: [], why: 'the policy refused' }),
  ],
  'reporter.standing_changed': [
    standingChanged(staffActor(lead), 'rep_1', { trustedFlagger: false, warnedAt: null, suspendedUntil: null }, { trustedFlagger: true, warnedAt: null, suspendedUntil: null }, { reporterId: 'rep_1', change: 'trusted_flagger_added' }, 'act_7'),
  ],
  'reporter.misuse_threshold_reached': [
    misuseThresholdReached('rep_2', { misuse: { unfounded: 6, decided: 7, total: 9, since: T - 1000, windowMs: 1000 }, suggestedActionId: 'act_6', rules: decision.rules, why: '6 of 7 unfounded' }),
  ],
  'reporter.reports_ignored': [reportsIgnored(SYSTEM, 'rep_2', [41, 42], { until: T + 5000, actionId: 'act_5' })],
};

function sampleStatementOf(): DsaStatement {
  return {
    decision_account: 'DECISION_ACCOUNT_SUSPENDED',
    end_date_account_restriction: '2026-12-15',
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: 'Terms of service: rules against spam',
    incompatible_content_explanation: 'bulk',
    incompatible_content_illegal: 'No',
    category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
    content_type: ['CONTENT_TYPE_OTHER'],
    content_type_other: 'the account as a whole',
    territorial_scope: ['DE'],
    content_date: '2026-01-01',
    application_date: '2026-12-08',
    decision_facts: 'facts',
    source_type: 'SOURCE_ARTICLE_16',
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    puid: 'act_1',
  };
}
