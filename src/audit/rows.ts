/** Stored audit rows to entries and back to their canonical bytes. Pure. */
import type { AuditRow } from '../db/schema.js';
import { type AuditEntry, canonicalEntry, canonicalJson } from './model.js';

export function rowToEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind as AuditEntry['actor']['kind'], id: row.actor_id },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    reason: row.reason,
  };
}

/** The columns that make up an entry (what verification and export read). */
export type EntryColumns = Pick<AuditRow, 'seq' | 'at' | 'actor_kind' | 'actor_id' | 'action' | 'subject_type' | 'subject_id' | 'before' | 'after' | 'reason'>;

/**
 * The canonical bytes of a stored row, with `seq` optionally replaced (to ask
 * "was this row written at another position?"). The JSON columns are parsed
 * and re-canonicalised, so a row is judged by its values, never by how the
 * column text happens to be spelled.
 */
export function canonicalOfRow(row: EntryColumns, seq = row.seq): string {
  const before = row.before === null ? 'null' : canonicalJson(JSON.parse(row.before));
  const after = row.after === null ? 'null' : canonicalJson(JSON.parse(row.after));
  return canonicalEntry(
    {
      seq,
      at: row.at,
      actor: { kind: row.actor_kind as AuditEntry['actor']['kind'], id: row.actor_id },
      action: row.action,
      subject: { type: row.subject_type, id: row.subject_id },
      before: null,
      after: null,
      reason: row.reason,
    },
    before,
    after,
  );
}
