/**
 * Intake: validate, de-duplicate, score and fold reports into one open case per
 * reported account — in set-based queries, so a batch of 1,000 costs a handful
 * of statements plus one update per touched case.
 */
import type { AccountService } from '../accounts/service.js';
import type { Account } from '../accounts/model.js';
import type { Actor, AuditInput } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { type CaseAuditEvent, reportsReceived } from '../cases/events.js';
import type { CaseFolding } from '../cases/folding.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { type FieldProblem, invalidInput } from '../errors.js';
import { type Category, type ReportInput } from './model.js';
import { type ReporterAuditEvent, reportsIgnored } from '../reporters/events.js';
import { type ReporterStanding, reportingSuspended } from '../reporters/model.js';
import { recordedStanding } from '../reporters/store.js';
import { fromJson, toJson } from '../db/json.js';

export interface IntakeResult {
  reportId: number;
  /** 0 when it was ignored and its account had no open case */
  caseId: number;
  duplicate: boolean;
  /** its reporter's reporting is suspended (DSA Art. 23): kept, counted towards nothing */
  ignored: boolean;
}

export type IntakeOutcome = { ok: true; result: IntakeResult } | { ok: false; problem: FieldProblem };

const dedupKey = (accountId: string, reporterId: string, category: string) => `${accountId}\u0000${reporterId}\u0000${category}`;

export class IntakeService {
  constructor(
    private readonly audit: AuditAppender<CaseAuditEvent | ReporterAuditEvent>,
    private readonly accounts: AccountService,
    private readonly cases: CaseFolding,
    private readonly clock: Clock,
    private readonly cfg: Config['intake'],
  ) {}

  /** All or nothing: one unknown account rejects the whole batch, naming its index. */
  async submit(tx: Db, actor: Actor, reports: ReportInput[]): Promise<IntakeResult[]> {
    const outcomes = await this.submitEach(tx, actor, reports, (i) => `reports.${i}.accountId`);
    const problems = outcomes.flatMap((o) => (o.ok ? [] : [o.problem]));
    if (problems.length > 0) throw invalidInput(problems);
    return outcomes.map((o) => (o as { ok: true; result: IntakeResult }).result);
  }

  /**
   * Each report stands alone: reports on unknown accounts are refused and write
   * nothing; the rest are taken. Used by group commit, where reports from many
   * requests share one transaction.
   */
  async submitEach(tx: Db, actor: Actor, reports: ReportInput[], pathOf: (index: number) => string, auditSink?: AuditInput<CaseAuditEvent>[]): Promise<IntakeOutcome[]> {
    // The audit head is the last lock a transaction takes (after case rows), so
    // intake and claims on PostgreSQL never wait on each other in a cycle. A
    // caller running several intakes in one transaction passes a sink and
    // appends once at the end.
    const audits: AuditInput<CaseAuditEvent | ReporterAuditEvent>[] = auditSink ?? [];
    const now = this.clock.now();
    const accountIds = [...new Set(reports.map((r) => r.accountId))];
    const accounts = await this.accounts.getMany(tx, accountIds);
    const outcomes: IntakeOutcome[] = new Array(reports.length);
    const accepted: { index: number; report: ReportInput; account: Account }[] = [];
    reports.forEach((report, index) => {
      const account = accounts.get(report.accountId);
      if (!account) {
        outcomes[index] = { ok: false, problem: { path: pathOf(index), message: `unknown account ${report.accountId}` } };
      } else accepted.push({ index, report, account });
    });
    if (accepted.length === 0) return outcomes;

    // every reporter's standing in one read per 900: trust, trusted flagger, reporting suspended
    const standing = await recordedStanding(tx, [...new Set(accepted.map((a) => a.report.reporterId))].sort(), now);
    const trust = new Map([...standing].map(([id, s]) => [id, s.trust]));
    const suspended = (reporterId: string) => reportingSuspended(standing.get(reporterId)!, now);
    const live = accepted.filter((a) => !suspended(a.report.reporterId));
    const ignored = accepted.filter((a) => suspended(a.report.reporterId));
    const earlier = await this.recentCounted(tx, [...new Set(live.map((a) => a.account.id))], [...new Set(live.map((a) => a.report.reporterId))], now - this.cfg.dedupWindowMs);
    const categories = new Map<string, Set<Category>>();
    for (const { report } of live) categories.set(report.accountId, (categories.get(report.accountId) ?? new Set()).add(report.category));
    const caseOf = await this.cases.openCasesFor(tx, actor, [...new Set(live.map((a) => a.account))], categories, audits);
    // an ignored report opens no case: it is kept with the account's open case, if it has one
    const openFor = await this.cases.findOpen(tx, [...new Set(ignored.map((a) => a.account.id))].filter((id) => !caseOf.has(id)));
    for (const [k, v] of openFor) caseOf.set(k, v);

    // The first report per (account, reporter, category) in the window counts;
    // repeats, in the store or earlier in this batch, are kept but point at it.
    const rows = [...live, ...ignored].map(({ report, account }) => ({
      received_at: now,
      reporter_id: report.reporterId,
      account_id: account.id,
      category: report.category,
      text: report.text,
      evidence: toJson(report.evidence),
      duplicate_of: null as number | null,
      case_id: caseOf.get(account.id)?.id ?? 0,
      source: actor.kind,
      trusted_flagger: standing.get(report.reporterId)!.trustedFlagger ? 1 : 0,
      ignored: suspended(report.reporterId) ? 1 : 0,
    }));
    const keys = rows.map((r) => dedupKey(r.account_id, r.reporter_id, r.category));
    const firstOfKey = new Map<string, number>();
    const originals: number[] = [];
    const repeats: number[] = [];
    rows.forEach((r, k) => {
      const key = keys[k]!;
      // an ignored report is kept as it came: it counts, and repeats, nothing
      if (r.ignored) return void originals.push(k);
      r.duplicate_of = earlier.get(key) ?? null;
      if (r.duplicate_of !== null || firstOfKey.has(key)) repeats.push(k);
      else {
        firstOfKey.set(key, k);
        originals.push(k);
      }
    });
    const ids: number[] = new Array(rows.length);
    const insert = async (which: number[]) => {
      for (let i = 0; i < which.length; i += 500) {
        const chunk = which.slice(i, i + 500);
        const got = await tx.insertInto('reports').values(chunk.map((k) => rows[k]!)).returning('id').execute();
        chunk.forEach((k, j) => (ids[k] = got[j]!.id));
      }
    };
    await insert(originals);
    for (const k of repeats) rows[k]!.duplicate_of ??= ids[firstOfKey.get(keys[k]!)!]!;
    await insert(repeats);

    const folded = rows.filter((r) => !r.ignored);
    if (folded.length > 0) {
      await this.cases.foldReports(
        tx,
        actor,
        folded.map((r) => ({ caseId: r.case_id, accountId: r.account_id, reporterId: r.reporter_id, category: r.category, counted: r.duplicate_of === null, trustedFlagger: r.trusted_flagger === 1 })),
        trust,
        accounts,
        audits,
      );
    }
    audits.push(
      reportsReceived(
        actor,
        rows.map((r, k) => ({ id: ids[k]!, category: r.category, duplicate: r.duplicate_of !== null, trustedFlagger: r.trusted_flagger === 1, ignored: r.ignored === 1 })),
      ),
    );
    audits.push(...this.ignoredEntries(actor, rows, ids, standing));
    if (!auditSink) await this.audit.appendMany(tx, audits);

    [...live, ...ignored].forEach(({ index }, k) => {
      const r = rows[k]!;
      outcomes[index] = { ok: true, result: { reportId: ids[k]!, caseId: r.case_id, duplicate: r.duplicate_of !== null, ignored: r.ignored === 1 } };
    });
    return outcomes;
  }

  /** The first counted report per (account, reporter, category) inside the window. */
  private async recentCounted(tx: Db, accountIds: string[], reporterIds: string[], since: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    // (account, reporter) pairs narrow the read to this batch's keys, not the
    // accounts' whole history in the window: hot accounts stay cheap
    for (let i = 0; i < accountIds.length; i += 400) {
      const rows = await tx
        .selectFrom('reports')
        .select(['id', 'account_id', 'reporter_id', 'category'])
        .where('account_id', 'in', accountIds.slice(i, i + 400))
        .where('reporter_id', 'in', reporterIds)
        .where('received_at', '>=', since)
        .where('duplicate_of', 'is', null)
        .execute();
      for (const r of rows) {
        const key = dedupKey(r.account_id, r.reporter_id, r.category);
        if (!out.has(key)) out.set(key, r.id);
      }
    }
    return out;
  }

  /** One entry per suspended reporter whose reports were taken but not counted. */
  private ignoredEntries(actor: Actor, rows: { reporter_id: string; ignored: number }[], ids: number[], standing: Map<string, ReporterStanding>) {
    const byReporter = new Map<string, number[]>();
    rows.forEach((r, k) => r.ignored && byReporter.set(r.reporter_id, [...(byReporter.get(r.reporter_id) ?? []), ids[k]!]));
    return [...byReporter].map(([reporterId, reportIds]) => reportsIgnored(actor, reporterId, reportIds, standing.get(reporterId)!.suspension!));
  }

  /** A case's reports, newest first, each with its reporter's current trust (0–1), which weighs it in the priority. */
  async listForCase(db: Db, caseId: number, limit = 200) {
    const rows = await db
      .selectFrom('reports')
      .leftJoin('reporters', 'reporters.id', 'reports.reporter_id')
      .selectAll('reports')
      .select('reporters.trust as reporter_trust')
      .where('reports.case_id', '=', caseId)
      .orderBy('reports.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      reporterId: r.reporter_id,
      accountId: r.account_id,
      category: r.category,
      text: r.text,
      evidence: fromJson(r.evidence),
      duplicateOf: r.duplicate_of,
      reporterTrust: r.reporter_trust ?? null,
    }));
  }
}
