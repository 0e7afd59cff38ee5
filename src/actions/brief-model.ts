/**
 * The approver's brief: everything a person needs to weigh a proposal before
 * saying yes to it — what it does to whom and for how long, the case and the
 * reports behind it, and who is asking. One schema gives the API's shape, the
 * OpenAPI description and the console's types. The words are pure functions.
 */
import { MisuseCountsSchema } from '../reporters/model.js';
import { z } from 'zod';
import { ACCOUNT_STATUSES, TIERS } from '../accounts/model.js';
import { CASE_STATUSES, QUEUES, RESOLUTIONS } from '../cases/model.js';
import { ACTION_KINDS } from '../policy/model.js';
import { CATEGORIES } from '../reports/model.js';
import { EMPLOYMENT, ROLES } from '../staff/model.js';
import { AccountStateSchema, REASON_CODES } from './model.js';
import { KINDS } from './kinds.js';
import { utcWords } from './words.js';

/** How many of a case's reports the brief carries in full; the counts always cover all of them. */
export const BRIEF_REPORT_LIMIT = 20;
/** How many of the account's other unresolved cases the brief names. */
export const BRIEF_OTHER_CASES_LIMIT = 5;

export const BriefStaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES).describe('the role they act with at this instant, an elevation included'),
    baseRole: z.enum(ROLES).describe('their role without any elevation'),
    employment: z.enum(EMPLOYMENT),
    accessUntil: z.number().int().nullable().describe('when their access ends (epoch ms, exclusive); null: no end date'),
    accessState: z.enum(['active', 'not_yet', 'ended', 'offboarded']),
  })
  .meta({ id: 'BriefStaff' });

export const BriefAccountSchema = z
  .object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string(),
    verified: z.boolean(),
    tier: z.enum(TIERS),
    status: z.enum(ACCOUNT_STATUSES),
    statusUntil: z.number().int().nullable(),
    followers: z.number().int().describe('reach now'),
    followersAtProposal: z.number().int().describe('reach the policy was asked about when it was proposed'),
  })
  .meta({ id: 'BriefAccount' });

export const BriefReportSchema = z
  .object({
    id: z.number().int(),
    receivedAt: z.number().int(),
    reporterId: z.string(),
    category: z.enum(CATEGORIES),
    text: z.string(),
    evidence: z.array(z.string()),
    duplicate: z.boolean().describe('repeats an earlier report by the same reporter; it does not count twice'),
  })
  .meta({ id: 'BriefReport' });

export const BriefCaseSchema = z
  .object({
    id: z.number().int(),
    accountId: z.string(),
    status: z.enum(CASE_STATUSES),
    queue: z.enum(QUEUES),
    priority: z.number(),
    claimedBy: z.string().nullable(),
    claimedByProposer: z.boolean(),
    resolution: z.enum(RESOLUTIONS).nullable(),
    openedAt: z.number().int(),
    lastReportAt: z.number().int(),
    reportCount: z.number().int().describe('every report on the case, duplicates included'),
    countedReports: z.number().int(),
    distinctReporters: z.number().int(),
    brigade: z.boolean().describe('the reports look like a coordinated campaign'),
    categories: z
      .array(z.object({ category: z.enum(CATEGORIES), count: z.number().int() }))
      .describe('every report, by category, most first'),
    reports: z.array(BriefReportSchema).describe(`the first ${BRIEF_REPORT_LIMIT} reports, oldest first`),
  })
  .meta({ id: 'BriefCase' });

export const BriefRuleSchema = z.object({ id: z.string(), reason: z.string() }).meta({ id: 'BriefRule' });

export const BriefPolicyChangeSchema = z
  .object({
    fromVersion: z.string(),
    toVersion: z.string().nullable().describe('null when the proposed set no longer loads'),
    files: z.array(z.string()),
    added: z.array(BriefRuleSchema),
    changed: z.array(BriefRuleSchema).describe('rules whose reason differs; the new reason'),
    removed: z.array(BriefRuleSchema).describe('rules the proposed set drops; the reason they had'),
    problem: z.string().nullable(),
  })
  .meta({ id: 'BriefPolicyChange' });

export const BriefEffectSchema = z
  .object({
    kind: z.enum(ACTION_KINDS),
    words: z.string().describe('what it does, in words: "suspend for 7 days, until 8 Dec 2026 14:00 UTC"'),
    toStatus: z.enum(ACCOUNT_STATUSES).nullable().describe("the account's status after it (enforcement kinds)"),
    durationMs: z.number().int().nullable(),
    endsAt: z
      .number()
      .int()
      .nullable()
      .describe('a suspension or elevation: when it ends — if it took effect now (or at its scheduled time), or as it executed'),
    scheduledFor: z.number().int().nullable(),
    restoreTo: AccountStateSchema.nullable(),
    restoresActionId: z.string().nullable(),
    tier: z.enum(TIERS).nullable().describe('set_tier: the tier it sets'),
    role: z.enum(ROLES).nullable().describe('grant_role, elevate: the role it gives'),
    hours: z.number().int().nullable(),
    accessUntil: z.number().int().nullable().describe("set_access: the new end of the person's access"),
    template: z
      .object({ title: z.string(), ground: z.string(), body: z.string() })
      .nullable()
      .describe('set_notice_template: the template owners will be told from, as it would read'),
    flaggerName: z.string().nullable().describe('add_trusted_flagger: the trusted flagger it registers'),
    misuse: MisuseCountsSchema.nullable().describe("warn_reporter, suspend_reporting: the reporter's record that justifies it, as Warden derived it at proposal"),
  })
  .meta({ id: 'BriefEffect' });

export const OtherCaseSchema = z.object({
  id: z.number().int(),
  status: z.enum(CASE_STATUSES),
  queue: z.enum(QUEUES),
  reportCount: z.number().int(),
  claimedBy: z.string().nullable(),
});

export const ActionBriefSchema = z
  .object({
    at: z.number().int().describe('the instant this brief describes'),
    effect: BriefEffectSchema,
    reasonCode: z.enum(REASON_CODES),
    justification: z.string(),
    account: BriefAccountSchema.nullable().describe('the target account (account kinds)'),
    staff: BriefStaffSchema.nullable().describe('the target staff member (grant_role, elevate, set_access)'),
    policy: BriefPolicyChangeSchema.nullable().describe('change_policy: how the proposed set differs from the one in force'),
    case: BriefCaseSchema.nullable().describe('the case the action is attached to, whatever its state or claimant'),
    caseWithheld: z.string().nullable().describe('why the attached case is not shown to this viewer'),
    otherCases: z.array(OtherCaseSchema).describe(`up to ${BRIEF_OTHER_CASES_LIMIT} other unresolved cases on the account`),
    proposer: BriefStaffSchema.nullable().describe('null when Warden itself proposed it (a suspension ending)'),
  })
  .meta({ id: 'ActionBrief' });

export type ActionBrief = z.infer<typeof ActionBriefSchema>;
export type BriefEffect = z.infer<typeof BriefEffectSchema>;
export type BriefCase = z.infer<typeof BriefCaseSchema>;
export type BriefStaff = z.infer<typeof BriefStaffSchema>;
export type BriefAccount = z.infer<typeof BriefAccountSchema>;
export type BriefPolicyChange = z.infer<typeof BriefPolicyChangeSchema>;

// --- words ---------------------------------------------------------------

export { durationWords, utcWords } from './words.js';

/** What is known of the target when the words are written. */
export interface EffectFacts {
  accountTier?: string;
  staffName?: string;
  staffRole?: string;
  staffAccessUntil?: number | null;
  policy?: BriefPolicyChange | null;
}

/** The effect's words, without the target's name (shown beside it): each kind's own, from the kind table. */
export function effectWords(e: Omit<BriefEffect, 'words'>, f: EffectFacts): string {
  const when = e.scheduledFor !== null ? `, no earlier than ${utcWords(e.scheduledFor)}` : '';
  return `${KINDS[e.kind].words(e, f)}${when}`;
}
