/**
 * Folding reports into cases: one open case per reported account, opened on
 * its first report, then counts, distinct reporters and their trust,
 * priority, the brigade flag and routing as reports arrive. Opening a case and
 * flagging or re-routing it are audited (into the caller's sink, appended with
 * the intake); folding a report into an existing case is not a change worth an
 * entry (the report has its own append-only row).
 */
import { sql } from 'kysely';
import type { Account } from '../accounts/model.js';
import type { Actor, AuditInput } from '../audit/model.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import type { CaseRow, NewCaseRow } from '../db/schema.js';
import { type Category, SEVERITY, areaOf, priorityOf } from '../reports/model.js';
import { protectionRank, routeCase } from './model.js';
import { type CaseAuditEvent, caseBrigadeFlagged, caseOpened, caseReroutedBySeverity } from './events.js';
import { fromJson, toJson } from '../db/json.js';
import { newCaseRow } from './rows.js';

export interface FoldItem {
  caseId: number;
  accountId: string;
  reporterId: string;
  category: Category;
  counted: boolean;
  /** its reporter is a registered trusted flagger */
  trustedFlagger: boolean;
}

/** Where folding puts the entries it owes: the intake's list, appended with it. */
export interface AuditSink {
  push(...entries: AuditInput<CaseAuditEvent>[]): number;
}

export class CaseFolding {
  constructor(
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly cfg: Config['intake'],
  ) {}

  /** The open case of each account, opening (and auditing) the missing ones. */
  async openCasesFor(tx: Db, actor: Actor, accounts: Account[], categories: Map<string, Set<Category>>, audits: AuditSink): Promise<Map<string, CaseRow>> {
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const found = await this.findOpen(tx, [...byId.keys()]);
    // inserted in account order, so concurrent intakes take index locks in one order
    const missing = accounts.filter((a) => !found.has(a.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (missing.length === 0) return found;
    const now = this.clock.now();
    const fresh = missing.map((a): NewCaseRow => {
      const cats = [...(categories.get(a.id) ?? [])];
      const area = areaOf(cats);
      return newCaseRow({ accountId: a.id, queue: routeCase(a.tier, area), area, severity: Math.max(...cats.map((c) => SEVERITY[c]), 1), categories: cats.sort(), priority: 0 }, now);
    });
    // Another transaction may open the same case at the same moment: the
    // partial unique index decides, and the loser reads the winner's case.
    const opened = await tx
      .insertInto('cases')
      .values(fresh)
      // the predicate of cases_one_open_per_account (migration 016): appeal cases are not report cases
      .onConflict((oc) => oc.column('account_id').where(sql<boolean>`status <> 'resolved' AND queue <> 'appeals'`).doNothing())
      .returningAll()
      .execute();
    audits.push(...opened.map((c) => caseOpened(actor, c, byId.get(c.account_id)!.tier)));
    const again = opened.length === missing.length ? new Map(opened.map((c) => [c.account_id, c])) : await this.findOpen(tx, missing.map((a) => a.id));
    for (const [k, v] of again) found.set(k, v);
    return found;
  }

  /** The open report case of each account that has one (none is opened). */
  async findOpen(tx: Db, accountIds: string[]): Promise<Map<string, CaseRow>> {
    const out = new Map<string, CaseRow>();
    for (let i = 0; i < accountIds.length; i += 900) {
      const rows = await tx
        .selectFrom('cases')
        .selectAll()
        .where('account_id', 'in', accountIds.slice(i, i + 900))
        .where('status', '<>', 'resolved')
        .where('queue', '<>', 'appeals')
        .execute();
      for (const r of rows) out.set(r.account_id, r);
    }
    return out;
  }

  /** Fold accepted reports into their cases: counts, reporters, priority, brigade flag, routing. */
  async foldReports(tx: Db, actor: Actor, items: FoldItem[], trust: Map<string, number>, accounts: Map<string, Account>, audits: AuditSink): Promise<void> {
    const now = this.clock.now();
    const caseIds = [...new Set(items.map((i) => i.caseId))].sort((a, b) => a - b);
    // Lock the cases in id order so concurrent folds serialise without deadlock.
    const cases = new Map<number, CaseRow>();
    for (let i = 0; i < caseIds.length; i += 900) {
      const q = tx.selectFrom('cases').selectAll().where('id', 'in', caseIds.slice(i, i + 900)).orderBy('id');
      for (const r of await (this.dialect === 'postgres' ? q.forUpdate() : q).execute()) cases.set(r.id, r);
    }
    const pairs = new Map<string, { case_id: number; reporter_id: string }>();
    for (const it of items) if (it.counted) pairs.set(`${it.caseId}\u0000${it.reporterId}`, { case_id: it.caseId, reporter_id: it.reporterId });
    const newReporters = new Map<number, string[]>();
    const pairList = [...pairs.values()].sort((a, b) => a.case_id - b.case_id || (a.reporter_id < b.reporter_id ? -1 : a.reporter_id > b.reporter_id ? 1 : 0));
    for (let i = 0; i < pairList.length; i += 500) {
      const got = await tx
        .insertInto('case_reporters')
        .values(pairList.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['case_id', 'reporter_id']).doNothing())
        .returning(['case_id', 'reporter_id'])
        .execute();
      for (const g of got) newReporters.set(g.case_id, [...(newReporters.get(g.case_id) ?? []), g.reporter_id]);
    }
    const byCase = new Map<number, FoldItem[]>();
    for (const it of items) byCase.set(it.caseId, [...(byCase.get(it.caseId) ?? []), it]);

    for (const caseId of caseIds) {
      const its = byCase.get(caseId)!;
      const c = cases.get(caseId)!;
      const account = accounts.get(c.account_id)!;
      const cats = new Set<Category>(fromJson(c.categories));
      for (const it of its) cats.add(it.category);
      const added = newReporters.get(caseId) ?? [];
      const trustSum = c.reporter_trust_sum + added.reduce((s, r) => s + (trust.get(r) ?? 0), 0);
      const flagged = c.trusted_flagger_reports + its.filter((i) => i.counted && i.trustedFlagger).length;
      const inWindow = now - c.velocity_window_start < this.cfg.brigadeWindowMs;
      const windowStart = inWindow ? c.velocity_window_start : now;
      const velocity = (inWindow ? c.velocity_count : 0) + its.length;
      const brigade = c.brigade === 1 || velocity >= this.cfg.brigadeThreshold;
      const severity = Math.max(...[...cats].map((x) => SEVERITY[x]));
      const area = areaOf(cats);
      // re-route only when the area changes, and never to a less protected queue
      // than the one a person (or the tier) put the case in
      const routed = routeCase(account.tier, area);
      const current = c.queue;
      const queue =
        protectionRank(routed) > protectionRank(current) || (area !== c.area && protectionRank(routed) === protectionRank(current)) ? routed : current;
      const next = {
        categories: toJson([...cats].sort()),
        severity,
        area,
        queue,
        report_count: c.report_count + its.length,
        counted_reports: c.counted_reports + its.filter((i) => i.counted).length,
        distinct_reporters: c.distinct_reporters + added.length,
        reporter_trust_sum: trustSum,
        trusted_flagger_reports: flagged,
        velocity_window_start: windowStart,
        velocity_count: velocity,
        brigade: brigade ? 1 : 0,
        priority: priorityOf({ severity, followers: account.followers, reporterTrustSum: trustSum, brigade, trustedFlaggerReports: flagged }),
        last_report_at: now,
        updated_at: now,
      };
      await tx.updateTable('cases').set(next).where('id', '=', caseId).execute();
      if (brigade && c.brigade === 0) audits.push(caseBrigadeFlagged(caseId, velocity, this.cfg));
      if (queue !== c.queue) audits.push(caseReroutedBySeverity(c, { queue, area }));
    }
    void actor;
  }
}
