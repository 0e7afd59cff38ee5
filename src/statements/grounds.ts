/**
 * The ground each reason code is decided on, as statements of reasons say it:
 * what Warden ships, and the parameters of `set_decision_ground`, the guard
 * action by which admins change it (one proposes, another approves; its
 * target is the reason code). Pure.
 */
import { z } from 'zod';
import { text } from '../bounds.js';
import { REASON_CODES, type ReasonCode } from '../actions/model.js';
import { DECISION_GROUNDS, type DecisionGround, GROUND_EXPLANATION_MAX, GROUND_REFERENCE_MAX } from './model.js';

const terms = (rule: string, why: string, alsoIllegal = false): DecisionGround => ({
  ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  reference: `Terms of service: ${rule}`,
  explanation: why,
  alsoIllegal,
});

/** The shipped mapping: every reason code a restriction can carry has a ground until an admin sets another. */
const SHIPPED: Record<ReasonCode, DecisionGround> = {
  spam: terms('rules against spam and platform manipulation', 'The account posted unsolicited bulk or repetitive content.'),
  harassment: terms('rules against harassment and abuse of others', 'The account targeted other people with abusive content.'),
  hate: terms('rules against hateful conduct', 'The account posted content attacking people for protected characteristics.'),
  impersonation: terms('rules against impersonation', 'The account presented itself as someone it is not, in a misleading way.'),
  violent_threat: terms('rules against violent threats', 'The account threatened violence against others.', true),
  self_harm: terms('rules on suicide and self-harm', 'The account promoted or encouraged self-harm.'),
  child_safety: terms('rules on child safety', 'The account posted content endangering minors.', true),
  misinformation: terms('rules on harmful false information', 'The account spread false information liable to cause harm.'),
  compromised_account: terms('rules on account security', 'The account was restricted to protect it while it is not under its owner’s control.'),
  legal_request: {
    ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
    reference: 'An order or notice under the law of a Member State',
    explanation: 'A competent authority or a notice identified the content as illegal under the law it names.',
    alsoIllegal: true,
  },
  appeal_granted: terms('decisions on appeal', 'An appeal against an earlier decision was decided.'),
  error_correction: terms('correction of earlier decisions', 'An earlier decision was corrected.'),
  suspension_ended: terms('end of a suspension', 'A suspension reached its end.'),
  access_management: terms('account access', 'The account’s access was changed.'),
  policy_maintenance: terms('policy maintenance', 'A policy was maintained.'),
  repeated_violations: terms('rules on repeated violations', 'The account broke the rules repeatedly within a short time.'),
};

export const shippedGround = (reasonCode: ReasonCode): DecisionGround => SHIPPED[reasonCode];

/** The reason code a set_decision_ground names as its target, or why it names none. */
export function parseGroundTarget(id: string): ReasonCode | string {
  return REASON_CODES.find((r) => r === id) ?? `a decision ground is named by its reason code: one of ${REASON_CODES.join(', ')}`;
}

/** set_decision_ground's parameters (src/actions/kinds.ts): the ground and its words, bounded as the database bounds them. */
export const GROUND_PARAMS = {
  decisionGround: z
    .enum(DECISION_GROUNDS, { error: `set_decision_ground needs decisionGround: one of ${DECISION_GROUNDS.join(', ')}` })
    .describe('set_decision_ground: illegal content, or content incompatible with the terms and conditions'),
  groundReference: z
    .string({ error: (iss) => (iss.input === undefined ? 'set_decision_ground needs groundReference (the legal or contractual ground relied on)' : undefined) })
    .pipe(text(GROUND_REFERENCE_MAX, 1))
    .describe('set_decision_ground: the legal ground (illegal content) or the contractual ground (incompatible content) relied on'),
  groundExplanation: z
    .string({ error: (iss) => (iss.input === undefined ? 'set_decision_ground needs groundExplanation (why the content is illegal or incompatible on that ground)' : undefined) })
    .pipe(text(GROUND_EXPLANATION_MAX, 1))
    .describe('set_decision_ground: why the content is illegal, or incompatible, on that ground'),
  alsoIllegal: z.boolean().default(false).describe('set_decision_ground: incompatible content that is also considered illegal'),
};
