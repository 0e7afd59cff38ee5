/**
 * The leads' metrics over a period (model.ts MEASURED): for everyone, per
 * queue, reason code and member of staff; or for one member of staff. Each
 * figure is one set-based read (store.ts); the reads of one answer run one
 * after another on the store, none per case or per person.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
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
    const pending = await s.awaitingApproval(db);
    const byStaff = {
      firstReview: await s.firstReviews(db, p, 'staff', null),
      decision: await s.decisions(db, p, 'staff', null),
      approval: await s.approverWaits(db, p, 'staff', null),
      appeals: await s.appealOutcomes(db, p, 'proposer', null),
    };
    const ids = new Set(Object.values(byStaff).flatMap((m) => [...m.keys()]));
    return {
      period: periodText(p),
      at: new Date(now).toISOString(),
      measured: MEASURED,
      firstReview: { all: only(await s.firstReviews(db, p, 'all', null), NO_FIGURES), byQueue: keyed(await s.firstReviews(db, p, 'queue', null)) },
      decision: {
        all: only(await s.decisions(db, p, 'all', null), NO_FIGURES),
        byReason: keyed(await s.decisions(db, p, 'reason', null)),
        byResolution: keyed(await s.decisions(db, p, 'resolution', null)),
      },
      queueAge: { byQueue: keyed(await s.queueAges(db, now)) },
      approvalWait: {
        all: only(await s.approvalWaits(db, p, 'all'), NO_FIGURES),
        byKind: keyed(await s.approvalWaits(db, p, 'kind')),
        byReason: keyed(await s.approvalWaits(db, p, 'reason')),
        pending: { count: pending.n, oldestMs: pending.oldest === null ? null : now - pending.oldest },
      },
      appeals: {
        all: only(await s.appealOutcomes(db, p, 'all', null), NO_OUTCOMES),
        decisionTime: only(await s.appealTimes(db, p), NO_FIGURES),
        byReason: keyed(await s.appealOutcomes(db, p, 'reason', null)),
      },
      staff: staffTable(await s.names(db, [...ids]), byStaff),
    };
  }

  async staff(db: Db, staffId: string, p: Period): Promise<StaffMetrics> {
    const person = await db.selectFrom('staff').select(['id', 'name', 'role']).where('id', '=', staffId).executeTakeFirst();
    if (!person) throw notFound('staff member', staffId);
    const s = this.store;
    const one: Only = { staffId };
    return {
      period: periodText(p),
      staff: person,
      firstReview: { all: only(await s.firstReviews(db, p, 'all', one), NO_FIGURES), byQueue: keyed(await s.firstReviews(db, p, 'queue', one)) },
      decision: { all: only(await s.decisions(db, p, 'all', one), NO_FIGURES), byReason: keyed(await s.decisions(db, p, 'reason', one)) },
      approval: { all: only(await s.approverWaits(db, p, 'all', one), NO_FIGURES), byKind: keyed(await s.approverWaits(db, p, 'kind', one)) },
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
