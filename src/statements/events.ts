/**
 * The audit events of statements of reasons: one recorded with the execution
 * it states, a batch queued for the Transparency Database, a batch delivered
 * (with the uuid the database gave each), one statement refused for good
 * (with the fields it named), a batch given up on. What a statement said is
 * in its row; an entry names it by its action.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import { AUTOMATED_DECISIONS, DECISION_GROUNDS, type DsaStatement, SOURCE_TYPES } from './model.js';

const action = auditSubject('action');
const batch = auditSubject('statement_batch');

export const StatementEvents = z.discriminatedUnion('action', [
  auditEvent('statement.recorded', {
    subject: action,
    before: NONE,
    after: z.strictObject({
      puid: z.string(),
      sourceType: z.enum(SOURCE_TYPES),
      automatedDecision: z.enum(AUTOMATED_DECISIONS),
      decisionGround: z.enum(DECISION_GROUNDS),
      category: z.string(),
      /** configured to be sent (WARDEN_DSA_TDB_URL), or only recorded */
      sent: z.boolean(),
    }),
  }),
  auditEvent('statement.batch_queued', { subject: batch, before: NONE, after: z.strictObject({ puids: z.array(z.string()) }) }),
  auditEvent('statement.delivered', {
    subject: batch,
    before: NONE,
    after: z.strictObject({
      /** each statement the database holds now, with its uuid; `existing`: it already held it (an earlier send whose answer was lost) */
      statements: z.array(z.strictObject({ puid: z.string(), uuid: z.string().nullable(), existing: z.boolean() })),
      attempts: z.number(),
    }),
  }),
  auditEvent('statement.refused', {
    subject: action,
    before: NONE,
    after: z.strictObject({ batchId: z.string(), fields: z.record(z.string(), z.array(z.string())) }),
  }),
  auditEvent('statement.delivery_failed', { subject: batch, before: NONE, after: z.strictObject({ puids: z.array(z.string()), attempts: z.number() }) }),
]);
export type StatementAuditEvent = z.infer<typeof StatementEvents>;
type Entry = AuditInput<StatementAuditEvent>;

export const statementRecorded = (actor: Actor, s: DsaStatement, sent: boolean): Entry => ({
  actor,
  action: 'statement.recorded',
  subject: subjectOf('action', s.puid),
  before: null,
  after: { puid: s.puid, sourceType: s.source_type, automatedDecision: s.automated_decision, decisionGround: s.decision_ground, category: s.category, sent },
});

export const statementBatchQueued = (batchId: string, puids: string[]): Entry => ({
  actor: SYSTEM,
  action: 'statement.batch_queued',
  subject: subjectOf('statement_batch', batchId),
  before: null,
  after: { puids },
});

export const statementsDelivered = (batchId: string, statements: { puid: string; uuid: string | null; existing: boolean }[], attempts: number): Entry => ({
  actor: SYSTEM,
  action: 'statement.delivered',
  subject: subjectOf('statement_batch', batchId),
  before: null,
  after: { statements, attempts },
});

export const statementRefused = (puid: string, batchId: string, fields: Record<string, string[]>): Entry => ({
  actor: SYSTEM,
  action: 'statement.refused',
  subject: subjectOf('action', puid),
  before: null,
  after: { batchId, fields },
});

export const statementsUndelivered = (batchId: string, puids: string[], attempts: number, error: string): Entry => ({
  actor: SYSTEM,
  action: 'statement.delivery_failed',
  subject: subjectOf('statement_batch', batchId),
  before: null,
  after: { puids, attempts },
  reason: error,
});
