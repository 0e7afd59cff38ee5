/** A user's report against an account: its shape, categories and scoring. Pure. */
import { TRUSTED_FLAGGER_PRIORITY } from '../reporters/model.js';
import { z } from 'zod';
import { id, text } from '../bounds.js';

export const CATEGORIES = [
  'spam',
  'harassment',
  'hate',
  'impersonation',
  'violent_threat',
  'self_harm',
  'child_safety',
  'misinformation',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How bad the worst case of each category is, 1–10. */
export const SEVERITY: Record<Category, number> = {
  spam: 2,
  harassment: 6,
  hate: 7,
  impersonation: 5,
  violent_threat: 10,
  self_harm: 8,
  child_safety: 10,
  misinformation: 4,
  other: 1,
};

export const POLICY_AREAS = ['spam', 'safety', 'authenticity', 'integrity', 'general'] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];

export const AREA_OF: Record<Category, PolicyArea> = {
  spam: 'spam',
  harassment: 'safety',
  hate: 'safety',
  violent_threat: 'safety',
  self_harm: 'safety',
  child_safety: 'safety',
  impersonation: 'authenticity',
  misinformation: 'integrity',
  other: 'general',
};

export const ReportInputSchema = z.object({
  reporterId: id(128).describe("the platform's id of the reporting user"),
  accountId: id(128).describe("the platform's id of the reported account"),
  category: z.enum(CATEGORIES),
  text: text(4000).default(''),
  evidence: z.array(text(2048).url()).max(20).default([]),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const MAX_BATCH = 1000;

export interface CaseSignals {
  severity: number;
  followers: number;
  /** sum of the trust (0–1) of each distinct reporter whose report counted */
  reporterTrustSum: number;
  brigade: boolean;
  /** counted reports from registered trusted flaggers (DSA Art. 22): their notices are decided first */
  trustedFlaggerReports: number;
}

/**
 * Priority: severity × reach × reporter weight. Reach grows with the log of
 * followers; reporter weight with the log of trusted distinct reporters. A
 * possible brigade is capped so that a flood cannot buy the top of the queue.
 */
export function priorityOf(s: CaseSignals): number {
  const reach = Math.log10(s.followers + 10);
  const trust = s.brigade ? Math.min(s.reporterTrustSum, 5) : s.reporterTrustSum;
  const weight = 1 + Math.log2(1 + trust);
  // a trusted flagger's notice is a term of its own, above every ordinary case, not one more reporter's trust
  const flagged = s.trustedFlaggerReports > 0 ? TRUSTED_FLAGGER_PRIORITY : 0;
  return Math.round((flagged + s.severity * reach * weight) * 100) / 100;
}

/** The policy area of a case is that of its most severe category. */
export function areaOf(categories: Iterable<Category>): PolicyArea {
  let worst: Category = 'other';
  for (const c of categories) if (SEVERITY[c] > SEVERITY[worst] || worst === 'other') worst = c;
  return AREA_OF[worst];
}

export const DEFAULT_TRUST = 0.5;
