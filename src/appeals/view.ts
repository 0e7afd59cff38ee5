/**
 * Reading appeals: the appeals queue, and one appeal with everything its
 * decider needs in view — the contested action with its approvals and
 * justification, the original case with its reports, the appellant's
 * statement and deadline, and who may not decide it and why — plus the
 * policy's answer for the viewer (`explain`). Only those who see the appeals
 * queue see appeals (policies/operations/queues.cedar); to anyone else an
 * appeal does not exist.
 */
import type { Action, Approval } from '../actions/store.js';
import type { ActionService } from '../actions/service.js';
import { rowToCase, type Case } from '../cases/rows.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { type Authorizer, staffCaller } from '../policy/authorizer.js';
import type { Decision, RuleHit } from '../policy/model.js';
import type { IntakeService } from '../reports/service.js';
import type { Staff } from '../staff/model.js';
import type { AppealState, Participant } from './model.js';
import { type Appeal, appealById, asPolicyFacts, ineligibleFor, rowToAppeal } from './rows.js';

export interface AppealView {
  appeal: Appeal;
  /** the case in the appeals queue that works it */
  case: Case;
  contested: { action: Action; approvals: Approval[] } | null;
  original: { case: Case; reports: Awaited<ReturnType<IntakeService['listForCase']>> } | null;
  /** who may not decide it, and why: everyone who took part in the decision contested */
  ineligible: Participant[];
  /** may the viewer decide it: the policy's answer with the rules that gave it */
  viewerMayDecide: Decision;
  /** a granted owner's appeal: the restore it proposed, as it stands */
  reversal: Action | null;
}

export interface AppealExplanation {
  appealId: string;
  viewer: string;
  decision: Decision;
  ineligible: Participant[];
  /** every rule that decides who may decide an appeal, from the shipped operation rules */
  rules: (RuleHit & { file: string; line: number })[];
  /** once decided: who decided it, when, and the rules that let them */
  decided: { by: string; at: number; outcome: AppealState; reasons: string | null } | null;
}

export interface AppealQueue {
  appeals: Appeal[];
  /** the case working each appeal, by case id */
  cases: Map<number, Case>;
  /** the action each owner's appeal contests, by action id */
  actions: Map<string, Action>;
}

const APPEAL_RULES_FILE = 'appeals.cedar';

export class AppealReader {
  constructor(
    private readonly deps: { actions: ActionService; intake: IntakeService; authorizer: Authorizer },
    private readonly clock: Clock,
  ) {}

  private canSee(viewer: Staff): boolean {
    return this.deps.authorizer.seeQueue(staffCaller(viewer, this.clock.now()), 'appeals').allowed;
  }

  private async visible(db: Db, viewer: Staff, id: string): Promise<Appeal> {
    if (!this.canSee(viewer)) throw notFound('appeal', id);
    return appealById(db, id, false);
  }

  async list(db: Db, viewer: Staff, opts: { state?: AppealState; accountId?: string; limit?: number }): Promise<Appeal[]> {
    if (!this.canSee(viewer)) return [];
    let q = db
      .selectFrom('appeals')
      .selectAll()
      .where('state', '=', opts.state ?? 'open')
      .orderBy('filed_at')
      .orderBy('id')
      .limit(Math.min(opts.limit ?? 100, 500));
    if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
    return (await q.execute()).map(rowToAppeal);
  }

  /**
   * The appeals queue as its reader works it: the appeals, each with the case
   * that works it (who holds the claim) and the action contested, by id.
   */
  async queue(db: Db, viewer: Staff, opts: { state?: AppealState; accountId?: string; limit?: number }): Promise<AppealQueue> {
    const appeals = await this.list(db, viewer, opts);
    const caseIds = appeals.map((a) => a.caseId);
    const actionIds = appeals.flatMap((a) => (a.actionId ? [a.actionId] : []));
    const cases = caseIds.length ? (await db.selectFrom('cases').selectAll().where('id', 'in', caseIds).execute()).map(rowToCase) : [];
    const actions = await Promise.all([...new Set(actionIds)].map((id) => this.deps.actions.get(db, id)));
    return { appeals, cases: new Map(cases.map((c) => [c.id, c])), actions: new Map(actions.map((a) => [a.id, a])) };
  }

  /** The appeals a case works, by case id: what the queue's cases are about. */
  async byCase(db: Db, caseIds: number[]): Promise<Map<number, Appeal>> {
    if (caseIds.length === 0) return new Map();
    const rows = await db.selectFrom('appeals').selectAll().where('case_id', 'in', caseIds).execute();
    return new Map(rows.map((r) => [r.case_id, rowToAppeal(r)]));
  }

  async view(db: Db, viewer: Staff, id: string): Promise<AppealView> {
    const appeal = await this.visible(db, viewer, id);
    const kase = rowToCase(await db.selectFrom('cases').selectAll().where('id', '=', appeal.caseId).executeTakeFirstOrThrow());
    const contested = appeal.actionId
      ? { action: await this.deps.actions.get(db, appeal.actionId), approvals: await this.deps.actions.approvals(db, appeal.actionId) }
      : null;
    let original: AppealView['original'] = null;
    if (appeal.originalCaseId !== null) {
      const row = await db.selectFrom('cases').selectAll().where('id', '=', appeal.originalCaseId).executeTakeFirst();
      if (row) original = { case: rowToCase(row), reports: await this.deps.intake.listForCase(db, row.id) };
    }
    const ineligible = await ineligibleFor(db, appeal, viewer.id, this.clock.now());
    const viewerMayDecide = this.deps.authorizer.decideAppeal({ id: viewer.id, ...staffCaller(viewer, this.clock.now()) }, asPolicyFacts(ineligible));
    const reversal = appeal.reversalActionId ? await this.deps.actions.get(db, appeal.reversalActionId) : null;
    return { appeal, case: kase, contested, original, ineligible, viewerMayDecide, reversal };
  }

  /** The independence rule's answer for the viewer, beside every rule that decides who may decide an appeal. */
  async explain(db: Db, viewer: Staff, id: string): Promise<AppealExplanation> {
    const appeal = await this.visible(db, viewer, id);
    const ineligible = await ineligibleFor(db, appeal, viewer.id, this.clock.now());
    const decision = this.deps.authorizer.decideAppeal({ id: viewer.id, ...staffCaller(viewer, this.clock.now()) }, asPolicyFacts(ineligible));
    const rules = this.deps.authorizer.rules().filter((r) => r.file.endsWith(APPEAL_RULES_FILE));
    const decided = appeal.decidedBy !== null && appeal.decidedAt !== null ? { by: appeal.decidedBy, at: appeal.decidedAt, outcome: appeal.state, reasons: appeal.reasons } : null;
    return { appealId: id, viewer: viewer.id, decision, ineligible, rules, decided };
  }
}
