/**
 * Statements of reasons, in the caller's transaction: the statement of an
 * executed restriction, written with the execution (once per action); the
 * batches of up to 100 that leave for the Transparency Database through the
 * outbox; what the database answered; the decision grounds admins keep.
 *
 * Without a configured database (WARDEN_DSA_TDB_URL) statements are still
 * recorded, and wait as `pending` until one is configured.
 */
import { randomUUID } from 'node:crypto';
import type { Action } from '../actions/store.js';
import { approvalsOf } from '../actions/store.js';
import { ENFORCEMENT, isEnforcing } from '../actions/kinds.js';
import type { ReasonCode } from '../actions/model.js';
import { accountById } from '../accounts/store.js';
import type { AlertService } from '../alerts/service.js';
import { type Actor, SYSTEM } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { toJson } from '../db/json.js';
import { enqueue } from '../platform/outbox.js';
import type { Category } from '../reports/model.js';
import type { BatchOutcome } from './delivery.js';
import { shippedGround } from './grounds.js';
import { type ContentType, type Country, type DecisionGround, MAX_BATCH_STATEMENTS, type StatementBatchPayload, statementOf } from './model.js';
import {
  type StatementAuditEvent,
  statementBatchQueued,
  statementRecorded,
  statementRefused,
  statementsDelivered,
  statementsUndelivered,
} from './events.js';
import {
  type StoredStatement,
  countStatements,
  groundInForce,
  insertStatement,
  listStatements,
  moveStatements,
  pendingStatements,
  putGround,
  statementOfAction,
} from './store.js';

export interface StatementsConfig {
  /** where the database is; unset: statements are recorded, not sent */
  tdbUrl?: string;
  territorialScope: readonly Country[];
  contentTypes: readonly ContentType[];
  contentTypeOther?: string;
}

/** One flush takes at most this many batches; the rest waits for the next. */
const FLUSH_BATCHES = 20;

export class StatementService {
  constructor(
    private readonly audit: AuditAppender<StatementAuditEvent>,
    private readonly alerts: Pick<AlertService, 'raise'>,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly config: StatementsConfig,
  ) {}

  /** Whether statements leave for the database, or are only recorded. */
  get sending(): boolean {
    return this.config.tdbUrl !== undefined;
  }

  /**
   * The statement of an executed restriction, from the record, in the
   * execution's transaction; null for a kind that restricts nothing (its
   * kind declares no `statement`: a warning, a restore). Once per action.
   */
  async recordFor(tx: Db, action: Action): Promise<StoredStatement | null> {
    if (!isEnforcing(action)) return null;
    const effectOf = ENFORCEMENT[action.kind].statement;
    if (effectOf === null || action.resultState === null || action.executedAt === null) return null;
    const account = await accountById(tx, action.targetId);
    const reports = action.caseId === null ? [] : await this.reportsOf(tx, action.caseId);
    // the approvals that could count at execution: given, not withdrawn or expired, not the proposer's own
    const approvals = (await approvalsOf(tx, action.id)).filter(
      (a) => a.verdict === 'approve' && a.voidedAt === null && a.expiresAt > action.executedAt! && a.approverId !== action.proposer.id,
    );
    const body = statementOf({
      actionId: action.id,
      kind: action.kind,
      reasonCode: action.reasonCode,
      effect: effectOf(action.resultState),
      result: action.resultState,
      executedAt: action.executedAt,
      contentSince: account.createdAt,
      ground: await this.groundFor(tx, action.reasonCode),
      reportCategories: reports.map((r) => r.category),
      origin: { reportsByUsers: reports.filter((r) => r.source === 'service').length, trustedFlaggerReport: reports.some((r) => r.trusted_flagger === 1) },
      decided: { proposedBySystem: action.proposer.kind === 'system', approvedByPeople: new Set(approvals.map((a) => a.approverId)).size },
      policyVersion: action.policyVersion,
      config: { territorialScope: this.config.territorialScope, contentTypes: this.config.contentTypes, contentTypeOther: this.config.contentTypeOther },
    });
    const now = this.clock.now();
    if (!(await insertStatement(tx, { actionId: action.id, accountId: action.targetId, body, now }))) return statementOfAction(tx, action.id);
    const actor: Actor = action.proposer.kind === 'system' ? SYSTEM : { kind: 'staff', id: action.proposer.id };
    await this.audit.append(tx, statementRecorded(actor, body, this.sending));
    return statementOfAction(tx, action.id);
  }

  /** The case's reports (not repeats of one another): what they were about and who sent them (a user, or staff). */
  private async reportsOf(db: Db, caseId: number): Promise<{ category: Category; source: string; trusted_flagger: number }[]> {
    // an ignored report (its reporter's reporting suspended) is no notice the decision rests on
    return db
      .selectFrom('reports')
      .select(['category', 'source', 'trusted_flagger'])
      .where('case_id', '=', caseId)
      .where('duplicate_of', 'is', null)
      .where('ignored', '=', 0)
      .execute();
  }

  /** The ground in force for a reason code: the last approved one, else the shipped one. */
  async groundFor(db: Db, reasonCode: ReasonCode): Promise<DecisionGround> {
    const set = await groundInForce(db, reasonCode);
    if (!set) return shippedGround(reasonCode);
    const { actionId: _, ...ground } = set;
    return ground;
  }

  /** An approved set_decision_ground takes effect: what it replaced, 'shipped' or the action that set it. */
  async setGround(tx: Db, g: { reasonCode: ReasonCode; ground: DecisionGround; actionId: string }, now: number): Promise<{ reasonCode: string; replaced: string }> {
    const was = await groundInForce(tx, g.reasonCode);
    await putGround(tx, g.reasonCode, g.ground, g.actionId, now);
    return { reasonCode: g.reasonCode, replaced: was?.actionId ?? 'shipped' };
  }

  /**
   * The waiting statements in batches of at most 100, each an outbox row whose
   * key is its batch id: a retry or a restart sends none twice (the database
   * refuses a puid it holds, which counts as delivered) and loses none.
   * Nothing is batched while no database is configured. Returns the batches.
   */
  async flush(tx: Db): Promise<string[]> {
    if (!this.sending) return [];
    const now = this.clock.now();
    const rows = await pendingStatements(tx, this.dialect, MAX_BATCH_STATEMENTS * FLUSH_BATCHES);
    const batches: string[] = [];
    for (let i = 0; i < rows.length; i += MAX_BATCH_STATEMENTS) {
      const chunk = rows.slice(i, i + MAX_BATCH_STATEMENTS);
      const batchId = `sbt_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const puids = chunk.map((r) => r.actionId);
      await moveStatements(tx, puids, 'batch', { batch_id: batchId, queued_at: now });
      const payload: StatementBatchPayload = { batchId, statements: chunk.map((r) => r.body) };
      await enqueue(tx, now, { kind: 'statement', key: batchId, payload });
      await this.audit.append(tx, statementBatchQueued(batchId, puids));
      batches.push(batchId);
    }
    return batches;
  }

  /** What the database answered for a batch: each statement delivered (with its uuid) or refused for good, with an alert naming the fields. */
  async markSettled(tx: Db, p: StatementBatchPayload, o: BatchOutcome, attempts: number): Promise<void> {
    const now = this.clock.now();
    for (const d of o.delivered) await moveStatements(tx, [d.puid], 'deliver', { delivered_at: now, tdb_uuid: d.uuid });
    if (o.delivered.length > 0) await this.audit.append(tx, statementsDelivered(p.batchId, o.delivered, attempts));
    for (const r of o.refused) {
      await moveStatements(tx, [r.puid], 'refuse', { refused: toJson(r.fields), last_error: refusalText(r.fields).slice(0, 2000) });
      await this.audit.append(tx, statementRefused(r.puid, p.batchId, r.fields));
      await this.alerts.raise(tx, {
        kind: 'statement_refused',
        severity: 'warning',
        subject: { type: 'action', id: r.puid },
        summary: `the DSA Transparency Database refused the statement of reasons for action ${r.puid}: ${refusalText(r.fields)}`,
        details: { puid: r.puid, batchId: p.batchId, fields: Object.keys(r.fields), errors: r.fields },
      });
    }
  }

  async markFailed(tx: Db, p: StatementBatchPayload, error: string, attempts: number): Promise<void> {
    const puids = p.statements.map((s) => s.puid);
    await moveStatements(tx, puids, 'fail', { last_error: error.slice(0, 2000) });
    await this.audit.append(tx, statementsUndelivered(p.batchId, puids, attempts, error));
  }

  get(db: Db, actionId: string): Promise<StoredStatement | null> {
    return statementOfAction(db, actionId);
  }

  list(db: Db, opts: { state?: StoredStatement['state']; accountId?: string; limit?: number } = {}): Promise<StoredStatement[]> {
    return listStatements(db, { ...opts, limit: Math.min(Math.max(opts.limit ?? 100, 1), 1000) });
  }

  counts(db: Db) {
    return countStatements(db);
  }
}

/** "decision_ground: The selected decision ground is invalid." — the fields first, as the alert's reader looks for them. */
const refusalText = (fields: Record<string, string[]>) =>
  Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
