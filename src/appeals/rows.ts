/** Appeals as the store keeps them, and the people who took part in the decision an appeal contests. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AppealsTable } from '../db/schema.js';
import { notFound } from '../errors.js';
import { approvalsOf, proposerOf } from '../actions/store.js';
import { dependencies } from '../staff/independence.js';
import type { AppealParticipants } from '../policy/authorizer.js';
import { type AppealState, type AppellantKind, type Participant, participantsOf } from './model.js';

export interface Appeal {
  id: string;
  caseId: number;
  appellant: { kind: AppellantKind; id: string };
  accountId: string;
  actionId: string | null;
  originalCaseId: number | null;
  reportId: number | null;
  statement: string;
  state: AppealState;
  filedAt: number;
  deadlineAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  reasons: string | null;
  reversalActionId: string | null;
  reconsideredCaseId: number | null;
  overdueAlertId: number | null;
}

export const rowToAppeal = (r: Selectable<AppealsTable>): Appeal => ({
  id: r.id,
  caseId: r.case_id,
  appellant: { kind: r.appellant_kind, id: r.appellant_id },
  accountId: r.account_id,
  actionId: r.action_id,
  originalCaseId: r.original_case_id,
  reportId: r.report_id,
  statement: r.statement,
  state: r.state,
  filedAt: r.filed_at,
  deadlineAt: r.deadline_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  reasons: r.reasons,
  reversalActionId: r.reversal_action_id,
  reconsideredCaseId: r.reconsidered_case_id,
  overdueAlertId: r.overdue_alert_id,
});

export async function appealById(db: Db, id: string, lock: boolean): Promise<Appeal> {
  const q = db.selectFrom('appeals').selectAll().where('id', '=', id);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('appeal', id);
  return rowToAppeal(row);
}

/**
 * Who took part in the decision the appeal contests, read from the store as
 * it is now: the action's proposer (a person; Warden's own suggestions have
 * none) and everyone who approved it, and whoever resolved the case it was
 * decided in.
 */
export async function participantsIn(db: Db, a: Pick<Appeal, 'actionId' | 'originalCaseId'>): Promise<Participant[]> {
  let proposer: string | null = null;
  let approvers: string[] = [];
  if (a.actionId) {
    const proposed = await proposerOf(db, a.actionId);
    if (proposed?.kind === 'staff') proposer = proposed.id;
    approvers = (await approvalsOf(db, a.actionId)).filter((v) => v.verdict === 'approve').map((v) => v.approverId);
  }
  let resolver: string | null = null;
  if (a.originalCaseId !== null) {
    const kase = await db.selectFrom('cases').select('resolved_by').where('id', '=', a.originalCaseId).executeTakeFirst();
    resolver = kase?.resolved_by ?? null;
  }
  return participantsOf({ proposer, approvers, resolver });
}

/** The participants as the policy's Appeal entity carries them. */
export const asPolicyFacts = (ps: Participant[]): AppealParticipants => ({
  proposers: ps.filter((p) => p.role === 'proposer').map((p) => p.staffId),
  approvers: ps.filter((p) => p.role === 'approver').map((p) => p.staffId),
  resolvers: ps.filter((p) => p.role === 'resolver').map((p) => p.staffId),
  dependents: ps.filter((p) => p.role === 'dependent').map((p) => p.staffId),
});

/**
 * Who may not decide the appeal, as `askerId` asks: the participants, and the
 * asker too when their own access depends on one of them (a role, elevation,
 * staff record, access window or credential a participant created, granted,
 * approved or issued): a participant's second pair of hands is no one else.
 */
export async function ineligibleFor(db: Db, a: Pick<Appeal, 'actionId' | 'originalCaseId'>, askerId: string, now: number): Promise<Participant[]> {
  const participants = await participantsIn(db, a);
  if (participants.some((p) => p.staffId === askerId)) return participants;
  const dependsOn = await dependencies(db, askerId, now);
  for (const p of participants) {
    const chain = dependsOn.on(p.staffId);
    if (chain !== null) return [...participants, { staffId: askerId, role: 'dependent', why: `depends on ${p.staffId}, who ${p.why}: ${chain}` }];
  }
  return participants;
}
