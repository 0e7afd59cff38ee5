/**
 * Forensics over HTTP: an account's timeline, "explain" for an action, and
 * the access review of a staff member. Thin: the answers are built in
 * forensics/timeline.ts, actions/explain.ts and actions/access-review.ts.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { EPOCH_MAX_MS, EPOCH_MIN_MS, id, decimalInt } from '../../bounds.js';
import { reviewAccess } from '../../actions/access-review.js';
import { explainAction } from '../../actions/explain.js';
import { staffById } from '../../staff/store.js';
import { accountTimeline } from '../../forensics/timeline.js';
import type { AppContext } from '../../context.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';
import { ActionSchema } from './actions.js';

const Rule = z.object({ id: z.string(), effect: z.string().optional(), reason: z.string() }).meta({ id: 'RuleRef' });
const ActorAtInstant = z
  .object({
    kind: z.string(),
    id: z.string(),
    name: z.string().optional(),
    role: z.string().optional(),
    employment: z.string().optional(),
    access: z.object({ from: z.number(), until: z.number().nullable() }).optional(),
    accessOpen: z.boolean().optional(),
  })
  .meta({ id: 'ActorAtInstant', description: 'who acted, with the role and access window they had at that instant' });
const TimelineEvent = z
  .object({
    at: z.number(),
    seq: z.number().nullable().describe('the audit entry (prove it: GET /v1/audit/proofs/inclusion?seq=…); null for a report'),
    event: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    actor: ActorAtInstant,
    summary: z.string(),
    decision: z.object({ allowed: z.boolean().optional(), policyVersion: z.string().optional(), rules: z.array(Rule) }).optional(),
    reason: z.string().nullable(),
    details: z.object({ before: z.unknown().optional(), after: z.unknown().optional() }),
  })
  .meta({ id: 'TimelineEvent' });
const Timeline = z
  .object({
    account: z.object({ id: z.string(), handle: z.string(), displayName: z.string(), tier: z.string(), status: z.string() }),
    events: z.array(TimelineEvent),
    truncated: z.boolean(),
  })
  .meta({ id: 'AccountTimeline' });
const Explanation = z
  .object({
    action: ActionSchema,
    proposal: z.object({ at: z.number(), by: ActorAtInstant, policyVersion: z.string().nullable(), rules: z.array(Rule), requirements: z.array(z.string()), seq: z.number().nullable() }),
    outcome: z.object({ state: z.string(), at: z.number(), seq: z.number(), policyVersion: z.string().nullable(), rules: z.array(Rule), reason: z.string().nullable() }).nullable(),
    approvals: z.array(z.object({ id: z.number(), approver: ActorAtInstant, verdict: z.enum(['approve', 'reject']), at: z.number(), comment: z.string(), counted: z.boolean().nullable(), why: z.string() })),
    refusals: z.array(z.object({ at: z.number(), seq: z.number(), by: ActorAtInstant, rules: z.array(Rule), dependence: z.string().optional() })),
    now: z.object({ at: z.number(), policyVersion: z.string(), allowed: z.boolean(), missing: z.string().nullable(), rules: z.array(Rule), requirements: z.array(z.string()) }).nullable(),
    entries: z.array(z.object({ seq: z.number().nullable(), at: z.number(), event: z.string(), reason: z.string().nullable() })),
  })
  .meta({ id: 'ActionExplanation' });
const Decided = z.object({ allowed: z.boolean(), rules: z.array(Rule) });
const AccessReview = z
  .object({
    staff: z.object({ id: z.string(), name: z.string(), role: z.string(), actingRole: z.string(), employment: z.string(), access: z.object({ from: z.number(), until: z.number().nullable() }), accessState: z.string() }),
    at: z.number(),
    policyVersion: z.string(),
    frozen: z.boolean(),
    entries: z.array(z.object({ kind: z.string(), target: z.object({ type: z.string(), tier: z.string().optional() }), propose: Decided.extend({ needs: z.array(z.string()) }), approve: Decided })),
    summary: z.array(z.string()),
  })
  .meta({ id: 'AccessReview' });

const routes = {
  timeline: guarded(forStaff('forensics.timeline'), {
    method: 'get',
    path: '/v1/accounts/{id}/timeline',
    summary: "Everything that happened to an account, in order, with the deciding rules and each actor's role and access window at that instant",
    request: {
      params: z.object({ id: id(128) }),
      query: z.object({ since: decimalInt(EPOCH_MIN_MS, EPOCH_MAX_MS).optional(), limit: decimalInt(1, 20_000).optional() }),
    },
    responses: { 200: json(Timeline) },
  }),
  explain: guarded(forStaff('decisions.explain'), {
    method: 'get',
    path: '/v1/actions/{id}/explain',
    summary: 'Which policy version and rules decided an action, which approvals counted and which did not and why',
    request: { params: z.object({ id: id(64) }) },
    responses: { 200: json(Explanation) },
  }),
  accessReview: guarded(forStaff('forensics.access-review'), {
    method: 'get',
    path: '/v1/staff/{id}/access-review',
    summary: 'What this person could do right now, to which tiers, as the policy in force decides it',
    request: { params: z.object({ id: id(64) }) },
    responses: { 200: json(AccessReview) },
  }),
};

export function registerForensicsRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext): void {
  app.openapi(routes.timeline, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    return c.json(await accountTimeline(ctx.db, id, q), 200);
  });
  app.openapi(routes.explain, async (c) => c.json(await explainAction(ctx.db, ctx.actions, ctx.executor, c.req.valid('param').id), 200));
  app.openapi(routes.accessReview, async (c) => {
    const staff = await staffById(ctx.db, c.req.valid('param').id);
    return c.json(await reviewAccess(ctx.db, ctx.policy, staff, ctx.clock.now()), 200);
  });
}
