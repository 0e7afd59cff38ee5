/**
 * The audit entry, its canonical encoding and the hash chain. Pure: no I/O.
 *
 * Canonical encoding, version 1 — stable: an entry's bytes never change once
 * written, and every later version of Warden must keep producing exactly these
 * bytes for v1 entries (a new layout would be `v: 2`, side by side).
 *   The entry as the JSON object
 *     { v: 1, seq, at, actor: {kind, id}, action, subject: {type, id}, before, after, reason }
 *   serialised with RFC 8785 (JSON Canonicalization Scheme): members sorted by
 *   UTF-16 code units, no whitespace, strings escaped as ECMAScript
 *   JSON.stringify does, numbers in ECMAScript Number-to-string form; then
 *   UTF-8 encoded. `seq` is the 0-based position in the log, `at` epoch ms,
 *   `subject.id` a string; `before` and `after` are the JSON values themselves
 *   (not strings), or null; `reason` a string or null. So the bytes are:
 *     {"action":…,"actor":{"id":…,"kind":…},"after":…,"at":…,"before":…,
 *      "reason":…,"seq":…,"subject":{"id":…,"type":…},"v":1}
 * The chain: entry_hash = SHA-256(prev_hash_bytes ‖ canonical_bytes), with
 * prev_hash of entry 0 being 32 zero bytes.
 * The Merkle leaf (merkle.ts, RFC 9162): leaf_hash = SHA-256(0x00 ‖ canonical_bytes).
 */
import { createHash } from 'node:crypto';
import { textProblem } from '../bounds.js';

export type ActorKind = 'staff' | 'system' | 'service';

export interface Actor {
  kind: ActorKind;
  id: string;
}

export const SYSTEM: Actor = { kind: 'system', id: 'warden' };
/** A member of staff as the actor of an entry. */
export const staffActor = (s: { id: string }): Actor => ({ kind: 'staff', id: s.id });

/**
 * What every audit event is: an action, what it is about, and what it records
 * (absent or undefined is stored null). A log appends only the events of the
 * catalog it was given (catalog.ts); this shape is all the log itself knows.
 */
export interface AuditEventShape {
  action: string;
  subject: { type: string; id: string | number };
  before?: unknown;
  after?: unknown;
}

/** What a caller hands to `audit.append`: one event of the log's catalog, who did it and why. */
export type AuditInput<E extends AuditEventShape = AuditEventShape> = E & {
  actor: Actor;
  reason?: string | null;
};

export interface AuditEntry {
  seq: number;
  at: number;
  actor: Actor;
  action: string;
  subject: { type: string; id: string };
  before: unknown;
  after: unknown;
  reason: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 canonical JSON of the JSON value `value` denotes (as JSON.stringify
 * sees it: toJSON is applied, undefined and functions are dropped from objects
 * and become null in arrays and at the top, non-finite numbers become null).
 * For every JSON value this equals the `canonicalize` package's output; it is
 * hand-written because it runs once per entry on append and on verify.
 */
export function jcs(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('audit entry: a bigint is not JSON');
    case 'object': {
      if (value === null) return 'null';
      const json = (value as { toJSON?: unknown }).toJSON;
      if (typeof json === 'function') return jcs(json.call(value));
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          out += (i === 0 ? '' : ',') + (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : jcs(v));
        }
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + jcs(v);
        first = false;
      }
      return out + '}';
    }
    default:
      return 'null';
  }
}

/** Canonical text of a stored JSON column (null stays null). */
export const canonicalJson = (v: unknown): string => jcs(v ?? null);

/**
 * The canonical bytes (as a string) of an entry. `beforeJson` / `afterJson`
 * may be passed when already canonicalised (append stores exactly that text).
 */
export function canonicalEntry(e: AuditEntry, beforeJson = canonicalJson(e.before), afterJson = canonicalJson(e.after)): string {
  const str = JSON.stringify;
  const reason = e.reason === null || e.reason === undefined ? 'null' : str(e.reason);
  return (
    `{"action":${str(e.action)},"actor":{"id":${str(e.actor.id)},"kind":${str(e.actor.kind)}},"after":${afterJson},"at":${num(e.at)},` +
    `"before":${beforeJson},"reason":${reason},"seq":${num(e.seq)},"subject":{"id":${str(e.subject.id)},"type":${str(e.subject.type)}},"v":1}`
  );
}

const num = (n: number) => {
  if (!Number.isFinite(n)) throw new TypeError('audit entry: seq and at must be finite numbers');
  return JSON.stringify(n);
};

export function chainHash(prevHashHex: string, canonical: string): string {
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(canonical, 'utf8').digest('hex');
}

export function toEntry(seq: number, at: number, input: AuditInput): AuditEntry {
  return {
    seq,
    at,
    actor: input.actor,
    action: input.action,
    subject: { type: input.subject.type, id: String(input.subject.id) },
    before: input.before ?? null,
    after: input.after ?? null,
    reason: input.reason ?? null,
  };
}

/**
 * The entry's columns that are stored as text, not as JSON, and must read back
 * exactly as they were hashed: a lone surrogate would be stored as U+FFFD (and
 * the entry then fail verification for ever), a NUL refused by PostgreSQL only.
 * `before` and `after` need no check: their canonical JSON escapes both.
 */
export function unstorableColumn(e: AuditEntry): { column: string; message: string } | null {
  const columns: [string, string | null][] = [
    ['actor.kind', e.actor.kind],
    ['actor.id', e.actor.id],
    ['action', e.action],
    ['subject.type', e.subject.type],
    ['subject.id', e.subject.id],
    ['reason', e.reason],
  ];
  for (const [column, value] of columns) {
    const message = value === null ? null : textProblem(value);
    if (message) return { column, message };
  }
  return null;
}

export type ChainProblem =
  | { kind: 'gap'; expectedSeq: number; foundSeq: number }
  | { kind: 'broken_link'; seq: number }
  | { kind: 'hash_mismatch'; seq: number }
  | { kind: 'head_mismatch'; size: number; storedSize: number };
