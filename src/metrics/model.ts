/**
 * The leads' metrics (issue 14 item 6): how long work waits, per queue, per
 * reason code and per member of staff. Each figure is a set of durations,
 * told as their count, median, 90th percentile and longest; the appeals'
 * figure is how many decisions they overturned. Pure: the store
 * (src/metrics/store.ts) reads, per group, only the count and the positions
 * these figures need (`PICKED`), so no reading holds a period's durations.
 *
 * What each duration runs from and to (`MEASURED`) is the record's own: a
 * case's opening and its first claim (the audit log's `case.claimed`) and
 * resolution; an action's proposal and the approvals given on it; an
 * appeal's filing and decision.
 */
import { percentileAt } from '../transparency/model.js';

export const MEASURED = {
  firstReview: 'from a case opening to its first claim (the first case.claimed in the audit log), for cases first claimed in the period; per queue the case is in, per staff member who claimed it',
  decision: 'from a report case opening to its resolution, for cases resolved in the period (appeals are counted under appeals); per reason code of the case’s latest action not refused (none: resolved without one), per resolution, per staff member who resolved it',
  queueAge: 'how long each case not yet resolved (open or claimed) has waited since it opened, now; per queue',
  approvalWait: 'from an action’s proposal to its last approval or its rejection, for actions decided so in the period; per kind, per reason code; per approver: from the proposal to their own verdict, for verdicts given in the period',
  appeals: 'appeals decided in the period, and of them those granted (overturned); per reason code of the action contested (none: an appeal against a decision not to act), per staff member who proposed it; the time from filing to decision',
} as const;

/** The percentiles reported, each in whole percent. */
export const PERCENTILES = { medianMs: 50, p90Ms: 90 } as const;


/** The group of a case resolved without an action, or an appeal against a decision not to act. */
export const NO_REASON = 'none';

export interface Figures {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** the longest: for queue age, the oldest case */
  maxMs: number | null;
}
export type Keyed<T> = T & { key: string };

export interface Outcomes {
  decided: number;
  overturned: number;
  /** overturned / decided, to four places; null when none was decided */
  overturnRate: number | null;
}

export const NO_FIGURES: Figures = { count: 0, medianMs: null, p90Ms: null, maxMs: null };

/**
 * Whether position `i` (0-based, ascending) of `n` durations is one the
 * figures read: one of the two nearest each percentile, or the last.
 * The store asks the same in SQL (`|100·i − (n−1)·percent| < 100`).
 */
export const isPicked = (i: number, n: number) => i === n - 1 || Object.values(PERCENTILES).some((pct) => Math.abs(100 * i - (n - 1) * pct) < 100);

/** One picked duration of one group, as the store reads it. */
export interface Picked {
  grp: string;
  n: number;
  i: number;
  ms: number;
}

/** The figures of each group from its picked positions. */
export function figuresOf(rows: readonly Picked[]): Map<string, Figures> {
  const groups = new Map<string, { n: number; at: Map<number, number> }>();
  for (const r of rows) {
    const g = groups.get(r.grp) ?? { n: Number(r.n), at: new Map() };
    g.at.set(Number(r.i), Number(r.ms));
    groups.set(r.grp, g);
  }
  const out = new Map<string, Figures>();
  for (const [grp, { n, at }] of groups) {
    const read = (i: number) => at.get(i) ?? Number.NaN;
    out.set(grp, { count: n, medianMs: percentileAt(n, PERCENTILES.medianMs, read), p90Ms: percentileAt(n, PERCENTILES.p90Ms, read), maxMs: read(n - 1) });
  }
  return out;
}

export const outcomes = (decided: number, overturned: number): Outcomes => ({
  decided,
  overturned,
  overturnRate: decided === 0 ? null : Math.round((overturned / decided) * 10_000) / 10_000,
});

/** A map of groups as a list, largest count first, then by key. */
export function keyed<T extends { count: number } | { decided: number }>(m: ReadonlyMap<string, T>): Keyed<T>[] {
  const size = (v: T) => ('count' in v ? v.count : v.decided);
  return [...m].map(([key, v]) => ({ key, ...v })).sort((a, b) => size(b) - size(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One member of staff's figures, from the groups by staff of each metric. */
export interface StaffFigures {
  staffId: string;
  name: string | null;
  firstReview: Figures;
  decision: Figures;
  /** their own time to a verdict on the proposals they were asked to approve */
  approval: Figures;
  /** appeals against actions they proposed */
  appeals: Outcomes;
}

export function staffTable(
  names: ReadonlyMap<string, string>,
  by: { firstReview: ReadonlyMap<string, Figures>; decision: ReadonlyMap<string, Figures>; approval: ReadonlyMap<string, Figures>; appeals: ReadonlyMap<string, Outcomes> },
): StaffFigures[] {
  const ids = new Set([...by.firstReview.keys(), ...by.decision.keys(), ...by.approval.keys(), ...by.appeals.keys()]);
  return [...ids].sort().map((staffId) => ({
    staffId,
    name: names.get(staffId) ?? null,
    firstReview: by.firstReview.get(staffId) ?? NO_FIGURES,
    decision: by.decision.get(staffId) ?? NO_FIGURES,
    approval: by.approval.get(staffId) ?? NO_FIGURES,
    appeals: by.appeals.get(staffId) ?? outcomes(0, 0),
  }));
}
