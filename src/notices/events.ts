/**
 * The audit events of notices: a notice queued to its recipient (an owner's,
 * an appellant's), a case's reporters' outcomes recorded, a reporter's batch
 * queued, a batch delivered to the platform or given up on. What a notice
 * said is in its row (and its rendering in the batch); an entry names it.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import { NOTICE_LANGUAGES, NOTICE_SUBJECTS, type NoticeLanguage, type NoticeRecipient, type NoticeSubject, recipientId } from './model.js';

const notice = auditSubject('notice');
const batch = auditSubject('notice_batch');
const recipient = z.strictObject({ kind: z.enum(['owner', 'reporter']), id: z.string() });

export const NoticeEvents = z.discriminatedUnion('action', [
  auditEvent('notice.queued', {
    subject: notice,
    before: NONE,
    after: z.strictObject({
      subject: z.enum(NOTICE_SUBJECTS),
      recipient,
      accountId: z.string().nullable(),
      actionId: z.string().nullable(),
      caseId: z.number().nullable(),
      appealId: z.string().nullable(),
      batchId: z.string(),
    }),
  }),
  auditEvent('notice.outcomes_recorded', {
    subject: auditSubject('case'),
    before: NONE,
    after: z.strictObject({ actionTaken: z.boolean(), noticeIds: z.array(z.string()), contestDeadline: z.number().nullable() }),
  }),
  auditEvent('notice.batch_queued', { subject: batch, before: NONE, after: z.strictObject({ recipient, noticeIds: z.array(z.string()) }) }),
  auditEvent('notice.delivered', {
    subject: batch,
    before: NONE,
    after: z.strictObject({ noticeIds: z.array(z.string()), language: z.enum(NOTICE_LANGUAGES), stored: z.boolean(), attempts: z.number() }),
  }),
  auditEvent('notice.delivery_failed', { subject: batch, before: NONE, after: z.strictObject({ noticeIds: z.array(z.string()), attempts: z.number() }) }),
]);
export type NoticeAuditEvent = z.infer<typeof NoticeEvents>;
type Entry = AuditInput<NoticeAuditEvent>;

const toRecipient = (r: NoticeRecipient) => ({ kind: r.kind, id: recipientId(r) });

export interface QueuedNotice {
  id: string;
  subject: NoticeSubject;
  recipient: NoticeRecipient;
  accountId: string | null;
  actionId: string | null;
  caseId: number | null;
  appealId: string | null;
}

/** A notice written with the decision it tells, and queued as a batch of its own. */
export const noticeQueued = (actor: Actor, n: QueuedNotice): Entry => ({
  actor,
  action: 'notice.queued',
  subject: subjectOf('notice', n.id),
  before: null,
  after: { subject: n.subject, recipient: toRecipient(n.recipient), accountId: n.accountId, actionId: n.actionId, caseId: n.caseId, appealId: n.appealId, batchId: n.id },
});

/** A resolved case's reporters each have an outcome waiting for their next batch. */
export const outcomesRecorded = (actor: Actor, caseId: number, o: { actionTaken: boolean; noticeIds: string[]; contestDeadline: number | null }): Entry => ({
  actor,
  action: 'notice.outcomes_recorded',
  subject: subjectOf('case', caseId),
  before: null,
  after: o,
});

export const batchQueued = (batchId: string, r: NoticeRecipient, noticeIds: string[]): Entry => ({
  actor: SYSTEM,
  action: 'notice.batch_queued',
  subject: subjectOf('notice_batch', batchId),
  before: null,
  after: { recipient: toRecipient(r), noticeIds },
});

export const batchDelivered = (batchId: string, d: { noticeIds: string[]; language: NoticeLanguage; stored: boolean; attempts: number }): Entry => ({
  actor: SYSTEM,
  action: 'notice.delivered',
  subject: subjectOf('notice_batch', batchId),
  before: null,
  after: d,
});

export const batchUndelivered = (batchId: string, noticeIds: string[], attempts: number, error: string): Entry => ({
  actor: SYSTEM,
  action: 'notice.delivery_failed',
  subject: subjectOf('notice_batch', batchId),
  before: null,
  after: { noticeIds, attempts },
  reason: error,
});
