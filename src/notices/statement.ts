/**
 * What each notice says: the statement of reasons from the decision's facts,
 * and its text in every language from the template and the phrases. Pure.
 */
import { instantText } from '../bounds.js';
import { type AccountState, type ReasonCode, effectOf } from '../actions/model.js';
import type { EnforcementKind } from '../policy/model.js';
import {
  type AppealOutcomeStatement,
  type EnforcementStatement,
  NOTICE_LANGUAGES,
  type NoticeLanguage,
  type NoticeTemplate,
  type Renderings,
  type ReportOutcomeStatement,
  fill,
} from './model.js';
import { PHRASES } from './words.js';

/** What a notice to an owner is written from: the executed action, and what its case's reports said (never who made them). */
export interface EnforcementFacts {
  action: { id: string; kind: EnforcementKind; reasonCode: ReasonCode; justification: string; automated: boolean };
  prior: AccountState;
  result: AccountState;
  executedAt: number;
  /** the reports folded into the action's case, by users of the platform; null when it has no case */
  reports: { count: number; categories: string[] } | null;
  /** the owner's handle, as the platform shows it */
  handle: string;
  /** the last instant an appeal is accepted (src/appeals/window.ts) */
  appealDeadline: number;
}

/** Whether the owner has something to contest: anything but a restore that lifts a restriction. */
export const isContestable = (f: Pick<EnforcementFacts, 'action' | 'prior' | 'result' | 'executedAt'>) =>
  f.action.kind !== 'restore' || effectOf(f.prior, f.result, f.executedAt).restricts;

const endOf = (result: AccountState) => (result.status === 'suspended' && result.statusUntil !== null ? instantText(result.statusUntil) : null);

const factsIn = (language: NoticeLanguage, f: EnforcementFacts): string[] => {
  const words = PHRASES[language];
  const out: string[] = [];
  if (f.action.justification.trim()) out.push(f.action.justification.trim());
  if (f.reports && f.reports.count > 0) out.push(words.reports(f.reports.count, f.reports.categories));
  return out;
};

const detectionOf = (f: EnforcementFacts): EnforcementStatement['detection']['source'] =>
  f.action.automated ? 'warden' : f.reports && f.reports.count > 0 ? 'reports_by_users' : 'staff';

const restrictionIn = (language: NoticeLanguage, f: EnforcementFacts) =>
  f.action.kind === 'restore' ? PHRASES[language].restoredTo(f.result.status) : PHRASES[language].restriction[f.action.kind];

/** The statement of reasons (DSA Art. 17(3)) for an executed enforcement. */
export function enforcementStatement(f: EnforcementFacts, groundWording: string): EnforcementStatement {
  return {
    actionId: f.action.id,
    kind: f.action.kind,
    restriction: restrictionIn('en', f),
    status: f.result.status,
    endsAt: endOf(f.result),
    executedAt: instantText(f.executedAt),
    facts: factsIn('en', f),
    ground: { reasonCode: f.action.reasonCode, wording: groundWording },
    detection: { automated: false, source: detectionOf(f) },
    decision: { automated: f.action.automated },
    appealDeadline: isContestable(f) ? instantText(f.appealDeadline) : null,
  };
}

/** The owner's notice in every language, each from that language's template for the reason code. */
export function renderEnforcement(f: EnforcementFacts, templates: Record<NoticeLanguage, NoticeTemplate>): Renderings {
  const endsAt = endOf(f.result);
  const each = (language: NoticeLanguage) => {
    const words = PHRASES[language];
    const t = templates[language];
    const facts = factsIn(language, f);
    const values = {
      account: f.handle,
      restriction: restrictionIn(language, f),
      until: endsAt ? words.until(endsAt) : '',
      facts: facts.length ? facts.join(' ') : words.noFacts,
      ground: t.ground,
      detection: words.detection[detectionOf(f)],
      decision: words.decision(f.action.automated),
      appeal: isContestable(f) ? words.appeal(instantText(f.appealDeadline)) : words.nothingToAppeal,
    };
    return { title: fill(t.title, values), body: fill(t.body, values) };
  };
  return byLanguage(each);
}

const byLanguage = (each: (l: NoticeLanguage) => { title: string; body: string }): Renderings =>
  Object.fromEntries(NOTICE_LANGUAGES.map((l) => [l, each(l)])) as Renderings;

/** A reporter's outcome of one report, in every language. */
export function renderReportOutcome(s: ReportOutcomeStatement): Renderings {
  return byLanguage((l) => ({ title: PHRASES[l].reportTitle, body: PHRASES[l].reportOutcome(s) }));
}

/** An appellant's outcome, in every language (the reasons as the decider wrote them). */
export function renderAppealOutcome(s: AppealOutcomeStatement): Renderings {
  return byLanguage((l) => ({ title: PHRASES[l].appealTitle, body: PHRASES[l].appealOutcome(s) }));
}
