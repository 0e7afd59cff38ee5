import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { ActionBriefSchema } from '../../actions/brief-model.js';
import type { Caller } from '../../actions/commands.js';
import { id, decimalInt, text } from '../../bounds.js';
import { ACTION_STATES, REASON_CODES, isAwaiting } from '../../actions/model.js';
import { ProposalSchema } from '../../actions/proposal.js';
import type { AppContext } from '../../context.js';
import { ACTION_KINDS } from '../../policy/model.js';
import { staffOf } from '../auth.js';
import { idempotencyOf } from '../idempotency.js';
import { type AuthEnv, body, forStaff, guarded, json } from '../route.js';

export const RuleHit = z.object({ id: z.string(), effect: z.enum(['permit', 'forbid']), reason: z.string() }).meta({ id: 'RuleHit' });
export const DecisionSchema = z.object({ allowed: z.boolean(), rules: z.array(RuleHit), policyVersion: z.string() }).meta({ id: 'Decision' });
const AccountStateSchema = z.object({ status: z.string(), statusUntil: z.number().int().nullable() });

export const ActionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ACTION_KINDS),
    targetType: z.enum(['account', 'staff', 'policy', 'reporter']),
    targetId: z.string(),
    caseId: z.number().int().nullable(),
    reasonCode: z.enum(REASON_CODES),
    justification: z.string(),
    params: z.record(z.string(), z.unknown()),
    state: z.enum(ACTION_STATES),
    proposer: z.object({ kind: z.enum(['staff', 'system']), id: z.string() }),
    proposedAt: z.number().int(),
    scheduledFor: z.number().int().nullable(),
    expiresAt: z.number().int(),
    priorState: AccountStateSchema.nullable(),
    resultState: AccountStateSchema.nullable(),
    executedAt: z.number().int().nullable(),
    deliveredAt: z.number().int().nullable(),
    closedReason: z.string().nullable(),
    reversesActionId: z.string().nullable(),
    policyVersion: z.string(),
    lastDecision: DecisionSchema.nullable(),
    followers: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'Action' });

export const ApprovalSchema = z.object({
  id: z.number().int(),
  actionId: z.string(),
  approverId: z.string(),
  verdict: z.enum(['approve', 'reject']),
  comment: z.string(),
  at: z.number().int(),
  expiresAt: z.number().int(),
  voidedAt: z.number().int().nullable(),
  voidedReason: z.string().nullable(),
});

const Requirement = z.object({ count: z.number().int(), roles: z.array(z.string()), rules: z.array(RuleHit), text: z.string() });
const ActionId = z.object({ id: id(64) });

const routes = {
  preview: guarded(forStaff('actions.propose'), {
    method: 'post',
    path: '/v1/actions/preview',
    summary: 'What the policy in force will demand of this proposal — asked of the same rules that enforce it',
    request: body(ProposalSchema),
    responses: { 200: json(z.object({ decision: DecisionSchema, requirements: z.array(Requirement), summary: z.string() })) },
  }),
  propose: guarded(forStaff('actions.propose'), {
    method: 'post',
    path: '/v1/actions',
    summary: 'Propose an action; refused with the deciding rules if the policy denies it',
    request: body(ProposalSchema),
    responses: { 201: json(z.object({ action: ActionSchema })) },
  }),
  list: guarded(forStaff('actions.read'), {
    method: 'get',
    path: '/v1/actions',
    summary: 'Actions, newest first',
    request: { query: z.object({ state: z.enum(ACTION_STATES).optional(), targetId: id(128).optional(), proposerId: id(128).optional(), limit: decimalInt(1, 500).optional() }) },
    responses: { 200: json(z.object({ actions: z.array(ActionSchema) })) },
  }),
  inbox: guarded(forStaff('approvals.inbox'), {
    method: 'get',
    path: '/v1/approvals/inbox',
    summary: 'Proposals the caller may approve now, each with its brief: what it does, the case and reports behind it, who asks',
    responses: {
      200: json(
        z.object({
          items: z.array(z.object({ action: ActionSchema, brief: ActionBriefSchema })),
        }),
      ),
    },
  }),
  get: guarded(forStaff('actions.read'), {
    method: 'get',
    path: '/v1/actions/{id}',
    summary: 'One action, its approvals, what the policy says of it right now, and the brief an approver weighs',
    request: { params: ActionId },
    responses: {
      200: json(
        z.object({
          action: ActionSchema,
          approvals: z.array(ApprovalSchema),
          now: z.object({ allowed: z.boolean(), proposer: DecisionSchema, execute: DecisionSchema, approvals: z.array(z.object({ approvalId: z.number().int(), approverId: z.string(), counts: z.boolean(), why: z.string() })), missing: z.string().nullable() }).nullable(),
          brief: ActionBriefSchema,
        }),
      ),
    },
  }),
  approve: guarded(forStaff('actions.approve'), {
    method: 'post',
    path: '/v1/actions/{id}/approve',
    summary: 'Approve (the policy decides who may; never the proposer)',
    request: { params: ActionId, ...body(z.object({ comment: text(4000).default('') })) },
    responses: { 200: json(z.object({ action: ActionSchema })) },
  }),
  execute: guarded(forStaff('actions.execute'), {
    method: 'post',
    path: '/v1/actions/{id}/execute',
    summary: 'Execute an approved action now; 409 naming what is missing otherwise',
    request: { params: ActionId },
    responses: { 200: json(z.object({ action: ActionSchema })) },
  }),
  reject: guarded(forStaff('actions.reject'), {
    method: 'post',
    path: '/v1/actions/{id}/reject',
    summary: 'Reject with a comment',
    request: { params: ActionId, ...body(z.object({ comment: text(4000, 1) })) },
    responses: { 200: json(z.object({ action: ActionSchema })) },
  }),
};

export function registerActionRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.preview, async (c) => c.json(await ctx.actions.preview(ctx.db, staffOf(c.get('principal')), c.req.valid('json')), 200));

  app.openapi(routes.propose, async (c) => {
    const action = await ctx.actionCommands.propose(callerOf(c), c.req.valid('json'), await idempotencyOf(c));
    return c.json({ action }, 201);
  });

  app.openapi(routes.list, async (c) => c.json({ actions: await ctx.actions.list(ctx.db, c.req.valid('query')) }, 200));
  app.openapi(routes.inbox, async (c) => {
    const viewer = staffOf(c.get('principal'));
    const actions = await ctx.actions.inbox(ctx.db, viewer);
    const briefs = await ctx.actions.briefs(ctx.db, viewer, actions);
    return c.json({ items: actions.map((action) => ({ action, brief: briefs.get(action.id)! })) }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const { id } = c.req.valid('param');
    const action = await ctx.actions.get(ctx.db, id);
    const approvals = await ctx.actions.approvals(ctx.db, id);
    let now = null;
    if (isAwaiting(action.state)) {
      const check = await ctx.executor.check(ctx.db, action);
      const missing = check.missing;
      now = {
        allowed: check.allowed,
        proposer: check.proposer,
        execute: check.execute,
        approvals: check.approvals.map((a) => ({ approvalId: a.approval.id, approverId: a.approval.approverId, counts: a.counts, why: a.why })),
        missing,
      };
    }
    const brief = (await ctx.actions.briefs(ctx.db, staffOf(c.get('principal')), [action])).get(id)!;
    return c.json({ action, approvals, now, brief }, 200);
  });

  app.openapi(routes.approve, async (c) => {
    const { id } = c.req.valid('param');
    const action = await ctx.actionCommands.approve(callerOf(c), id, c.req.valid('json').comment, await idempotencyOf(c));
    return c.json({ action }, 200);
  });

  app.openapi(routes.execute, async (c) => {
    const action = await ctx.actionCommands.execute(c.req.valid('param').id, await idempotencyOf(c));
    return c.json({ action }, 200);
  });

  app.openapi(routes.reject, async (c) => {
    const { id } = c.req.valid('param');
    const action = await ctx.actionCommands.reject(callerOf(c), id, c.req.valid('json').comment, await idempotencyOf(c));
    return c.json({ action }, 200);
  });
}

/** The staff member calling, and the console session they call from (none with an API token: no step-up). */
const callerOf = (c: Context<AuthEnv>): Caller => ({ staff: staffOf(c.get('principal')), session: c.get('session') ?? null });
