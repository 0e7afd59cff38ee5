/**
 * Strikes: a mark an executed enforcement leaves on a standard account, live
 * until it expires or its action is overturned on appeal. The policy reads an
 * account's live strikes (`resource.liveStrikes`); at the number the
 * configuration names, Warden suggests a suspension that a person must
 * approve (src/strikes/suggestion.ts). Pure.
 */
import { z } from 'zod';
import type { Tier } from '../accounts/model.js';
import { count } from '../bounds.js';

const DAY = 86_400_000;
/** two years: a strike older than that says nothing about the account now */
export const MAX_STRIKE_DAYS = 730;

/** The strike an enforcement proposal carries: it lasts this many days from when the action executes. */
export const StrikeParamSchema = z
  .strictObject({ expiresInDays: count(MAX_STRIKE_DAYS, 1, `a strike needs expiresInDays (1 to ${MAX_STRIKE_DAYS})`) })
  .describe('enforcement on a standard account: record a strike, live for this many days from execution');
export type StrikeParam = z.infer<typeof StrikeParamSchema>;

export interface Strike {
  id: number;
  accountId: string;
  actionId: string;
  recordedAt: number;
  expiresAt: number;
  reversedAt: number | null;
  reversedByActionId: string | null;
}

export const strikeExpiry = (executedAt: number, p: StrikeParam) => executedAt + p.expiresInDays * DAY;

export const isLive = (s: Pick<Strike, 'expiresAt' | 'reversedAt'>, now: number) => s.reversedAt === null && s.expiresAt > now;

/**
 * Why a strike cannot be carried on an account of this tier, or null. Strikes
 * count towards a suspension Warden suggests, and Warden suggests nothing on a
 * protected account: what is done to one is decided by the approvals its tier
 * demands, never by a tally.
 */
export function strikeRefusal(tier: Tier): string | null {
  return tier === 'standard' ? null : `strikes are recorded on standard accounts only; this account is ${tier}`;
}
