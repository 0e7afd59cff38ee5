/** Stored audit rows to entries and back to their canonical bytes. Pure. */
import type { AuditRow } from '../db/schema.js';
import { type AuditEntry, canonicalEntry, canonicalJson } from './model.js';

export function rowToEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id },
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
      actor: { kind: row.actor_kind, id: row.actor_id },
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

/**
 * The same bytes without parsing, when they can be trusted: append stores
 * `before` and `after` as canonical JSON, so splicing the stored text gives the
 * canonical entry — and if that hashes to the stored hash, it is the entry.
 * Column text can only be moved across the fixed `,"at":…,"before":` between
 * the two (every other column is a JSON string or number token, escaped), so a
 * row whose JSON columns contain `"at":` gets null here and is judged by
 * value (canonicalOfRow). Rows written before canonical storage also fall back,
 * through the hash mismatch.
 */
export function canonicalOfRowFast(row: EntryColumns): string | null {
  const before = row.before ?? 'null';
  const after = row.after ?? 'null';
  if (before.includes('"at":') || after.includes('"at":')) return null;
  // a store without strict types (SQLite) could hold text in a number column
  if (!Number.isSafeInteger(row.seq) || !Number.isSafeInteger(row.at)) return null;
  const str = JSON.stringify;
  const reason = row.reason === null ? 'null' : str(row.reason);
  return (
    `{"action":${str(row.action)},"actor":{"id":${str(row.actor_id)},"kind":${str(row.actor_kind)}},"after":${after},"at":${row.at},` +
    `"before":${before},"reason":${reason},"seq":${row.seq},"subject":{"id":${str(row.subject_id)},"type":${str(row.subject_type)}},"v":1}`
  );
}
