/**
 * A proposal as it arrives: the fields every kind has, and each kind's own
 * parameters from the kind table (src/actions/kinds.ts), one object per kind
 * discriminated by `kind` — so the OpenAPI document and the console's types
 * say exactly what each kind takes. Pure.
 */
import { z } from 'zod';
import { count, epochMs, id, text } from '../bounds.js';
import { type ActionKind, DESTRUCTIVE_KINDS } from '../policy/model.js';
import { PARAMS, PROPOSED_PARAMS } from './kinds.js';
import { REASON_CODES } from './model.js';
import { parseTemplateId } from '../notices/model.js';
import { parseGroundTarget } from '../statements/grounds.js';

const COMMON = {
  targetId: id(128).describe(
    'account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id',
  ),
  caseId: count(Number.MAX_SAFE_INTEGER, 1).optional().describe('the case this acts on (its account must be the target)'),
  reasonCode: z.enum(REASON_CODES),
  justification: text(8000).default(''),
  scheduledFor: epochMs().optional().describe('execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal)'),
};

const variant = <K extends ActionKind>(kind: K) => z.object({ kind: z.literal(kind), ...COMMON, ...PARAMS[kind] });

const VARIANTS = [
  variant('warn'),
  variant('limit'),
  variant('lock'),
  variant('suspend'),
  variant('deactivate'),
  variant('restore'),
  variant('set_tier'),
  variant('grant_role'),
  variant('elevate'),
  variant('set_access'),
  variant('change_policy'),
  variant('set_notice_template'),
  variant('set_decision_ground'),
  variant('add_trusted_flagger'),
  variant('remove_trusted_flagger'),
  variant('warn_reporter'),
  variant('suspend_reporting'),
  variant('restore_reporting'),
] as const;

// a kind missing from the list above is named here by the compiler
type Unlisted = Exclude<ActionKind, z.infer<(typeof VARIANTS)[number]>['kind']>;
const everyKindListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyKindListed;

export const ProposalSchema = z
  .discriminatedUnion('kind', VARIANTS, { error: (iss) => (iss.code === 'invalid_union' ? `must be one of ${VARIANTS.map((v) => v.shape.kind.value).join(', ')}` : undefined) })
  .superRefine((p, ctx) => {
    if (p.kind === 'set_notice_template') {
      const named = parseTemplateId(p.targetId);
      if (typeof named === 'string') ctx.addIssue({ code: 'custom', path: ['targetId'], message: named });
    }
    if (p.kind === 'set_decision_ground') {
      const named = parseGroundTarget(p.targetId);
      if (!(REASON_CODES as readonly string[]).includes(named)) ctx.addIssue({ code: 'custom', path: ['targetId'], message: named });
    }
    if (DESTRUCTIVE_KINDS.includes(p.kind) && p.justification.trim().length < 10) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: `a ${p.kind} needs a written justification (at least 10 characters)` });
    }
  })
  .meta({ id: 'Proposal' });

export type Proposal = z.infer<typeof ProposalSchema>;

/** The proposal's kind and its own parameters, nothing else it carried. */
export const proposedParams = (p: Proposal) => PROPOSED_PARAMS.parse({ kind: p.kind, params: p });
