/**
 * The audit events of bulk enforcement: a bulk proposed (what, over how many
 * accounts, restoring which bulk) and a bulk done (what became of its
 * targets). Each target's own proposal, execution and refusal is audited as
 * any action's is (src/actions/events.ts): one entry per account.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type AuditInput, staffActor } from '../audit/model.js';
import type { Staff } from '../staff/model.js';
import { BULK_KINDS, type Bulk, type BulkOutcome } from './bulk-model.js';
import { REASON_CODES } from './model.js';

const subject = auditSubject('bulk');

export const BulkEvents = z.discriminatedUnion('action', [
  auditEvent('bulk.proposed', {
    subject,
    before: NONE,
    after: z.strictObject({
      kind: z.enum([...BULK_KINDS, 'restore']),
      reasonCode: z.enum(REASON_CODES),
      targets: z.number(),
      restoresBulkId: z.string().nullable(),
    }),
  }),
  auditEvent('bulk.completed', {
    subject,
    before: NONE,
    after: z.strictObject({ executed: z.number(), waiting: z.number(), refused: z.number() }),
  }),
]);
export type BulkAuditEvent = z.infer<typeof BulkEvents>;
type Entry = AuditInput<BulkAuditEvent>;

export const bulkProposed = (staff: Staff, b: Pick<Bulk, 'id' | 'kind' | 'reasonCode' | 'targets' | 'restoresBulkId'>, justification: string): Entry => ({
  actor: staffActor(staff),
  action: 'bulk.proposed',
  subject: subjectOf('bulk', b.id),
  before: null,
  after: { kind: b.kind, reasonCode: b.reasonCode, targets: b.targets, restoresBulkId: b.restoresBulkId },
  reason: justification,
});

export const bulkCompleted = (staff: Staff, bulkId: string, counts: Record<BulkOutcome, number>): Entry => ({
  actor: staffActor(staff),
  action: 'bulk.completed',
  subject: subjectOf('bulk', bulkId),
  before: null,
  after: { executed: counts.executed, waiting: counts.waiting, refused: counts.refused },
});
