/**
 * How long a decision can be contested: per kind of enforcement, and for a
 * decision not to act (a reporter contests it). The DSA (Art. 20(1)) gives
 * at least six months from the decision; Warden refuses to start with a
 * shorter window (src/config.ts). Pure.
 */
import type { EnforcementKind } from '../policy/model.js';
import { ENFORCEMENT_KINDS } from '../policy/model.js';

/** What can be appealed: an enforcement of a kind, or a case resolved without action. */
export const APPEALABLE_KINDS = [...ENFORCEMENT_KINDS, 'no_action'] as const;
export type AppealableKind = EnforcementKind | 'no_action';

const DAY = 86_400_000;
/** six months, rounded up to whole days: the least Warden allows and its default */
export const MIN_APPEAL_WINDOW_MS = 183 * DAY;
export const DEFAULT_APPEAL_WINDOW_MS = MIN_APPEAL_WINDOW_MS;

/** The appeal window per kind, ms (src/config.ts `appeals.windowMs`). */
export type AppealWindows = Record<AppealableKind, number>;

/** The last instant (epoch ms, inclusive) at which a decision of `kind` made at `decidedAt` can be appealed. */
export function appealDeadline(kind: AppealableKind, decidedAt: number, config: { appeals: { windowMs: AppealWindows } }): number {
  return decidedAt + config.appeals.windowMs[kind];
}
