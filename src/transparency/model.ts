/**
 * The transparency report of DSA Art. 15 and 24: over a period, the notices
 * received, the measures taken (by kind, by reason, on notice or on Warden's
 * own initiative, by automated means), the time from notice to measure, and
 * the appeals received, decided and overturned.
 *
 * Every figure is a sum over audit entries of named actions in the period
 * (`COUNTED`), so anyone holding an export of the log can re-derive it; the
 * report names the log's size and last hash it was read at. Pure: the entries
 * come in, already decoded (src/transparency/service.ts reads them).
 */
import { type EnforcementKind, REPORTER_KINDS, type ReporterKind } from '../policy/model.js';
import { REASON_CODES, type ReasonCode } from '../actions/model.js';
import { CATEGORIES, type Category } from '../reports/model.js';
import type { ActorKind } from '../audit/model.js';
import { AUTOMATED_DECISIONS, type AutomatedDecision, DECISION_GROUNDS, type DecisionGroundKind, SOURCE_TYPES, type SourceType } from '../statements/model.js';

/** The audit actions the report sums, each for what it counts. */
export const COUNTED = {
  'reports.received': 'notices: each entry counts the reports one intake took, by category and by who sent them',
  'action.executed': 'measures: each executed action on an account (restores counted apart, as reversals); its proposal (action.proposed) gives the reason, the case and who proposed it',
  'case.opened': "time from notice to measure: a case's first report, to its measure's execution",
  'appeal.filed': 'appeals received',
  'appeal.decided': 'appeals decided and overturned (granted); the time from filing to decision',
  'statement.recorded': 'statements of reasons (Art. 17, 24(5)): each restriction stated, by its DSA ground, how the case arose and how automated the decision was',
} as const;
export type CountedAction = keyof typeof COUNTED;

/** The shortest and longest period a report covers: a day to ten years. */
export const MIN_PERIOD_MS = 86_400_000;
export const MAX_PERIOD_MS = 3660 * 86_400_000;

/** What a measure is: an enforcement on an account; a restore undoes one and is counted apart. */
export const MEASURE_KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate'] as const satisfies readonly Exclude<EnforcementKind, 'restore'>[];
export type MeasureKind = (typeof MEASURE_KINDS)[number];
/** A new enforcement kind does not compile here until it is counted as a measure. */
type Uncounted = Exclude<EnforcementKind, 'restore' | MeasureKind>;
export const EVERY_KIND_COUNTED: [Uncounted] extends [never] ? true : Uncounted = true;

/** An executed measure with what its proposal recorded. */
export interface Measure {
  actionId: string;
  kind: MeasureKind;
  executedAt: number;
  reasonCode: ReasonCode | null;
  /** the case it acted on, and when that case's first report came in */
  caseId: number | null;
  noticeAt: number | null;
  /** who proposed it: a person, or Warden itself (its suggestion at the strike threshold, the restore that ends a suspension) */
  proposedBy: ActorKind | null;
}

export interface Intake {
  source: ActorKind;
  count: number;
  duplicates: number;
  byCategory: Partial<Record<Category, number>>;
  trustedFlagger: number;
  ignored: number;
}

/** A statement of reasons as its audit entry recorded it. */
export interface Stated {
  ground: DecisionGroundKind;
  source: SourceType;
  automated: AutomatedDecision;
}

export interface AppealDecision {
  outcome: 'granted' | 'denied';
  filedAt: number | null;
  decidedAt: number;
}

export interface TransparencyReport {
  period: { from: string; to: string };
  /** what it was read from: the log at this size and last chain hash; the actions summed, and what for */
  basis: { auditSize: number; lastHash: string; counted: typeof COUNTED };
  notices: {
    total: number;
    /** repeats of a report already counted (same reporter, account and category within the dedup window) */
    duplicates: number;
    byCategory: Record<Category, number>;
    /** service: the platform's users through its integration; staff: filed by Warden's own staff */
    bySource: Record<string, number>;
    /** sent by registered trusted flaggers (Art. 22), counted apart */
    fromTrustedFlaggers: number;
    /** from reporters whose reporting was suspended for misuse (Art. 23): kept, acted on nowhere */
    ignored: number;
  };
  measures: {
    total: number;
    byKind: Record<MeasureKind, number>;
    byReason: Record<ReasonCode, number>;
    /** taken on a notice (the action names its case) or on Warden's own initiative */
    onNotice: number;
    ownInitiative: number;
    /** proposed by Warden itself, not a person (each still approved by a person where the policy asks) */
    proposedAutomatically: number;
    automatedShare: number;
    medianNoticeToMeasureMs: number | null;
    /** restores executed: on appeal, by correction, or at the end of a suspension */
    reversals: number;
  };
  appeals: {
    received: number;
    decided: number;
    overturned: number;
    upheld: number;
    medianTimeToDecisionMs: number | null;
  };
  /** measures against people who report: trusted flaggers registered and removed (Art. 22), misuse of reporting warned and suspended (Art. 23) */
  reporters: Record<ReporterKind, number>;
  /** the statements of reasons recorded for the period's restrictions (a warning and a restore restrict nothing: none) */
  statements: {
    total: number;
    byGround: Record<DecisionGroundKind, number>;
    /** how the case arose: a notice (Art. 16), a trusted flagger's notice (Art. 22), another notification, or the platform's own initiative */
    bySource: Record<SourceType, number>;
    byAutomatedDecision: Record<AutomatedDecision, number>;
  };
}

/**
 * The `percent`-th percentile of `n` values sorted ascending, each read by its
 * position (`at(i)`, 0-based): interpolated between the two positions nearest
 * to (n - 1) × percent / 100, as PostgreSQL's percentile_cont, and rounded to a
 * whole number; null for none. Only those two positions are read, so a reader
 * that fetched just them (src/metrics/store.ts) needs no more.
 */
export function percentileAt(n: number, percent: number, at: (i: number) => number): number | null {
  if (n === 0) return null;
  const p = ((n - 1) * percent) / 100;
  const lo = Math.floor(p);
  const hi = Math.ceil(p);
  return Math.round(at(lo) + (at(hi) - at(lo)) * (p - lo));
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return percentileAt(sorted.length, 50, (i) => sorted[i]!);
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The report over [from, to) from what was read of the log in that period. */
export function compileReport(
  period: { from: number; to: number },
  basis: { auditSize: number; lastHash: string },
  read: {
    intakes: readonly Intake[];
    measures: readonly Measure[];
    reversals: number;
    appealsFiled: number;
    appealDecisions: readonly AppealDecision[];
    statements: readonly Stated[];
    reporterActions: readonly ReporterKind[];
  },
): TransparencyReport {
  const byCategory = zeros(CATEGORIES);
  const bySource: Record<string, number> = {};
  let total = 0;
  let duplicates = 0;
  let fromTrustedFlaggers = 0;
  let ignored = 0;
  for (const i of read.intakes) {
    total += i.count;
    duplicates += i.duplicates;
    fromTrustedFlaggers += i.trustedFlagger;
    ignored += i.ignored;
    bySource[i.source] = (bySource[i.source] ?? 0) + i.count;
    for (const c of CATEGORIES) byCategory[c] += i.byCategory[c] ?? 0;
  }

  const byKind = zeros(MEASURE_KINDS);
  const byReason = zeros(REASON_CODES);
  for (const m of read.measures) {
    byKind[m.kind] += 1;
    if (m.reasonCode) byReason[m.reasonCode] += 1;
  }
  const onNotice = read.measures.filter((m) => m.caseId !== null).length;
  const automated = read.measures.filter((m) => m.proposedBy === 'system').length;
  const noticeToMeasure = read.measures.flatMap((m) => (m.noticeAt === null ? [] : [m.executedAt - m.noticeAt]));

  const byGround = zeros(DECISION_GROUNDS);
  const byStatedSource = zeros(SOURCE_TYPES);
  const byAutomatedDecision = zeros(AUTOMATED_DECISIONS);
  for (const st of read.statements) {
    byGround[st.ground] += 1;
    byStatedSource[st.source] += 1;
    byAutomatedDecision[st.automated] += 1;
  }

  const reporters = zeros(REPORTER_KINDS);
  for (const k of read.reporterActions) reporters[k] += 1;

  const decided = read.appealDecisions;
  return {
    period: { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
    basis: { ...basis, counted: COUNTED },
    notices: { total, duplicates, byCategory, bySource, fromTrustedFlaggers, ignored },
    measures: {
      total: read.measures.length,
      byKind,
      byReason,
      onNotice,
      ownInitiative: read.measures.length - onNotice,
      proposedAutomatically: automated,
      automatedShare: read.measures.length === 0 ? 0 : Math.round((automated / read.measures.length) * 10_000) / 10_000,
      medianNoticeToMeasureMs: median(noticeToMeasure),
      reversals: read.reversals,
    },
    appeals: {
      received: read.appealsFiled,
      decided: decided.length,
      overturned: decided.filter((d) => d.outcome === 'granted').length,
      upheld: decided.filter((d) => d.outcome === 'denied').length,
      medianTimeToDecisionMs: median(decided.flatMap((d) => (d.filedAt === null ? [] : [d.decidedAt - d.filedAt]))),
    },
    reporters,
    statements: { total: read.statements.length, byGround, bySource: byStatedSource, byAutomatedDecision },
  };
}

/** The report as CSV: one figure a row, `section,figure,key,value`, in the report's own order (a table figure is a row per key). */
export function reportCsv(r: TransparencyReport): string {
  const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const rows: (string | number)[][] = [['section', 'figure', 'key', 'value']];
  const sections = { period: r.period, basis: { auditSize: r.basis.auditSize, lastHash: r.basis.lastHash }, notices: r.notices, measures: r.measures, appeals: r.appeals, reporters: r.reporters, statements: r.statements };
  for (const [section, figures] of Object.entries(sections)) {
    for (const [figure, value] of Object.entries(figures)) {
      if (value !== null && typeof value === 'object') for (const [key, n] of Object.entries<number>(value)) rows.push([section, snake(figure), key, n]);
      else rows.push([section, snake(figure), '', value ?? '']);
    }
  }
  // no field holds a comma, quote or newline (keys are Warden's own words, the hash is hex, times ISO)
  return rows.map((row) => row.join(',')).join('\n') + '\n';
}
