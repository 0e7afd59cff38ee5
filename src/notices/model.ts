/**
 * Notices: what Warden tells the people its decisions are about. An account's
 * owner is told of every enforcement executed on it (DSA Art. 17: a statement
 * of reasons); a reporter, of what came of each report (Art. 16(5)); either,
 * of the outcome of their appeal (Art. 20(5)). Each notice is written in the
 * transaction of the decision it tells, once (its source key is unique), and
 * leaves through the outbox in a batch: a notice to an owner is a batch of
 * its own; a reporter's outcomes wait to be sent together. Pure.
 */
import { z } from 'zod';
import { text } from '../bounds.js';
import { DomainError } from '../errors.js';
import { REASON_CODES, type ReasonCode } from '../actions/model.js';

/** The languages Warden has words for; a notice goes out in the owner's if it is one, else in English. */
export const NOTICE_LANGUAGES = ['en', 'de'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: NoticeLanguage = 'en';

/** The language of the platform's tag for a person ("de-AT" reads as German), or English. */
export function noticeLanguageOf(tag: string | null | undefined): NoticeLanguage {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return NOTICE_LANGUAGES.find((l) => l === primary) ?? DEFAULT_LANGUAGE;
}

/** What a notice tells. */
export const NOTICE_SUBJECTS = ['enforcement', 'report_outcome', 'appeal_outcome'] as const;
export type NoticeSubject = (typeof NOTICE_SUBJECTS)[number];

export type NoticeRecipient = { kind: 'owner'; accountId: string } | { kind: 'reporter'; reporterId: string };
export const recipientId = (r: NoticeRecipient) => (r.kind === 'owner' ? r.accountId : r.reporterId);

export const NOTICE_STATES = [
  /** a reporter's outcome, waiting for the reporter's next batch */
  'pending',
  /** in a batch on its way (an outbox row) */
  'queued',
  'delivered',
  /** the platform refused it for good, or delivery ran out of attempts */
  'failed',
] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export type NoticeEvent = 'batch' | 'deliver' | 'fail';

/** The lifecycle as a function: the next state, or an error naming why not. */
export function nextNoticeState(from: NoticeState, e: NoticeEvent): NoticeState {
  if (e === 'batch' && from === 'pending') return 'queued';
  if (e === 'deliver' && from === 'queued') return 'delivered';
  if (e === 'fail' && from === 'queued') return 'failed';
  throw new DomainError('invalid_transition', `a notice that is ${from} cannot take '${e}'`, { from, event: e });
}

/** A statement of reasons (DSA Art. 17(3)), as the platform receives it beside the rendered text. */
export interface EnforcementStatement {
  actionId: string;
  kind: string;
  /** what was restricted, in public words (English; the rendered text carries the owner's language) */
  restriction: string;
  /** the account's status it leaves, and until when (ISO 8601 UTC), null when it has no set end */
  status: string;
  endsAt: string | null;
  executedAt: string;
  /** the facts relied on: the written justification, and what reports (never who made them) said */
  facts: string[];
  ground: { reasonCode: ReasonCode; wording: string };
  /** Warden has no automated detection: a case comes from reports by users, or from staff */
  detection: { automated: false; source: 'reports_by_users' | 'staff' | 'warden' };
  /** Warden's own decisions (the end of a suspension) are automated; a person decided every other */
  decision: { automated: boolean };
  /** the last instant an appeal is accepted (ISO 8601 UTC), null when nothing is left to contest (a restriction lifted) */
  appealDeadline: string | null;
}

export interface ReportOutcomeStatement {
  reportId: number;
  accountId: string;
  category: string;
  actionTaken: boolean;
  decidedAt: string;
  /** the last instant the decision not to act can be contested; null when action was taken */
  contestDeadline: string | null;
}

export interface AppealOutcomeStatement {
  appealId: string;
  outcome: 'granted' | 'denied';
  reasons: string;
  actionId: string | null;
  caseId: number | null;
}

export type NoticeStatement = EnforcementStatement | ReportOutcomeStatement | AppealOutcomeStatement;

/** A notice in every language Warden has words for: which one goes out is known only when it is sent. */
export type Renderings = Record<NoticeLanguage, { title: string; body: string }>;

/** One notice in an outbox batch. */
export interface BatchedNotice {
  id: string;
  subject: NoticeSubject;
  statement: NoticeStatement;
  renderings: Renderings;
}

/** The outbox payload of kind `notice`: one batch to one recipient; its key is the batch id. */
export interface NoticePayload {
  batchId: string;
  recipient: NoticeRecipient;
  notices: BatchedNotice[];
}

// --- templates ------------------------------------------------------------

/** What a template may say, filled in per notice. */
export const PLACEHOLDERS = ['account', 'restriction', 'until', 'facts', 'ground', 'detection', 'decision', 'appeal'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
/** A statement of reasons that leaves one of these out would not be one. */
const REQUIRED_IN_BODY: readonly Placeholder[] = ['restriction', 'ground', 'appeal'];

/** A template of the owner's notice for one reason code in one language. */
export interface NoticeTemplate {
  title: string;
  /** the policy ground in public words */
  ground: string;
  body: string;
}

const placeholdersIn = (t: string) => [...t.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);

/** Why a template's text cannot be used, or null: every `{…}` must be a known placeholder; the body must say the three things. */
function templateTextProblem(t: string, field: 'title' | 'ground' | 'body'): string | null {
  const unknown = placeholdersIn(t).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) return `unknown placeholder {${unknown[0]}}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
  if (field === 'ground' && placeholdersIn(t).length) return 'the ground is public wording: it takes no placeholders';
  if (field === 'body') {
    const missing = REQUIRED_IN_BODY.filter((p) => !t.includes(`{${p}}`));
    if (missing.length) return `a statement of reasons must say ${missing.map((p) => `{${p}}`).join(', ')}`;
  }
  return null;
}

const templateText = (field: 'title' | 'ground' | 'body', max: number, missing: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? missing : undefined) })
    .pipe(text(max, 1))
    .superRefine((t, ctx) => {
      const problem = templateTextProblem(t, field);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** set_notice_template's parameters (src/actions/kinds.ts): the template's fields, bounded and checked. */
export const TEMPLATE_PARAMS = {
  templateTitle: templateText('title', 200, 'set_notice_template needs templateTitle (the title owners see)').describe(
    'set_notice_template: the title; placeholders {account}, {restriction}, …',
  ),
  templateGround: templateText('ground', 1000, 'set_notice_template needs templateGround (the policy ground in public words)').describe(
    'set_notice_template: the policy ground in public words',
  ),
  templateBody: templateText('body', 4000, 'set_notice_template needs templateBody (the text owners read)').describe(
    'set_notice_template: the text; must contain {restriction}, {ground} and {appeal}',
  ),
};

/** A template's id, the target of set_notice_template: `<reasonCode>:<language>`. */
export type TemplateId = `${ReasonCode}:${NoticeLanguage}`;
export const templateId = (reasonCode: ReasonCode, language: NoticeLanguage): TemplateId => `${reasonCode}:${language}`;

/** The reason code and language a template id names, or why it names none. */
export function parseTemplateId(id: string): { reasonCode: ReasonCode; language: NoticeLanguage } | string {
  const [reason, language, ...rest] = id.split(':');
  const reasonCode = REASON_CODES.find((r) => r === reason);
  const lang = NOTICE_LANGUAGES.find((l) => l === language);
  if (rest.length || !reasonCode || !lang) {
    return `a notice template is named <reasonCode>:<language>, a reason code (${REASON_CODES.join(', ')}) and a language (${NOTICE_LANGUAGES.join(', ')})`;
  }
  return { reasonCode, language: lang };
}

export const TemplateIdSchema = z.string().refine((s) => typeof parseTemplateId(s) !== 'string', { error: (iss) => parseTemplateId(String(iss.input)) as string });

/** The template's text with each `{placeholder}` filled in (one pass: filled-in text is never read again). */
export function fill(t: string, values: Record<Placeholder, string>): string {
  return t.replace(/\{([a-z]+)\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}
