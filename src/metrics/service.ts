/**
 * The leads' metrics over a period (model.ts MEASURED): for everyone, per
 * queue, reason code and member of staff; or for one member of staff. Each
 * metric is one set-based read (store.ts) giving all its groupings at once;
 * the reads of one answer run one after another, none per case or per person.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { findStaff } from '../staff/store.js';
import { type Figures, type Keyed, MEASURED, NO_FIGURES, type Outcomes, type StaffFigures, keyed, outcomes, staffTable } from './model.js';
import { MetricsStore, type Only, type Period } from './store.js';

export interface LeadMetrics {
  period: { from: string; to: string };
  /** the instant the queue ages were read at */
  at: string;
  measured: typeof MEASURED;
  firstReview: { all: Figures; byQueue: Keyed<Figures>[] };
  decision: { all: Figures; byReason: Keyed<Figures>[]; byResolution: Keyed<Figures>[] };
  queueAge: { byQueue: Keyed<Figures>[] };
  approvalWait: { all: Figures; byKind: Keyed<Figures>[]; byReason: Keyed<Figures>[]; pending: { count: number; oldestMs: number | null } };
  appeals: { all: Outcomes; decisionTime: Figures; byReason: Keyed<Outcomes>[] };
  staff: StaffFigures[];
}

export interface StaffMetrics {
  period: { from: string; to: string };
  staff: { id: string; name: string; role: string };
  firstReview: { all: Figures; byQueue: Keyed<Figures>[] };
  decision: { all: Figures; byReason: Keyed<Figures>[] };
  approval: { all: Figures; byKind: Keyed<Figures>[] };
  appeals: { all: Outcomes; byReason: Keyed<Outcomes>[] };
}

const only = <T>(m: ReadonlyMap<string, T>, empty: T): T => m.get('all') ?? empty;
const NO_OUTCOMES = outcomes(0, 0);
const periodText = (p: Period) => ({ from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() });

export class LeadMetricsService {
  private readonly store = new MetricsStore();
  constructor(private readonly clock: Clock) {}

  async leads(db: Db, p: Period): Promise<LeadMetrics> {
    const s = this.store;
    const now = this.clock.now();
    const review = await s.firstReviews(db, p, ['all', 'queue', 'staff'], null);
    const decision = await s.decisions(db, p, ['all', 'reason', 'resolution', 'staff'], null);
    const approval = await s.approvalWaits(db, p, ['all', 'kind', 'reason']);
    const approver = await s.approverWaits(db, p, ['staff'], null);
    const pending = await s.awaitingApproval(db);
    const appealsBy = { all: await s.appealOutcomes(db, p, 'all', null), reason: await s.appealOutcomes(db, p, 'reason', null), proposer: await s.appealOutcomes(db, p, 'proposer', null) };
    const byStaff = { firstReview: review.staff, decision: decision.staff, approval: approver.staff, appeals: appealsBy.proposer };
    const ids = new Set(Object.values(byStaff).flatMap((m) => [...m.keys()]));
    return {
      period: periodText(p),
      at: new Date(now).toISOString(),
      measured: MEASURED,
      firstReview: { all: only(review.all, NO_FIGURES), byQueue: keyed(review.queue) },
      decision: { all: only(decision.all, NO_FIGURES), byReason: keyed(decision.reason), byResolution: keyed(decision.resolution) },
      queueAge: { byQueue: keyed(await s.queueAges(db, now)) },
      approvalWait: {
        all: only(approval.all, NO_FIGURES),
        byKind: keyed(approval.kind),
        byReason: keyed(approval.reason),
        pending: { count: pending.n, oldestMs: pending.oldest === null ? null : now - pending.oldest },
      },
      appeals: { all: only(appealsBy.all, NO_OUTCOMES), decisionTime: only(await s.appealTimes(db, p), NO_FIGURES), byReason: keyed(appealsBy.reason) },
      staff: staffTable(await s.names(db, [...ids]), byStaff),
    };
  }

  async staff(db: Db, staffId: string, p: Period): Promise<StaffMetrics> {
    const found = await findStaff(db, staffId);
    if (!found) throw notFound('staff member', staffId);
    const person = { id: found.id, name: found.name, role: found.role };
    const s = this.store;
    const one: Only = { staffId };
    const review = await s.firstReviews(db, p, ['all', 'queue'], one);
    const decision = await s.decisions(db, p, ['all', 'reason'], one);
    const approval = await s.approverWaits(db, p, ['all', 'kind'], one);
    return {
      period: periodText(p),
      staff: person,
      firstReview: { all: only(review.all, NO_FIGURES), byQueue: keyed(review.queue) },
      decision: { all: only(decision.all, NO_FIGURES), byReason: keyed(decision.reason) },
      approval: { all: only(approval.all, NO_FIGURES), byKind: keyed(approval.kind) },
      appeals: { all: only(await s.appealOutcomes(db, p, 'all', one), NO_OUTCOMES), byReason: keyed(await s.appealOutcomes(db, p, 'reason', one)) },
    };
  }

  /** What /metrics reads at each scrape: unresolved cases per queue, and the oldest action awaiting approval. */
  unresolvedCases(db: Db) {
    return this.store.unresolvedCases(db);
  }
  awaitingApproval(db: Db) {
    return this.store.awaitingApproval(db);
  }
}
