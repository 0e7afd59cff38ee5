/**
 * Reporters' standing in the store: read for a whole intake batch in one
 * query per 900 reporters, changed only by an approved action (service.ts),
 * and the record a misuse measure or a trusted flagger's figures are derived
 * from: their reports and the outcomes of the cases those were folded into.
 */
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ReportersTable } from '../db/schema.js';
import { notFound } from '../errors.js';
import { DEFAULT_TRUST } from '../reports/model.js';
import { MISUSE_WINDOW_MS, type MisuseCounts, type ReporterStanding, UNFOUNDED_RESOLUTIONS } from './model.js';

export const rowToStanding = (r: Selectable<ReportersTable>): ReporterStanding => ({
  id: r.id,
  trust: r.trust,
  firstSeenAt: r.first_seen_at,
  trustedFlagger:
    r.flagger_since === null ? null : { name: r.flagger_name ?? '', organisation: r.flagger_organisation, since: r.flagger_since, actionId: r.flagger_action_id ?? '' },
  warning: r.warned_at === null ? null : { at: r.warned_at, actionId: r.warned_action_id ?? '' },
  suspension: r.suspended_until === null ? null : { until: r.suspended_until, actionId: r.suspended_action_id ?? '' },
});

/**
 * The standing of each reporter (every one of an intake batch), first
 * recording the ones Warden has not seen (with the default trust): one insert
 * and one read per 900 reporters, never a query per report.
 */
export async function recordedStanding(tx: Db, reporterIds: string[], now: number): Promise<Map<string, ReporterStanding>> {
  const out = new Map<string, ReporterStanding>();
  for (let i = 0; i < reporterIds.length; i += 900) {
    const ids = reporterIds.slice(i, i + 900);
    await tx
      .insertInto('reporters')
      .values(ids.map((id) => ({ id, trust: DEFAULT_TRUST, first_seen_at: now })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const rows = await tx.selectFrom('reporters').selectAll().where('id', 'in', ids).execute();
    for (const r of rows) out.set(r.id, rowToStanding(r));
  }
  return out;
}

export async function standingOf(db: Db, reporterId: string, lock = false): Promise<ReporterStanding> {
  const q = db.selectFrom('reporters').selectAll().where('id', '=', reporterId);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('reporter', reporterId);
  return rowToStanding(row);
}

/** The registered trusted flaggers, longest registered first. */
export async function trustedFlaggers(db: Db, limit: number): Promise<ReporterStanding[]> {
  const rows = await db.selectFrom('reporters').selectAll().where('flagger_since', 'is not', null).orderBy('flagger_since').orderBy('id').limit(limit).execute();
  return rows.map(rowToStanding);
}

/** The standing columns an approved action writes (src/reporters/service.ts). */
export type StandingColumns = Omit<Updateable<ReportersTable>, 'id' | 'trust' | 'first_seen_at'>;

export async function setStanding(tx: Db, reporterId: string, columns: StandingColumns): Promise<void> {
  await tx.updateTable('reporters').set(columns).where('id', '=', reporterId).execute();
}

/** The standing of each of `reporterIds` Warden knows, without recording any (one read per 900). */
export async function standingsOf(db: Db, reporterIds: string[]): Promise<Map<string, ReporterStanding>> {
  const out = new Map<string, ReporterStanding>();
  for (let i = 0; i < reporterIds.length; i += 900) {
    const rows = await db.selectFrom('reporters').selectAll().where('id', 'in', reporterIds.slice(i, i + 900)).execute();
    for (const r of rows) out.set(r.id, rowToStanding(r));
  }
  return out;
}

/**
 * What each reporter's reports in the window before `now` came to: the
 * reports (not repeats, not ignored ones), those whose case is resolved, and
 * those resolved as unfounded. Derived from the store, never from a proposer;
 * one grouped read per 900 reporters.
 */
export async function misuseCountsFor(db: Db, reporterIds: string[], now: number): Promise<Map<string, MisuseCounts>> {
  const since = Math.max(0, now - MISUSE_WINDOW_MS);
  const out = new Map<string, MisuseCounts>(reporterIds.map((id) => [id, { unfounded: 0, decided: 0, total: 0, since, windowMs: now - since }]));
  for (let i = 0; i < reporterIds.length; i += 900) {
    const rows = await db
      .selectFrom('reports')
      .leftJoin('cases', 'cases.id', 'reports.case_id')
      .select(['reports.reporter_id', 'cases.status', 'cases.resolution'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reports.reporter_id', 'in', reporterIds.slice(i, i + 900))
      .where('reports.received_at', '>=', since)
      .where('reports.duplicate_of', 'is', null)
      .where('reports.ignored', '=', 0)
      .groupBy(['reports.reporter_id', 'cases.status', 'cases.resolution'])
      .execute();
    for (const r of rows) {
      const c = out.get(r.reporter_id)!;
      const n = Number(r.n);
      c.total += n;
      if (r.status === 'resolved') c.decided += n;
      if (r.status === 'resolved' && UNFOUNDED_RESOLUTIONS.some((u) => u === r.resolution)) c.unfounded += n;
    }
  }
  return out;
}

export async function misuseCountsOf(db: Db, reporterId: string, now: number): Promise<MisuseCounts> {
  return (await misuseCountsFor(db, [reporterId], now)).get(reporterId)!;
}

/** How long each of a trusted flagger's notices waited for its case's decision (ms), newest first, at most `limit`. */
export async function flaggerDecisionTimes(db: Db, reporterId: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('cases', 'cases.id', 'reports.case_id')
    .select(['reports.received_at', 'cases.resolved_at'])
    .where('reports.reporter_id', '=', reporterId)
    .where('reports.trusted_flagger', '=', 1)
    .where('reports.duplicate_of', 'is', null)
    .where('cases.resolved_at', 'is not', null)
    .orderBy('reports.received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Math.max(0, r.resolved_at! - r.received_at));
}
