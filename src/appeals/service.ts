/**
 * Filing and deciding appeals. An appeal is filed by the platform for its
 * user (the owner of an account an action was on, or a reporter whose case
 * was resolved without action) within its window, and worked as a case in
 * the appeals queue. Whoever decides it holds a live claim on that case and
 * is asked of the policy whether they are independent of the decision
 * contested (`decide_appeal`, policies/operations/appeals.cedar). Granting an
 * owner's appeal proposes the restore that undoes the action, through the
 * same guard as any proposal; granting a reporter's reopens the case. Each
 * change is audited in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ActionService } from '../actions/service.js';
import { EXECUTED_STATES, isEnforcement } from '../actions/model.js';
import { RESTORABLE_KINDS } from '../actions/kinds.js';
import { type Action, findAction } from '../actions/store.js';
import { accountById } from '../accounts/store.js';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { instantText } from '../bounds.js';
import type { AppealCases } from '../cases/appeal-cases.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import { DomainError, conflict, forbidden, invalidInput } from '../errors.js';
import { type Authorizer, refusal, staffCaller } from '../policy/authorizer.js';
import type { Staff } from '../staff/model.js';
import type { StrikeService } from '../strikes/service.js';
import { type AppealAuditEvent, appealDecided, appealDecisionRefused, appealFiled, appealReversalExecuted } from './events.js';
import { type AppealInput, type AppealOutcome, nextAppealState, reporterAppealKey } from './model.js';
import { isMisuseKind } from '../reporters/model.js';
import { type Appeal, appealById, asPolicyFacts, ineligibleFor, rowToAppeal } from './rows.js';
import { appealDeadline } from './window.js';

/** What the appellant is told, once the appeal is decided (the notices concept delivers it). */
export interface AppealOutcomeMessage {
  appealId: string;
  recipient: { kind: 'owner'; accountId: string } | { kind: 'reporter'; reporterId: string };
  outcome: AppealOutcome;
  reasons: string;
  actionId: string | null;
  caseId: number | null;
}
export type OnDecided = (tx: Db, message: AppealOutcomeMessage, now: number) => Promise<void>;
/** Told of a new appeal in the filing's transaction (those who may decide it hear of it). */
export type OnFiled = (tx: Db, appeal: Appeal) => Promise<void>;

export interface Decided {
  appeal: Appeal;
  /** a granted owner's appeal: the restore proposed, as the guard left it (executed, or awaiting approvals) */
  reversal: Action | null;
}

const NOT_ACTED = ['no_violation', 'brigade_dismissed'] as const;

export class AppealService {
  private readonly onDecided: OnDecided[] = [];
  private readonly onFiled: OnFiled[] = [];

  constructor(
    private readonly audit: AuditAppender<AppealAuditEvent>,
    private readonly deps: { actions: ActionService; appealCases: AppealCases; strikes: StrikeService; authorizer: Authorizer },
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly config: Pick<Config, 'appeals'>,
  ) {}

  /** Telling the appellant: each listener is called in the decision's transaction (an outbox row commits with it). */
  whenDecided(fn: OnDecided): void {
    this.onDecided.push(fn);
  }

  whenFiled(fn: OnFiled): void {
    this.onFiled.push(fn);
  }

  async file(tx: Db, actor: Actor, input: AppealInput): Promise<Appeal> {
    const now = this.clock.now();
    const asReporter = input as Extract<AppealInput, { appellant: { kind: 'reporter' } }>;
    const filed =
      input.appellant.kind === 'owner'
        ? await this.ownerAppeal(tx, input as Extract<AppealInput, { actionId: string }>, now)
        : asReporter.actionId !== undefined
          ? await this.standingAppeal(tx, asReporter.appellant.reporterId, asReporter.actionId, now)
          : await this.reporterAppeal(tx, asReporter, now);
    // a measure on a reporter's reporting is on no account: its appeal is worked as a standard one
    const account = filed.onAccount ? await accountById(tx, filed.accountId) : { tier: 'standard' as const };
    const original = filed.originalCaseId === null ? undefined : await tx.selectFrom('cases').select(['area', 'priority']).where('id', '=', filed.originalCaseId).executeTakeFirst();
    const kase = await this.deps.appealCases.openAppealCase(tx, actor, { accountId: filed.accountId, tier: account.tier, area: original?.area ?? 'general', priority: original?.priority ?? 0 });
    const id = `apl_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const row = await tx
      .insertInto('appeals')
      .values({
        id,
        case_id: kase.id,
        appellant_kind: input.appellant.kind,
        appellant_id: filed.appellantId,
        account_id: filed.accountId,
        action_id: filed.actionId,
        original_case_id: filed.originalCaseId,
        report_id: filed.reportId,
        statement: input.statement,
        state: 'open',
        filed_at: now,
        deadline_at: filed.deadlineAt,
        decided_at: null,
        decided_by: null,
        reasons: null,
        reversal_action_id: null,
        reconsidered_case_id: null,
        overdue_alert_id: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const appeal = rowToAppeal(row);
    await this.audit.append(tx, appealFiled(actor, { ...appeal, appellant: appeal.appellant }));
    for (const fn of this.onFiled) await fn(tx, appeal);
    return appeal;
  }

  private async ownerAppeal(tx: Db, input: Extract<AppealInput, { actionId: string }>, now: number) {
    const action = await findAction(tx, input.actionId);
    if (!action) throw invalidInput([{ path: 'actionId', message: `action ${input.actionId} does not exist` }]);
    if (action.targetType !== 'account' || !isEnforcement(action.kind) || action.kind === 'restore' || !EXECUTED_STATES.includes(action.state) || action.executedAt === null) {
      throw invalidInput([{ path: 'actionId', message: `action ${input.actionId} is not an executed enforcement on an account (it is a ${action.kind}, ${action.state})` }]);
    }
    if (action.targetId !== input.appellant.accountId) {
      throw forbidden(`action ${input.actionId} was not taken on account ${input.appellant.accountId}: only its owner may appeal it`, { field: 'appellant.accountId' });
    }
    const deadlineAt = appealDeadline(action.kind, action.executedAt, this.config);
    await this.requireNoAppeal(tx, 'action_id', action.id, `action ${action.id}`);
    this.requireWithin(deadlineAt, now, `action ${action.id} (${action.kind}, executed ${instantText(action.executedAt)})`);
    return { appellantId: action.targetId, accountId: action.targetId, actionId: action.id, originalCaseId: action.caseId, reportId: null, deadlineAt, onAccount: true };
  }

  /** A reporter contests a warning or a suspension of their reporting (DSA Art. 23), within the window for decisions not to act. */
  private async standingAppeal(tx: Db, reporterId: string, actionId: string, now: number) {
    const action = await findAction(tx, actionId);
    if (!action) throw invalidInput([{ path: 'actionId', message: `action ${actionId} does not exist` }]);
    if (!isMisuseKind(action.kind) || !EXECUTED_STATES.includes(action.state) || action.executedAt === null) {
      throw invalidInput([{ path: 'actionId', message: `action ${actionId} is not an executed warning or suspension of reporting (it is a ${action.kind}, ${action.state})` }]);
    }
    if (action.targetId !== reporterId) throw forbidden(`action ${actionId} was not taken against reporter ${reporterId}: only they may appeal it`, { field: 'appellant.reporterId' });
    const deadlineAt = appealDeadline('no_action', action.executedAt, this.config);
    await this.requireNoAppeal(tx, 'action_id', action.id, `action ${action.id}`);
    this.requireWithin(deadlineAt, now, `action ${action.id} (${action.kind}, executed ${instantText(action.executedAt)})`);
    return { appellantId: reporterId, accountId: reporterAppealKey(reporterId), actionId: action.id, originalCaseId: null, reportId: null, deadlineAt, onAccount: false };
  }

  private async reporterAppeal(tx: Db, input: Extract<AppealInput, { appellant: { kind: 'reporter' } }>, now: number) {
    const reporterId = input.appellant.reporterId;
    let caseId = input.caseId ?? null;
    if (input.reportId !== undefined) {
      const report = await tx.selectFrom('reports').select(['case_id', 'reporter_id']).where('id', '=', input.reportId).executeTakeFirst();
      if (!report) throw invalidInput([{ path: 'reportId', message: `report ${input.reportId} does not exist` }]);
      if (report.reporter_id !== reporterId) throw forbidden(`report ${input.reportId} was not filed by reporter ${reporterId}`, { field: 'appellant.reporterId' });
      caseId = report.case_id;
    }
    const kase = await tx.selectFrom('cases').selectAll().where('id', '=', caseId!).executeTakeFirst();
    if (!kase) throw invalidInput([{ path: 'caseId', message: `case ${caseId} does not exist` }]);
    const theirs = await tx.selectFrom('reports').select('id').where('case_id', '=', kase.id).where('reporter_id', '=', reporterId).executeTakeFirst();
    if (!theirs) throw forbidden(`reporter ${reporterId} reported nothing folded into case ${kase.id}: only its reporters may appeal its outcome`, { field: 'appellant.reporterId' });
    if (kase.status !== 'resolved' || kase.resolved_at === null || !NOT_ACTED.some((r) => r === kase.resolution)) {
      const state = kase.status === 'resolved' ? `resolved ${kase.resolution}` : `still ${kase.status}`;
      throw new DomainError('conflict', `case ${kase.id} is ${state}: a reporter appeals only a decision not to act`, { field: 'caseId' });
    }
    const deadlineAt = appealDeadline('no_action', kase.resolved_at, this.config);
    await this.requireNoAppeal(tx, 'original_case_id', kase.id, `case ${kase.id}`, 'reporter');
    this.requireWithin(deadlineAt, now, `the decision not to act on case ${kase.id} (resolved ${instantText(kase.resolved_at)})`);
    return { appellantId: reporterId, accountId: kase.account_id, actionId: null, originalCaseId: kase.id, reportId: input.reportId ?? null, deadlineAt, onAccount: true };
  }

  /** One open appeal per action (per case for reporters); and a decided one is final here. */
  private async requireNoAppeal(tx: Db, column: 'action_id' | 'original_case_id', value: string | number, what: string, kind?: 'reporter') {
    let q = tx.selectFrom('appeals').select(['id', 'state', 'decided_at']).where(column, '=', value as never).orderBy('filed_at', 'desc');
    if (kind) q = q.where('appellant_kind', '=', kind);
    const earlier = await q.executeTakeFirst();
    if (!earlier) return;
    if (earlier.state === 'open') throw conflict(`${what} already has an open appeal, ${earlier.id}: it is decided before another is heard`, { appealId: earlier.id });
    throw conflict(`${what} was appealed already (${earlier.id}, ${earlier.state} at ${instantText(earlier.decided_at)}): an appeal is decided once`, { appealId: earlier.id });
  }

  private requireWithin(deadlineAt: number, now: number, what: string) {
    if (now <= deadlineAt) return;
    const deadline = instantText(deadlineAt);
    throw new DomainError('conflict', `the appeal window for ${what} closed at ${deadline}`, { deadline, field: 'actionId' });
  }

  /**
   * Decide an appeal. The policy judges the person first — an appeal is
   * decided only by someone independent of the decision contested — then the
   * claim on its case; denying closes it with the reasons, granting reverses.
   */
  async decide(tx: Db, staff: Staff, id: string, outcome: AppealOutcome, reasons: string): Promise<Decided> {
    const now = this.clock.now();
    const appeal = await appealById(tx, id, this.dialect === 'postgres');
    const state = nextAppealState(appeal.state, { type: 'decide', outcome });
    const ineligible = await ineligibleFor(tx, appeal, staff.id, now);
    const decision = this.deps.authorizer.decideAppeal({ id: staff.id, ...staffCaller(staff, now) }, asPolicyFacts(ineligible));
    if (!decision.allowed) {
      const mine = ineligible.filter((p) => p.staffId === staff.id).map((p) => p.why);
      const err = refusal(`${staff.id} may not decide appeal ${id}${mine.length ? ` (${staff.id} ${mine.join(' and ')})` : ''}`, decision, { appealId: id });
      err.message = `${err.message} [${decision.rules.map((r) => r.id).join(', ')}]`;
      err.auditOnRollback = (db) => this.audit.append(db, appealDecisionRefused({ kind: 'staff', id: staff.id }, id, { outcome, decision, ineligible }, reasons));
      throw err;
    }
    await this.deps.appealCases.requireAppealClaim(tx, staff, appeal.caseId);
    let reversal: Action | null = null;
    let reconsideredCaseId: number | null = null;
    let strikeReversed = false;
    if (state === 'granted' && appeal.actionId) {
      const contested = await this.deps.actions.get(tx, appeal.actionId);
      if (isMisuseKind(contested.kind)) {
        // the measure is lifted through the same guard as any change to a reporter's standing: a second person approves
        reversal = await this.deps.actions.propose(tx, staff, {
          kind: 'restore_reporting',
          targetId: contested.targetId,
          restoresActionId: contested.id,
          reasonCode: 'appeal_granted',
          justification: `appeal ${id} granted: ${reasons}`,
        });
      } else if ((RESTORABLE_KINDS as readonly string[]).includes(contested.kind)) {
        reversal = await this.deps.actions.propose(tx, staff, {
          kind: 'restore',
          targetId: appeal.accountId,
          restoresActionId: contested.id,
          caseId: appeal.caseId,
          reasonCode: 'appeal_granted',
          justification: `appeal ${id} granted: ${reasons}`,
        });
      } else {
        // nothing to restore (a warning): the decision is overturned as it stands
        strikeReversed = (await this.deps.strikes.reverseFor(tx, { kind: 'staff', id: staff.id }, contested.id, { byActionId: null, appealId: id })) !== null;
      }
    } else if (state === 'granted' && appeal.originalCaseId !== null) {
      reconsideredCaseId = await this.deps.appealCases.reopenForAppeal(tx, staff, appeal.originalCaseId, id, reasons);
    }
    await tx
      .updateTable('appeals')
      .set({ state, decided_at: now, decided_by: staff.id, reasons, reversal_action_id: reversal?.id ?? null, reconsidered_case_id: reconsideredCaseId, updated_at: now })
      .where('id', '=', id)
      .execute();
    await this.deps.appealCases.closeAppealCase(tx, staff, appeal.caseId, outcome, reasons);
    await this.audit.append(tx, appealDecided({ kind: 'staff', id: staff.id }, id, { outcome, decision, reversalActionId: reversal?.id ?? null, reconsideredCaseId, strikeReversed }, reasons));
    // a restore that took effect at once (the policy demanded no approval) is done now; one awaiting approvals, when it executes
    if (reversal && EXECUTED_STATES.includes(reversal.state)) await this.reversalExecuted(tx, id, reversal);
    const recipient = appeal.appellant.kind === 'owner' ? { kind: 'owner' as const, accountId: appeal.appellant.id } : { kind: 'reporter' as const, reporterId: appeal.appellant.id };
    const message = { appealId: id, recipient, outcome, reasons, actionId: appeal.actionId, caseId: appeal.originalCaseId };
    for (const fn of this.onDecided) await fn(tx, message, now);
    return { appeal: await appealById(tx, id, false), reversal };
  }

  /** An action executed (src/actions/execution.ts): if it is the restore an appeal granted, the contested action's strike is reversed. */
  async afterExecuted(tx: Db, action: Action): Promise<void> {
    if ((action.kind !== 'restore' && action.kind !== 'restore_reporting') || action.reasonCode !== 'appeal_granted') return;
    const row = await tx.selectFrom('appeals').select('id').where('reversal_action_id', '=', action.id).executeTakeFirst();
    if (row) await this.reversalExecuted(tx, row.id, action);
  }

  private async reversalExecuted(tx: Db, appealId: string, restore: Action): Promise<void> {
    if (restore.kind === 'restore_reporting') {
      const undone = restore.params.restoresActionId;
      await this.audit.append(tx, appealReversalExecuted(appealId, { reversalActionId: restore.id, actionId: undone, strikeReversed: false }));
      return;
    }
    if (restore.kind !== 'restore') return;
    const undone = restore.params.restoresActionId;
    const strike = await this.deps.strikes.reverseFor(tx, { kind: 'system', id: 'warden' }, undone, { byActionId: restore.id, appealId });
    await this.audit.append(tx, appealReversalExecuted(appealId, { reversalActionId: restore.id, actionId: undone, strikeReversed: strike !== null }));
  }
}
