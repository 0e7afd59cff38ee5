/**
 * Writing notices, in the caller's transaction: the notice to an owner with
 * the execution it tells of, a resolved case's outcomes to its reporters, an
 * appeal's outcome to the appellant. Each is unique per what it tells (a
 * repeat writes nothing) and leaves through the outbox: an owner's notice and
 * an appeal's outcome at once, each a batch of its own; a reporter's outcomes
 * together, in the next batch `flushReporterOutcomes` makes.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type AppealWindows, appealDeadline } from '../appeals/window.js';
import type { AccountState, ReasonCode } from '../actions/model.js';
import type { ActionBase } from '../actions/rows.js';
import type { Enforcing } from '../actions/kinds.js';
import { type Actor, SYSTEM } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { instantText } from '../bounds.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { fromJson, toJson } from '../db/json.js';
import type { NoticesTable } from '../db/schema.js';
import { invalidInput } from '../errors.js';
import { enqueue } from '../platform/outbox.js';
import type { Resolution } from '../cases/model.js';
import {
  type BatchedNotice,
  NOTICE_LANGUAGES,
  type NoticeLanguage,
  type NoticePayload,
  type NoticeRecipient,
  type NoticeStatement,
  type NoticeSubject,
  type NoticeTemplate,
  type ReportOutcomeStatement,
  nextNoticeState,
  recipientId,
} from './model.js';
import { type EnforcementFacts, enforcementStatement, renderAppealOutcome, renderEnforcement, renderReportOutcome } from './statement.js';
import { shippedTemplate } from './words.js';
import { type NoticeAuditEvent, batchDelivered, batchQueued, batchUndelivered, noticeQueued, outcomesRecorded } from './events.js';

/** What the appeals concept tells when an appeal is decided. */
export interface AppealOutcome {
  appealId: string;
  recipient: NoticeRecipient;
  outcome: 'granted' | 'denied';
  reasons: string;
  actionId: string | null;
  caseId: number | null;
}

/** A notice as staff read it (GET /v1/accounts/{id}/notices, the timeline). */
export interface NoticeView {
  id: string;
  subject: NoticeSubject;
  recipient: { kind: NoticeRecipient['kind']; id: string };
  accountId: string | null;
  actionId: string | null;
  caseId: number | null;
  reportId: number | null;
  appealId: string | null;
  state: NoticesTable['state'];
  batchId: string | null;
  createdAt: number;
  queuedAt: number | null;
  deliveredAt: number | null;
  /** the language it went out in; null until it did */
  language: NoticeLanguage | null;
  /** its text in that language (English until sent) */
  title: string;
  body: string;
  statement: NoticeStatement;
  lastError: string | null;
}

/** A reporter's outcomes go out in batches of at most this many. */
export const MAX_BATCH_NOTICES = 500;
/** What one flush takes at most; the rest waits for the next. */
const FLUSH_ROWS = 5_000;
/** An appeal's reasons, as the decider wrote them, are told at most this long. */
export const MAX_APPEAL_REASONS = 4_000;

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

type NoticeRow = Selectable<NoticesTable>;

function toView(r: NoticeRow): NoticeView {
  const text = fromJson(r.renderings)[r.language ?? 'en'];
  return {
    id: r.id,
    subject: r.subject,
    recipient: { kind: r.recipient_kind, id: r.recipient_id },
    accountId: r.account_id,
    actionId: r.action_id,
    caseId: r.case_id,
    reportId: r.report_id,
    appealId: r.appeal_id,
    state: r.state,
    batchId: r.batch_id,
    createdAt: r.created_at,
    queuedAt: r.queued_at,
    deliveredAt: r.delivered_at,
    language: r.language,
    title: text.title,
    body: text.body,
    statement: fromJson(r.statement),
    lastError: r.last_error,
  };
}

const batched = (r: Pick<NoticeRow, 'id' | 'subject' | 'statement' | 'renderings'>): BatchedNotice => ({
  id: r.id,
  subject: r.subject,
  statement: fromJson(r.statement),
  renderings: fromJson(r.renderings),
});

export class NoticeService {
  constructor(
    private readonly audit: AuditAppender<NoticeAuditEvent>,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly config: { appeals: { windowMs: AppealWindows } },
  ) {}

  /**
   * The owner's notice of an executed enforcement (a statement of reasons),
   * written and queued in the execution's transaction. Once per action.
   */
  async enforcementExecuted(tx: Db, action: ActionBase & Enforcing, prior: AccountState, result: AccountState, now: number): Promise<string | null> {
    const account = await tx.selectFrom('accounts').select('handle').where('id', '=', action.targetId).executeTakeFirstOrThrow();
    const facts: EnforcementFacts = {
      action: { id: action.id, kind: action.kind, reasonCode: action.reasonCode, justification: action.justification, automated: action.proposer.kind === 'system' },
      prior,
      result,
      executedAt: now,
      reports: action.caseId === null ? null : await this.reportsOf(tx, action.caseId),
      handle: account.handle,
      appealDeadline: appealDeadline(action.kind, now, this.config),
    };
    const templates = await this.templatesFor(tx, action.reasonCode);
    const recipient: NoticeRecipient = { kind: 'owner', accountId: action.targetId };
    const actor: Actor = action.proposer.kind === 'system' ? SYSTEM : { kind: 'staff', id: action.proposer.id };
    return this.queueAlone(tx, actor, now, {
      sourceKey: `action:${action.id}`,
      subject: 'enforcement',
      recipient,
      accountId: action.targetId,
      actionId: action.id,
      caseId: action.caseId,
      statement: enforcementStatement(facts, templates.en.ground),
      renderings: renderEnforcement(facts, templates),
    });
  }

  /** What the case's reports by users said: how many, and of what (never who made them). */
  private async reportsOf(db: Db, caseId: number): Promise<{ count: number; categories: string[] }> {
    const rows = await db.selectFrom('reports').select('category').where('case_id', '=', caseId).where('source', '=', 'service').execute();
    return { count: rows.length, categories: [...new Set(rows.map((r) => r.category))].sort() };
  }

  /**
   * A resolved case's outcome for each report by a user folded into it (a
   * repeat of the reporter's own report is answered with that report's):
   * written now, sent in the reporter's next batch. Once per report.
   */
  async caseResolved(tx: Db, actor: Actor, kase: { id: number; accountId: string; resolution: Resolution | null }, now: number): Promise<string[]> {
    const actionTaken = kase.resolution === 'actioned';
    const contestDeadline = actionTaken ? null : appealDeadline('no_action', now, this.config);
    const reports = await tx
      .selectFrom('reports')
      .select(['id', 'reporter_id', 'category'])
      .where('case_id', '=', kase.id)
      .where('source', '=', 'service')
      .where('duplicate_of', 'is', null)
      .orderBy('id')
      .execute();
    const ids: string[] = [];
    for (let i = 0; i < reports.length; i += 500) {
      const rows = reports.slice(i, i + 500).map((r) => {
        const statement: ReportOutcomeStatement = {
          reportId: r.id,
          accountId: kase.accountId,
          category: r.category,
          actionTaken,
          decidedAt: instantText(now),
          contestDeadline: contestDeadline === null ? null : instantText(contestDeadline),
        };
        return this.row({
          sourceKey: `report:${r.id}`,
          subject: 'report_outcome',
          recipient: { kind: 'reporter', reporterId: r.reporter_id },
          accountId: kase.accountId,
          caseId: kase.id,
          reportId: r.id,
          statement,
          renderings: renderReportOutcome(statement),
        }, now, 'pending');
      });
      const written = await tx.insertInto('notices').values(rows).onConflict((oc) => oc.column('source_key').doNothing()).returning('id').execute();
      ids.push(...written.map((w) => w.id));
    }
    if (ids.length > 0) await this.audit.append(tx, outcomesRecorded(actor, kase.id, { actionTaken, noticeIds: ids, contestDeadline }));
    return ids;
  }

  /**
   * Every reporter's waiting outcomes, one batch per reporter (at most
   * MAX_BATCH_NOTICES): each outcome records the batch it left in, and the
   * batch's outbox key is its id, so a retry or a restart sends none twice and
   * loses none. Returns the batches queued.
   */
  async flushReporterOutcomes(tx: Db): Promise<string[]> {
    const now = this.clock.now();
    const q = tx
      .selectFrom('notices')
      .select(['id', 'recipient_id', 'subject', 'statement', 'renderings'])
      .where('state', '=', 'pending')
      // in the order they were decided; one case's reports in the order they came
      .orderBy('created_at')
      .orderBy('report_id')
      .orderBy('id')
      .limit(FLUSH_ROWS);
    const rows = await (this.dialect === 'postgres' ? q.forUpdate().skipLocked() : q).execute();
    const byReporter = new Map<string, typeof rows>();
    for (const r of rows) byReporter.set(r.recipient_id, [...(byReporter.get(r.recipient_id) ?? []), r]);
    const batches: string[] = [];
    for (const [reporterId, all] of byReporter) {
      for (let i = 0; i < all.length; i += MAX_BATCH_NOTICES) {
        const chunk = all.slice(i, i + MAX_BATCH_NOTICES);
        const batchId = newId('nbt');
        const recipient: NoticeRecipient = { kind: 'reporter', reporterId };
        await this.moveTo(tx, chunk.map((r) => r.id), 'batch', { batch_id: batchId, queued_at: now });
        await enqueue(tx, now, { kind: 'notice', key: batchId, payload: { batchId, recipient, notices: chunk.map(batched) } });
        await this.audit.append(tx, batchQueued(batchId, recipient, chunk.map((r) => r.id)));
        batches.push(batchId);
      }
    }
    return batches;
  }

  /** The outcome of an appeal, told to the appellant at once. Once per appeal. */
  async tellAppealOutcome(tx: Db, o: AppealOutcome, now: number): Promise<string | null> {
    if (o.reasons.trim().length === 0 || o.reasons.length > MAX_APPEAL_REASONS) {
      throw invalidInput([{ path: 'reasons', message: `the reasons told to the appellant: 1 to ${MAX_APPEAL_REASONS} characters` }]);
    }
    const statement = { appealId: o.appealId, outcome: o.outcome, reasons: o.reasons, actionId: o.actionId, caseId: o.caseId };
    let accountId = o.recipient.kind === 'owner' ? o.recipient.accountId : null;
    if (accountId === null && o.caseId !== null) {
      accountId = (await tx.selectFrom('cases').select('account_id').where('id', '=', o.caseId).executeTakeFirst())?.account_id ?? null;
    }
    return this.queueAlone(tx, SYSTEM, now, {
      sourceKey: `appeal:${o.appealId}`,
      subject: 'appeal_outcome',
      recipient: o.recipient,
      accountId,
      actionId: o.actionId,
      caseId: o.caseId,
      appealId: o.appealId,
      statement,
      renderings: renderAppealOutcome(statement),
    });
  }

  /** The template in force for a reason code in each language: the last approved one, else the shipped one. */
  async templatesFor(db: Db, reasonCode: ReasonCode): Promise<Record<NoticeLanguage, NoticeTemplate>> {
    const rows = await db.selectFrom('notice_templates').select(['language', 'title', 'ground', 'body']).where('reason_code', '=', reasonCode).execute();
    const set = new Map(rows.map((r) => [r.language, { title: r.title, ground: r.ground, body: r.body }]));
    return Object.fromEntries(NOTICE_LANGUAGES.map((l) => [l, set.get(l) ?? shippedTemplate(reasonCode, l)])) as Record<NoticeLanguage, NoticeTemplate>;
  }

  /** An approved set_notice_template takes effect: what it replaced, 'shipped' or the action that set it. */
  async setTemplate(tx: Db, t: { reasonCode: ReasonCode; language: NoticeLanguage; template: NoticeTemplate; actionId: string }, now: number): Promise<{ id: string; replaced: string }> {
    const was = await tx.selectFrom('notice_templates').select('action_id').where('reason_code', '=', t.reasonCode).where('language', '=', t.language).executeTakeFirst();
    const values = { title: t.template.title, ground: t.template.ground, body: t.template.body, action_id: t.actionId, updated_at: now };
    await tx
      .insertInto('notice_templates')
      .values({ reason_code: t.reasonCode, language: t.language, ...values })
      .onConflict((oc) => oc.columns(['reason_code', 'language']).doUpdateSet(values))
      .execute();
    return { id: `${t.reasonCode}:${t.language}`, replaced: was?.action_id ?? 'shipped' };
  }

  /** The notices about an account (to its owner, and to those who reported it), newest first. */
  async listForAccount(db: Db, accountId: string, limit = 200): Promise<NoticeView[]> {
    const rows = await db.selectFrom('notices').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toView);
  }

  /** The batch reached the platform: each of its notices is delivered, in the language it went out in. */
  async markDelivered(tx: Db, p: NoticePayload, d: { language: NoticeLanguage; stored: boolean }, attempts: number): Promise<void> {
    const ids = p.notices.map((n) => n.id);
    await this.moveTo(tx, ids, 'deliver', { delivered_at: this.clock.now(), language: d.language });
    await this.audit.append(tx, batchDelivered(p.batchId, { noticeIds: ids, language: d.language, stored: d.stored, attempts }));
  }

  async markFailed(tx: Db, p: NoticePayload, error: string, attempts: number): Promise<void> {
    const ids = p.notices.map((n) => n.id);
    await this.moveTo(tx, ids, 'fail', { last_error: error.slice(0, 2000) });
    await this.audit.append(tx, batchUndelivered(p.batchId, ids, attempts, error));
  }

  /** Moves notices along their lifecycle (model.ts); one not in the state the event leaves from is left as it is. */
  private async moveTo(tx: Db, ids: string[], event: 'batch' | 'deliver' | 'fail', set: Partial<NoticeRow>): Promise<void> {
    const from = event === 'batch' ? 'pending' : 'queued';
    const state = nextNoticeState(from, event);
    for (let i = 0; i < ids.length; i += 500) {
      await tx.updateTable('notices').set({ ...set, state }).where('id', 'in', ids.slice(i, i + 500)).where('state', '=', from).execute();
    }
  }

  private row(n: NewNotice, now: number, state: 'pending' | 'queued') {
    return {
      id: newId('ntc'),
      source_key: n.sourceKey,
      subject: n.subject,
      recipient_kind: n.recipient.kind,
      recipient_id: recipientId(n.recipient),
      account_id: n.accountId,
      action_id: n.actionId ?? null,
      case_id: n.caseId ?? null,
      report_id: n.reportId ?? null,
      appeal_id: n.appealId ?? null,
      statement: toJson<NoticeStatement>(n.statement),
      renderings: toJson(n.renderings),
      state,
      batch_id: null,
      created_at: now,
      queued_at: state === 'queued' ? now : null,
      delivered_at: null,
      language: null,
      last_error: null,
    };
  }

  /** A notice that goes out as a batch of its own (its id the batch's), unless what it tells was told already. */
  private async queueAlone(tx: Db, actor: Actor, now: number, n: NewNotice): Promise<string | null> {
    const row = this.row(n, now, 'queued');
    const written = await tx
      .insertInto('notices')
      .values({ ...row, batch_id: row.id })
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!written) return null;
    await enqueue(tx, now, { kind: 'notice', key: row.id, payload: { batchId: row.id, recipient: n.recipient, notices: [batched(row)] } });
    await this.audit.append(
      tx,
      noticeQueued(actor, { id: row.id, subject: n.subject, recipient: n.recipient, accountId: n.accountId, actionId: row.action_id, caseId: row.case_id, appealId: row.appeal_id }),
    );
    return row.id;
  }
}

interface NewNotice {
  sourceKey: string;
  subject: NoticeSubject;
  recipient: NoticeRecipient;
  accountId: string | null;
  actionId?: string | null;
  caseId?: number | null;
  reportId?: number;
  appealId?: string;
  statement: NoticeStatement;
  renderings: BatchedNotice['renderings'];
}
