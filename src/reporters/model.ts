/**
 * Reporters' standing: the trusted-flagger registry (DSA Art. 22: their
 * notices are scored and routed first) and the measures against misuse of
 * reporting (Art. 23: a reporter who often files manifestly unfounded reports
 * is warned, then has their reports ignored for a while). Each change is an
 * action of a reporter kind (src/actions/kinds.ts) that a second person
 * approves; the counts that justify a misuse measure are derived here from
 * case outcomes, never taken from the proposer. Pure.
 */
import { z } from 'zod';
import { count, durationMs, text } from '../bounds.js';

const DAY = 86_400_000;

/** How far back a reporter's record is read for misuse: 90 days of their reports. */
export const MISUSE_WINDOW_MS = 90 * DAY;
/**
 * When Warden suggests a warning: this many unfounded reports in the window,
 * and at least this share of their decided reports. (Constants, not
 * configuration: src/config.ts holds no room for more; see the issue note.)
 */
export const SUGGEST_WARNING_AT = { unfounded: 5, share: 0.5 } as const;
/** Case resolutions that say a report was unfounded (the same that lower a reporter's trust: src/cases/service.ts). */
export const UNFOUNDED_RESOLUTIONS = ['no_violation', 'brigade_dismissed'] as const;
/** A suspension of reporting lasts from an hour to half a year. */
export const MIN_REPORTING_SUSPENSION_MS = 3_600_000;
export const MAX_REPORTING_SUSPENSION_MS = 183 * DAY;
/**
 * A trusted flagger's case outranks any ordinary one: ordinary priorities
 * (src/reports/model.ts priorityOf) stay in the hundreds even with thousands
 * of reporters, so this term puts the case above all of them.
 */
export const TRUSTED_FLAGGER_PRIORITY = 10_000;

/** What a reporter's reports in the window came to: derived by Warden when a misuse measure is proposed. */
export const MisuseCountsSchema = z.strictObject({
  /** reports (not repeats) whose case was resolved as unfounded: no violation, or a dismissed brigade */
  unfounded: count(Number.MAX_SAFE_INTEGER),
  /** reports whose case has been resolved, whatever the outcome */
  decided: count(Number.MAX_SAFE_INTEGER),
  /** reports (not repeats) received in the window */
  total: count(Number.MAX_SAFE_INTEGER),
  /** the window read: reports received from `since` to the proposal */
  since: count(Number.MAX_SAFE_INTEGER),
  windowMs: count(Number.MAX_SAFE_INTEGER),
});
export type MisuseCounts = z.infer<typeof MisuseCountsSchema>;

/** Text a kind needs, whose absence is named with what it is for. */
const needed = (max: number, missing: string) => z.string({ error: (iss) => (iss.input === undefined ? missing : undefined) }).pipe(text(max, 1));

/** The wire parameters of each reporter kind (the target is the reporter's id). */
export const REPORTER_PARAMS = {
  add_trusted_flagger: {
    flaggerName: needed(200, 'add_trusted_flagger needs flaggerName (the trusted flagger as awarded the status)').describe('add_trusted_flagger: the trusted flagger as the Digital Services Coordinator awarded the status'),
    organisation: text(200).optional().describe('add_trusted_flagger: the organisation, if it is not the name'),
  },
  remove_trusted_flagger: {},
  // the counts are Warden's: any a client sends are dropped (and derived again at proposal)
  warn_reporter: {},
  suspend_reporting: {
    durationMs: durationMs(MIN_REPORTING_SUSPENSION_MS, MAX_REPORTING_SUSPENSION_MS, 'suspend_reporting needs durationMs (how long reports are ignored, in ms)').describe(
      'suspend_reporting: how long their reports are ignored',
    ),
  },
  restore_reporting: {
    restoresActionId: needed(64, 'restore_reporting needs restoresActionId (the warning or suspension it undoes)').describe(
      'restore_reporting: the warning or suspension of reporting it undoes',
    ),
  },
} as const;

/** Misuse measures: what carries the counts, and what a reporter may appeal. */
export const MISUSE_KINDS = ['warn_reporter', 'suspend_reporting'] as const;
export type MisuseKind = (typeof MISUSE_KINDS)[number];
export const isMisuseKind = (k: string): k is MisuseKind => (MISUSE_KINDS as readonly string[]).includes(k);

export interface TrustedFlagger {
  name: string;
  organisation: string | null;
  since: number;
  actionId: string;
}

export interface ReporterStanding {
  id: string;
  /** 0–1: how much their reports weigh in a case's priority (src/cases/service.ts adjusts it on resolution) */
  trust: number;
  firstSeenAt: number;
  trustedFlagger: TrustedFlagger | null;
  warning: { at: number; actionId: string } | null;
  suspension: { until: number; actionId: string } | null;
}

/** Their reports are ignored at `now`. */
export const reportingSuspended = (s: Pick<ReporterStanding, 'suspension'>, now: number) => s.suspension !== null && s.suspension.until > now;

/** Whether the counts call for Warden to suggest a warning. */
export const callsForWarning = (c: MisuseCounts) =>
  c.unfounded >= SUGGEST_WARNING_AT.unfounded && c.decided > 0 && c.unfounded / c.decided >= SUGGEST_WARNING_AT.share;

export const misuseWords = (c: MisuseCounts) =>
  `${c.unfounded} of ${c.decided} decided reports unfounded (${c.total} reports in ${Math.round(c.windowMs / DAY)} days)`;
