/**
 * The reconciliation pass: every protected account's state on the platform,
 * read in bulk (ACCOUNT_STATES_MAX a request), compared in memory with what
 * Warden's actions say; only the accounts that differ go on to the service,
 * which re-reads Warden's side before deciding. Catches what a lost webhook
 * would have shown.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { countInTiers, statusesInTiers } from '../accounts/store.js';
import { ACCOUNT_STATES_MAX, type PlatformAdapter } from '../platform/adapter.js';
import type { Observation } from './model.js';
import type { DriftOutcome, TripwireService } from './service.js';

export interface ReconcileResult {
  checked: number;
  /** accounts Warden protects that the platform does not know */
  missing: number;
  differed: number;
  drifts: DriftOutcome[];
  ms: number;
}

export interface ReconcileOptions {
  /** accounts a page: one Warden query and one bulk platform request */
  page?: number;
  /**
   * Spread the pass evenly over this long (the worker passes most of its
   * interval): each account is then looked at once per interval, at the same
   * point of it, and the load is even instead of a burst every interval.
   */
  paceMs?: number;
}

export async function reconcileOnce(deps: { db: Db; clock: Clock; platform: PlatformAdapter; tripwires: TripwireService }, opts: ReconcileOptions = {}): Promise<ReconcileResult> {
  const page = opts.page ?? ACCOUNT_STATES_MAX;
  const started = performance.now();
  const tiers = deps.tripwires.reconciledTiers();
  const result: ReconcileResult = { checked: 0, missing: 0, differed: 0, drifts: [], ms: 0 };
  if (tiers.length === 0) return result;
  let pages = 1;
  if (opts.paceMs) {
    pages = Math.max(1, Math.ceil((await countInTiers(deps.db, tiers)) / page));
  }
  let after = '';
  for (let k = 0; ; k++) {
    if (opts.paceMs && k > 0) {
      const due = started + (k / pages) * opts.paceMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const rows = await statusesInTiers(deps.db, tiers, after, page);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const readAt = deps.clock.now();
    const states = await deps.platform.getAccountStates(rows.map((r) => r.id));
    const byId = new Map(states.map((s) => [s.id, s]));
    // compared with what executed actions set, not with the row (which may hold a status no action set)
    const { accounts: defended } = await deps.tripwires.wardenView(deps.db, rows.map((r) => r.id));
    const differing: Observation[] = [];
    for (const r of rows) {
      const s = byId.get(r.id);
      if (!s) {
        result.missing++;
        continue;
      }
      const w = defended.get(r.id) ?? r;
      if (s.status === w.status && s.statusUntil === w.statusUntil) continue;
      differing.push({
        accountId: s.id,
        status: s.status,
        statusUntil: s.statusUntil,
        version: s.version,
        changedAt: s.updatedAt,
        via: 'reconciliation',
        evidence: { source: 'reconciliation', platformState: s, readAt: new Date(readAt).toISOString() },
      });
    }
    result.checked += rows.length;
    result.differed += differing.length;
    if (differing.length > 0) result.drifts.push(...(await deps.tripwires.observe(differing)));
    if (rows.length < page) break;
  }
  result.ms = performance.now() - started;
  return result;
}
