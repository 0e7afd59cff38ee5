/**
 * A realistic, reproducible stream of reports: a Zipf-ish spread over ~10k
 * accounts (a few draw most of the reports), a handful of categories with
 * spam and harassment dominant, many reporters (a few of them prolific), and a
 * small share of repeats of an earlier (account, reporter, category).
 */
import type { AccountImport } from '../src/accounts/model.js';
import type { Category, ReportInput } from '../src/reports/model.js';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with P(k) ∝ 1/(k+1)^s. */
export function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / (k + 1) ** s;
  for (let k = 0; k < n; k++) cdf[k]! /= sum;
  return () => {
    const u = rand();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function weighted<T>(pairs: readonly (readonly [T, number])[], rand: () => number): () => T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  return () => {
    let u = rand() * total;
    for (const [v, w] of pairs) if ((u -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  };
}

export const ACCOUNTS = 10_000;
export const REPORTERS = 200_000;
export const accountId = (i: number) => `acct_${String(i).padStart(6, '0')}`;

/** The platform's accounts: followers spread over orders of magnitude, a few protected. */
export function accounts(n = ACCOUNTS, seed = 1): AccountImport[] {
  const rand = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const followers = Math.floor(10 ** (1 + rand() * 5));
    const u = rand();
    return {
      id: accountId(i),
      handle: `user${i}`,
      displayName: `User ${i}`,
      followers,
      verified: followers > 500_000,
      status: 'active' as const,
      statusUntil: null,
      version: 1,
      tier: u < 0.0005 ? ('critical' as const) : u < 0.005 ? ('elevated' as const) : undefined,
    };
  });
}

export const CATEGORY_MIX: readonly (readonly [Category, number])[] = [
  ['spam', 45],
  ['harassment', 20],
  ['misinformation', 10],
  ['impersonation', 7],
  ['hate', 7],
  ['other', 8],
  ['violent_threat', 1.5],
  ['self_harm', 1],
  ['child_safety', 0.5],
];

const TEXTS = [
  'This account keeps posting the same link in every thread.',
  'They sent me threatening messages after I blocked them.',
  'Pretending to be a well-known journalist, same photo and name.',
  'Spreading a fake claim about the election date.',
  'Repeated slurs in replies to my posts, screenshots attached.',
  'Bot-like behaviour: hundreds of identical replies per minute.',
  '',
  'Scam: asks people to send crypto to "double" it.',
];

/** An endless, seeded stream of report inputs. */
export function reportStream(seed = 7, nAccounts = ACCOUNTS): () => ReportInput {
  const rand = rng(seed);
  // hot accounts are spread over the id range, not the first ids
  const perm = Array.from({ length: nAccounts }, (_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const account = zipf(nAccounts, 1.0, rand);
  const category = weighted(CATEGORY_MIX, rand);
  const prolific = zipf(2_000, 1.1, rand);
  const recent: ReportInput[] = [];
  let n = 0;
  return () => {
    n++;
    // ~3% repeat a recent (account, reporter, category): counted once, kept
    if (recent.length > 100 && rand() < 0.03) {
      const prev = recent[Math.floor(rand() * recent.length)]!;
      return { ...prev, text: 'again: ' + prev.text };
    }
    const reporterId = rand() < 0.2 ? `rptr_p${prolific()}` : `rptr_${Math.floor(rand() * REPORTERS)}`;
    const evidenceCount = Math.floor(rand() * 3);
    const report: ReportInput = {
      reporterId,
      accountId: accountId(perm[account()]!),
      category: category(),
      text: TEXTS[Math.floor(rand() * TEXTS.length)]!,
      evidence: Array.from({ length: evidenceCount }, (_, k) => `https://platform.example/p/${n}_${k}`),
    };
    if (recent.length < 5_000) recent.push(report);
    else recent[Math.floor(rand() * recent.length)] = report;
    return report;
  };
}

export function batches(next: () => ReportInput, count: number, size: number): ReportInput[][] {
  return Array.from({ length: count }, () => Array.from({ length: size }, next));
}
