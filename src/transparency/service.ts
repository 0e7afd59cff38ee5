/**
 * Reads what the transparency report sums (model.ts COUNTED) from the audit
 * log: the entries of each counted action in the period, a page at a time in
 * (at, seq) order, and for the measures their proposals and their cases'
 * first reports, wherever in the log those are. Read up to the head seen at
 * the start, so the report names exactly the log it was derived from.
 */
import { ActionEvents } from '../actions/events.js';
import { AppealEvents } from '../appeals/events.js';
import { decodeEntry } from '../audit/catalog.js';
import type { AuditEntry } from '../audit/model.js';
import type { AuditLog } from '../audit/service.js';
import { CaseEvents } from '../cases/events.js';
import { StatementEvents } from '../statements/events.js';
import type { Db } from '../db/database.js';
import type { WardenEvent } from '../events.js';
import { REPORTER_KINDS, type ReporterKind } from '../policy/model.js';
import { type AppealDecision, type CountedAction, type Intake, MEASURE_KINDS, type Measure, type MeasureKind, type Stated, type TransparencyReport, compileReport } from './model.js';

const PAGE = 2_000;

export interface Period {
  from: number;
  to: number;
}

const isMeasureKind = (kind: string): kind is MeasureKind => MEASURE_KINDS.some((k) => k === kind);
const isReporterKind = (kind: string): kind is ReporterKind => REPORTER_KINDS.some((k) => k === kind);

export class TransparencyReports {
  constructor(private readonly audit: AuditLog<WardenEvent>) {}

  async report(db: Db, period: Period): Promise<TransparencyReport> {
    const head = await this.audit.head(db);
    const inPeriod = (action: CountedAction) => this.between(db, action, period, head.size);

    const intakes: Intake[] = [];
    for await (const entry of inPeriod('reports.received')) {
      const e = decodeEntry(CaseEvents, entry);
      if (e?.action !== 'reports.received') continue;
      const { count, duplicates, byCategory } = e.after;
      intakes.push({ source: e.actor.kind, count, duplicates, byCategory, trustedFlagger: e.after.trustedFlagger ?? 0, ignored: e.after.ignored ?? 0 });
    }

    const executed: { actionId: string; kind: MeasureKind; at: number }[] = [];
    let reversals = 0;
    const reporterActions: ReporterKind[] = [];
    for await (const entry of inPeriod('action.executed')) {
      const e = decodeEntry(ActionEvents, entry);
      if (e?.action !== 'action.executed') continue;
      if (isReporterKind(e.after.kind)) reporterActions.push(e.after.kind);
      if (e.after.target.type !== 'account') continue;
      if (e.after.kind === 'restore') reversals += 1;
      else if (isMeasureKind(e.after.kind)) executed.push({ actionId: e.subject.id, kind: e.after.kind, at: e.at });
    }
    const measures = await this.withProposals(db, executed);

    let appealsFiled = 0;
    for await (const _ of inPeriod('appeal.filed')) appealsFiled += 1;
    const decided: { appealId: string; outcome: AppealDecision['outcome']; at: number }[] = [];
    for await (const entry of inPeriod('appeal.decided')) {
      const e = decodeEntry(AppealEvents, entry);
      if (e?.action === 'appeal.decided') decided.push({ appealId: e.subject.id, outcome: e.after.state, at: e.at });
    }
    const filedAt = await this.firstAt(db, 'appeal.filed', 'appeal', decided.map((d) => d.appealId));
    const appealDecisions = decided.map((d) => ({ outcome: d.outcome, decidedAt: d.at, filedAt: filedAt.get(d.appealId) ?? null }));

    const statements: Stated[] = [];
    for await (const entry of inPeriod('statement.recorded')) {
      const e = decodeEntry(StatementEvents, entry);
      if (e?.action === 'statement.recorded') statements.push({ ground: e.after.decisionGround, source: e.after.sourceType, automated: e.after.automatedDecision });
    }

    return compileReport(period, { auditSize: head.size, lastHash: head.lastHash }, { intakes, measures, reversals, appealsFiled, appealDecisions, statements, reporterActions });
  }

  /** Each executed measure with its proposal's reason, case and proposer, and that case's first report. */
  private async withProposals(db: Db, executed: readonly { actionId: string; kind: MeasureKind; at: number }[]): Promise<Measure[]> {
    const proposals = new Map<string, Pick<Measure, 'reasonCode' | 'caseId' | 'proposedBy'>>();
    for (const entry of await this.audit.ofActionAbout(db, 'action.proposed', 'action', executed.map((x) => x.actionId))) {
      const e = decodeEntry(ActionEvents, entry);
      if (e?.action !== 'action.proposed') continue;
      const recorded = 'reasonCode' in e.after ? { reasonCode: e.after.reasonCode, caseId: e.after.caseId ?? null } : { reasonCode: null, caseId: null };
      proposals.set(e.subject.id, { ...recorded, proposedBy: e.actor.kind });
    }
    const caseIds = [...new Set([...proposals.values()].flatMap((p) => (p.caseId === null ? [] : [String(p.caseId)])))];
    const opened = await this.firstAt(db, 'case.opened', 'case', caseIds);
    return executed.map((x) => {
      const p = proposals.get(x.actionId) ?? { reasonCode: null, caseId: null, proposedBy: null };
      return { actionId: x.actionId, kind: x.kind, executedAt: x.at, ...p, noticeAt: p.caseId === null ? null : (opened.get(String(p.caseId)) ?? null) };
    });
  }

  /** When each subject's first entry of this action was written. */
  private async firstAt(db: Db, action: string, subjectType: string, ids: readonly string[]): Promise<Map<string, number>> {
    const first = new Map<string, number>();
    for (const e of await this.audit.ofActionAbout(db, action, subjectType, ids)) if (!first.has(e.subject.id)) first.set(e.subject.id, e.at);
    return first;
  }

  /** The entries of one action in the period, below the head read at the start. */
  private async *between(db: Db, action: CountedAction, period: Period, belowSeq: number): AsyncGenerator<AuditEntry> {
    let after: { at: number; seq: number } | null = null;
    for (;;) {
      const page = await this.audit.ofActionBetween(db, action, period, after, PAGE);
      for (const e of page) if (e.seq < belowSeq) yield e;
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = { at: last.at, seq: last.seq };
    }
  }
}
