/** The platform's accounts as Warden sees them. Pure. */
import { z } from 'zod';
import { MAX_FOLLOWERS, count, epochMs, id, serial, text } from '../bounds.js';

export const TIERS = ['standard', 'elevated', 'critical'] as const;
export type Tier = (typeof TIERS)[number];
export const PROTECTED_TIERS: readonly Tier[] = ['elevated', 'critical'];
export const isProtected = (tier: Tier) => tier !== 'standard';

export const ACCOUNT_STATUSES = ['active', 'limited', 'locked', 'suspended', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Account {
  id: string;
  handle: string;
  displayName: string;
  followers: number;
  verified: boolean;
  tier: Tier;
  status: AccountStatus;
  statusUntil: number | null;
  platformVersion: number;
  createdAt: number;
  updatedAt: number;
}

/** One account in an import or sync: what the platform knows, and optionally Warden's tier. */
export const AccountImportSchema = z.object({
  id: id(128),
  handle: id(64),
  displayName: text(256).default(''),
  followers: count(MAX_FOLLOWERS),
  verified: z.boolean().default(false),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  statusUntil: epochMs().nullable().default(null),
  version: serial().default(0),
  tier: z.enum(TIERS).optional(),
});
export type AccountImport = z.infer<typeof AccountImportSchema>;
