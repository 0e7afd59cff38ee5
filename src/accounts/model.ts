/** The platform's accounts as Warden sees them. Pure. */
import { z } from 'zod';

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
  id: z.string().min(1).max(128),
  handle: z.string().min(1).max(64),
  displayName: z.string().max(256).default(''),
  followers: z.number().int().min(0),
  verified: z.boolean().default(false),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  statusUntil: z.number().int().nullable().default(null),
  version: z.number().int().min(0).default(0),
  tier: z.enum(TIERS).optional(),
});
export type AccountImport = z.infer<typeof AccountImportSchema>;
