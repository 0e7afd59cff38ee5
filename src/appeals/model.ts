/**
 * Appeals: who may contest what, the lifecycle of an appeal, and the request
 * as it arrives. An account's owner contests an executed enforcement action;
 * a reporter contests a case resolved without action on their report. Each is
 * worked as a case in the `appeals` queue and decided by someone independent
 * of the decision contested (policies/operations/appeals.cedar). Pure.
 */
import { z } from 'zod';
import { count, id, text } from '../bounds.js';
import { DomainError } from '../errors.js';

export const APPELLANT_KINDS = ['owner', 'reporter'] as const;
export type AppellantKind = (typeof APPELLANT_KINDS)[number];

export const APPEAL_STATES = ['open', 'granted', 'denied'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export const APPEAL_OUTCOMES = ['granted', 'denied'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export type AppealEvent = { type: 'decide'; outcome: AppealOutcome };

/** The state an appeal moves to, or an error naming why it cannot: an appeal is decided once. */
export function nextAppealState(from: AppealState, e: AppealEvent): AppealState {
  switch (e.type) {
    case 'decide':
      if (from === 'open') return e.outcome;
      break;
  }
  throw new DomainError('invalid_transition', `an appeal that is ${from} cannot take '${e.type}': it is decided once`, { from, event: e.type });
}

/**
 * The key an appeal against a measure on a reporter's reporting is worked
 * under, where other appeals name the account: no account is involved, and
 * the appeals queue holds every appeal whatever it names.
 */
export const reporterAppealKey = (reporterId: string) => `reporter:${reporterId}`;

export const MAX_STATEMENT = 8000;
export const MAX_REASONS = 8000;

const Statement = text(MAX_STATEMENT, 1).describe("the appellant's own words: why the decision is wrong");

export const OwnerAppealSchema = z.strictObject({
  actionId: id(64).describe('the executed enforcement action contested'),
  appellant: z.strictObject({ kind: z.literal('owner'), accountId: id(128).describe("the platform's id of the account the action was on") }),
  statement: Statement,
});

export const ReporterAppealSchema = z
  .strictObject({
    caseId: count(Number.MAX_SAFE_INTEGER, 1).optional().describe('the case resolved without action'),
    reportId: count(Number.MAX_SAFE_INTEGER, 1).optional().describe("or one of the reporter's reports folded into it"),
    actionId: id(64).optional().describe('or a warning or suspension of reporting taken against the reporter (DSA Art. 23)'),
    appellant: z.strictObject({ kind: z.literal('reporter'), reporterId: id(128).describe("the platform's id of the reporting user") }),
    statement: Statement,
  })
  .refine((a) => [a.caseId, a.reportId, a.actionId].filter((x) => x !== undefined).length === 1, {
    path: ['caseId'],
    message: 'name the case (caseId), your report (reportId) or the measure against your reporting (actionId), one of them',
  });

/** What POST /v1/appeals takes: an owner's appeal, or a reporter's. */
export const AppealInputSchema = z
  .union([OwnerAppealSchema, ReporterAppealSchema], {
    error: () =>
      'an appeal is { actionId, appellant: { kind: "owner", accountId }, statement } or { caseId | reportId | actionId, appellant: { kind: "reporter", reporterId }, statement }',
  })
  .meta({ id: 'AppealInput' });
export type AppealInput = z.infer<typeof AppealInputSchema>;

export const DecisionInputSchema = z.strictObject({
  outcome: z.enum(APPEAL_OUTCOMES),
  reasons: text(MAX_REASONS, 10).describe('why, in words the appellant is told (at least 10 characters)'),
});

/** Who took part in the decision contested, and how: none of them may decide the appeal. */
/** A part in the decision contested; `dependent`: the one asking owes their access to someone who took part (src/staff/independence.ts). */
export const PARTICIPANT_ROLES = ['proposer', 'approver', 'resolver', 'dependent'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface Participant {
  staffId: string;
  role: ParticipantRole;
  why: string;
}

/** The participants, each person once, with every part they took. */
export function participantsOf(p: { proposer: string | null; approvers: string[]; resolver: string | null }): Participant[] {
  const out: Participant[] = [];
  if (p.proposer) out.push({ staffId: p.proposer, role: 'proposer', why: 'proposed the action contested' });
  for (const a of new Set(p.approvers)) out.push({ staffId: a, role: 'approver', why: 'approved the action contested' });
  if (p.resolver) out.push({ staffId: p.resolver, role: 'resolver', why: 'resolved the case the decision was made in' });
  return out;
}
