/**
 * Reads the durations of the leads' metrics (model.ts MEASURED) from the
 * store, set-based: each metric is one query that numbers its durations per
 * group in SQL (a window over them) and returns, per group, only the count
 * and the positions the figures need (model.ts isPicked) — a few rows a
 * group, however many cases the period holds. Every range read is an index
 * of migration 023 (or the audit log's by action and time, 021).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { awaitingApprovalSummary } from '../actions/store.js';
import { staffWithIds } from '../staff/store.js';
import { type Figures, NO_REASON, type Outcomes, PERCENTILES, type Picked, figuresOf, outcomes } from './model.js';
import { DECIDED_STATES, DROPPED_STATES } from '../actions/model.js';

export interface Period {
  from: number;
  to: number;
}
/** Only this member of staff's durations (as claimer, resolver, approver, proposer), or everyone's. */
export type Only = { staffId: string } | null;

const ALL = sql<string>`'all'`;
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/** The figures of one metric, per grouping asked for (`all` is one group of everything). */
export type ByDim<D extends string> = Record<D, Map<string, Figures>>;

/**
 * The figures of each group of a set of durations, for several groupings at
 * once: `durations` selects `ms` and a column `g_<dim>` per grouping; it is
 * read once (materialized), and each grouping numbers its own groups.
 */
async function figuresBy<D extends string>(db: Db, durations: RawBuilder<unknown>, dims: readonly D[]): Promise<ByDim<D>> {
  const near = Object.values(PERCENTILES).map((pct) => sql`abs(100 * i - (n - 1) * ${sql.lit(pct)}) < 100`);
  const each = sql.join(
    dims.map((d) => sql`select ${sql.lit(d)} as dim, ${sql.ref(`g_${d}`)} as grp, ms from d`),
    sql` union all `,
  );
  const picked = await sql<Picked & { dim: D }>`
    with d as materialized (${durations})
    select dim, grp, n, i, ms from (
      select dim, grp, ms, row_number() over (partition by dim, grp order by ms) - 1 as i, count(*) over (partition by dim, grp order by ms rows between unbounded preceding and unbounded following) as n
      from (${each}) as u
    ) as r
    where i = n - 1 or ${sql.join(near, sql` or `)}`.execute(db);
  return Object.fromEntries(dims.map((d) => [d, figuresOf(picked.rows.filter((r) => r.dim === d))])) as ByDim<D>;
}

/** The grouping columns a durations query selects: `<expr> as g_<dim>` for each dimension asked for. */
const groupings = (dims: readonly string[], exprs: Record<string, RawBuilder<unknown>>) => sql.join(dims.map((d) => sql`${exprs[d]!} as ${sql.ref(`g_${d}`)}`));

/** The reason code a case was decided on: its latest action that was not refused, or none. */
const caseReason = sql<string>`coalesce((
  select x.reason_code from actions x
  where x.case_id = c.id and x.state not in (${list(DROPPED_STATES)})
  order by x.proposed_at desc, x.id desc limit 1
), ${NO_REASON})`;

export type ReviewDim = 'all' | 'queue' | 'staff';
export type DecisionDim = 'all' | 'reason' | 'resolution' | 'staff';
export type ApprovalDim = 'all' | 'kind' | 'reason';
export type ApproverDim = 'all' | 'kind' | 'staff';

export class MetricsStore {
  /** From opening to first claim, for cases first claimed in the period. */
  firstReviews<D extends ReviewDim>(db: Db, p: Period, dims: readonly D[], only: Only): Promise<ByDim<D>> {
    const g = groupings(dims, { all: ALL, queue: sql`c.queue`, staff: sql`a.actor_id` });
    return figuresBy(
      db,
      sql`select ${g}, a.at - c.opened_at as ms
        from audit_log a join cases c on c.id = cast(a.subject_id as bigint)
        where a.action = 'case.claimed' and a.subject_type = 'case' and a.at >= ${p.from} and a.at < ${p.to}
          ${only ? sql`and a.actor_id = ${only.staffId}` : sql``}
          and not exists (
            select 1 from audit_log b
            where b.subject_type = 'case' and b.subject_id = a.subject_id and b.action = 'case.claimed' and b.seq < a.seq
          )`,
      dims,
    );
  }

  /** From opening to resolution, for report cases resolved in the period. */
  decisions<D extends DecisionDim>(db: Db, p: Period, dims: readonly D[], only: Only): Promise<ByDim<D>> {
    const g = groupings(dims, { all: ALL, reason: caseReason, resolution: sql`c.resolution`, staff: sql`c.resolved_by` });
    return figuresBy(
      db,
      sql`select ${g}, c.resolved_at - c.opened_at as ms
        from cases c
        where c.resolved_at >= ${p.from} and c.resolved_at < ${p.to} and c.queue <> 'appeals'
          ${only ? sql`and c.resolved_by = ${only.staffId}` : sql``}`,
      dims,
    );
  }

  /** How long each unresolved case has waited, now, per queue. */
  async queueAges(db: Db, now: number): Promise<Map<string, Figures>> {
    return (await figuresBy(db, sql`select c.queue as g_queue, ${now} - c.opened_at as ms from cases c where c.status <> 'resolved'`, ['queue'])).queue;
  }

  /** From proposal to the last approval or the rejection, for actions so decided in the period. */
  approvalWaits<D extends ApprovalDim>(db: Db, p: Period, dims: readonly D[]): Promise<ByDim<D>> {
    const g = groupings(dims, { all: ALL, kind: sql`x.kind`, reason: sql`x.reason_code` });
    return figuresBy(
      db,
      sql`select ${g}, d.decided_at - x.proposed_at as ms
        from (
          select action_id, max(at) as decided_at from approvals
          where voided_at is null and action_id in (select action_id from approvals where at >= ${p.from} and at < ${p.to})
          group by action_id
        ) as d join actions x on x.id = d.action_id
        where d.decided_at >= ${p.from} and d.decided_at < ${p.to} and x.state in (${list(DECIDED_STATES)})`,
      dims,
    );
  }

  /** From proposal to each approver's own verdict, for verdicts given in the period. */
  approverWaits<D extends ApproverDim>(db: Db, p: Period, dims: readonly D[], only: Only): Promise<ByDim<D>> {
    const g = groupings(dims, { all: ALL, kind: sql`x.kind`, staff: sql`v.approver_id` });
    return figuresBy(
      db,
      sql`select ${g}, v.at - x.proposed_at as ms
        from approvals v join actions x on x.id = v.action_id
        where v.at >= ${p.from} and v.at < ${p.to} and v.voided_at is null
          ${only ? sql`and v.approver_id = ${only.staffId}` : sql``}`,
      dims,
    );
  }

  /** Appeals decided in the period, and of them the granted, per the contested action's reason or proposer. */
  async appealOutcomes(db: Db, p: Period, by: 'all' | 'reason' | 'proposer', only: Only): Promise<Map<string, Outcomes>> {
    const grp = { all: ALL, reason: sql`coalesce(x.reason_code, ${NO_REASON})`, proposer: sql`x.proposer_id` }[by];
    const staffOnly = by === 'proposer' || only ? sql`and x.proposer_kind = 'staff'` : sql``;
    const rows = await sql<{ grp: string; decided: number; granted: number }>`
      select ${grp} as grp, count(*) as decided, sum(case when ap.state = 'granted' then 1 else 0 end) as granted
      from appeals ap left join actions x on x.id = ap.action_id
      where ap.decided_at >= ${p.from} and ap.decided_at < ${p.to} ${staffOnly}
        ${only ? sql`and x.proposer_id = ${only.staffId}` : sql``}
      group by 1`.execute(db);
    return new Map(rows.rows.map((r) => [r.grp, outcomes(Number(r.decided), Number(r.granted))]));
  }

  /** From filing to decision, for appeals decided in the period. */
  async appealTimes(db: Db, p: Period): Promise<Map<string, Figures>> {
    const d = sql`select ${ALL} as g_all, ap.decided_at - ap.filed_at as ms from appeals ap where ap.decided_at >= ${p.from} and ap.decided_at < ${p.to}`;
    return (await figuresBy(db, d, ['all'])).all;
  }

  /** The names of these members of staff. */
  async names(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await staffWithIds(db, ids)).map((r) => [r.id, r.name]));
  }

  /** At a scrape: unresolved cases per queue and status, with the oldest's opening (one read of migration 023's index). */
  async unresolvedCases(db: Db): Promise<{ queue: string; status: string; n: number; oldest: number }[]> {
    const rows = await db
      .selectFrom('cases')
      .select(['queue', 'status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('opened_at').as('oldest')])
      .where('status', '<>', 'resolved')
      .groupBy(['queue', 'status'])
      .execute();
    return rows.map((r) => ({ queue: r.queue, status: r.status, n: Number(r.n), oldest: Number(r.oldest) }));
  }

  /** At a scrape: actions waiting for an approver, and when the oldest was proposed (null when none waits). */
  async awaitingApproval(db: Db): Promise<{ n: number; oldest: number | null }> {
    return awaitingApprovalSummary(db);
  }
}
