/**
 * Appeals over the API: the platform files them for its users (service
 * token); leads and admins read the appeals queue, see one appeal with
 * everything its decider needs, ask the policy whether they may decide it,
 * and decide it holding a live claim on its case (POST /v1/cases/{id}/claim).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { decimalInt, id } from '../../bounds.js';
import { APPEAL_STATES, APPELLANT_KINDS, AppealInputSchema, DecisionInputSchema, PARTICIPANT_ROLES } from '../../appeals/model.js';
import type { AppContext } from '../../context.js';
import { actorOf, staffOf } from '../auth.js';
import { type AuthEnv, body, forStaff, forStaffOrService, guarded, json } from '../route.js';
import { ActionSchema, ApprovalSchema, DecisionSchema, RuleHit } from './actions.js';
import type { Appeal } from '../../appeals/rows.js';
import { AccountBrief, CaseSchema, ReportSchema, accountBriefs } from './cases.js';

export const AppealSchema = z
  .object({
    id: z.string(),
    caseId: z.number().int().describe('the case in the appeals queue that works it: claim it to decide'),
    appellant: z.object({ kind: z.enum(APPELLANT_KINDS), id: z.string().describe('the account id (owner) or the reporter id') }),
    accountId: z.string(),
    actionId: z.string().nullable().describe('owner appeals: the action contested'),
    originalCaseId: z.number().int().nullable().describe('the case the decision was made in'),
    reportId: z.number().int().nullable(),
    statement: z.string(),
    state: z.enum(APPEAL_STATES),
    filedAt: z.number().int(),
    deadlineAt: z.number().int().describe('the last instant it could have been filed'),
    decideBy: z.number().int().describe('to be decided by this instant (appeals.decideWithinMs after filing); an open appeal past it is overdue, and alerted'),
    decidedAt: z.number().int().nullable(),
    decidedBy: z.string().nullable(),
    reasons: z.string().nullable(),
    reversalActionId: z.string().nullable().describe('granted owner appeals: the restore proposed'),
    reconsideredCaseId: z.number().int().nullable().describe('granted reporter appeals: the case the decision not to act is reconsidered in'),
    overdueAlertId: z.number().int().nullable(),
  })
  .meta({ id: 'Appeal' });

const Participant = z.object({ staffId: z.string(), role: z.enum(PARTICIPANT_ROLES), why: z.string() }).meta({ id: 'AppealParticipant' });
const AppealId = z.object({ id: id(64) });

const routes = {
  file: guarded(forStaffOrService('appeals.submit'), {
    method: 'post',
    path: '/v1/appeals',
    summary: 'File an appeal: an owner against an executed action, or a reporter against a decision not to act',
    description: 'Refused with 409 naming the deadline (an exact ISO instant) once the window has closed, and naming the open appeal when there is one.',
    request: body(AppealInputSchema),
    responses: { 201: json(z.object({ appeal: AppealSchema }), 'filed: a case in the appeals queue') },
  }),
  list: guarded(forStaff('appeals.read'), {
    method: 'get',
    path: '/v1/appeals',
    summary: 'The appeals queue: appeals in a state (default open), oldest first',
    request: { query: z.object({ state: z.enum(APPEAL_STATES).optional(), accountId: id(128).optional(), limit: decimalInt(1, 500).optional() }) },
    responses: {
      200: json(
        z.object({
          appeals: z.array(AppealSchema),
          cases: z.record(z.string(), CaseSchema).describe('the case working each appeal, by case id: who holds its claim'),
          actions: z.record(z.string(), ActionSchema).describe('the action each owner\'s appeal contests, by action id'),
          accounts: z.record(z.string(), AccountBrief).describe('the accounts the appeals are about, by id'),
        }),
      ),
    },
  }),
  get: guarded(forStaff('appeals.read'), {
    method: 'get',
    path: '/v1/appeals/{id}',
    summary: 'One appeal with the contested action and its approvals, the original case and its reports, and who may not decide it',
    request: { params: AppealId },
    responses: {
      200: json(
        z.object({
          appeal: AppealSchema,
          case: CaseSchema,
          contested: z.object({ action: ActionSchema, approvals: z.array(ApprovalSchema) }).nullable(),
          original: z.object({ case: CaseSchema, reports: z.array(ReportSchema) }).nullable(),
          ineligible: z.array(Participant),
          viewerMayDecide: DecisionSchema,
          reversal: ActionSchema.nullable(),
        }),
      ),
    },
  }),
  explain: guarded(forStaff('decisions.explain'), {
    method: 'get',
    path: '/v1/appeals/{id}/explain',
    summary: "Whether the caller may decide this appeal, by the rule that answered, beside every rule on deciding appeals",
    request: { params: AppealId },
    responses: {
      200: json(
        z.object({
          appealId: z.string(),
          viewer: z.string(),
          decision: DecisionSchema,
          ineligible: z.array(Participant),
          rules: z.array(RuleHit.extend({ file: z.string(), line: z.number().int() })),
          decided: z.object({ by: z.string(), at: z.number().int(), outcome: z.enum(APPEAL_STATES), reasons: z.string().nullable() }).nullable(),
        }),
      ),
    },
  }),
  decide: guarded(forStaff('appeals.decide'), {
    method: 'post',
    path: '/v1/appeals/{id}/decide',
    summary: 'Grant or deny an appeal (someone independent of the decision contested, holding a live claim on its case)',
    description: 'Granting an owner\'s appeal proposes the restore of the contested action, judged like any proposal: on a protected account it executes only with the approvals the policy demands.',
    request: { params: AppealId, ...body(DecisionInputSchema) },
    responses: { 200: json(z.object({ appeal: AppealSchema, reversal: ActionSchema.nullable() })) },
  }),
};

export function registerAppealRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  const shown = (a: Appeal) => ({ ...a, decideBy: a.filedAt + ctx.config.appeals.decideWithinMs });

  app.openapi(routes.file, async (c) => {
    const input = c.req.valid('json');
    const appeal = await ctx.transaction((tx) => ctx.appeals.file(tx, actorOf(c.get('principal')), input));
    return c.json({ appeal: shown(appeal) }, 201);
  });

  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    const { appeals, cases, actions } = await ctx.appealReader.queue(ctx.db, staffOf(c.get('principal')), q);
    return c.json(
      {
        appeals: appeals.map(shown),
        cases: Object.fromEntries([...cases].map(([k, v]) => [String(k), v])),
        actions: Object.fromEntries(actions),
        accounts: await accountBriefs(ctx, appeals.map((a) => a.accountId)),
      },
      200,
    );
  });

  app.openapi(routes.get, async (c) => {
    const { id: appealId } = c.req.valid('param');
    const view = await ctx.appealReader.view(ctx.db, staffOf(c.get('principal')), appealId);
    return c.json({ ...view, appeal: shown(view.appeal) }, 200);
  });

  app.openapi(routes.explain, async (c) => {
    const { id: appealId } = c.req.valid('param');
    return c.json(await ctx.appealReader.explain(ctx.db, staffOf(c.get('principal')), appealId), 200);
  });

  app.openapi(routes.decide, async (c) => {
    const { id: appealId } = c.req.valid('param');
    const { outcome, reasons } = c.req.valid('json');
    const staff = staffOf(c.get('principal'));
    const decided = await ctx.transaction((tx) => ctx.appeals.decide(tx, staff, appealId, outcome, reasons));
    return c.json({ ...decided, appeal: shown(decided.appeal) }, 200);
  });
}
