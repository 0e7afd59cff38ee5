/**
 * The audit entry, its canonical encoding and the hash chain. Pure: no I/O.
 *
 * Canonical encoding (version 1): the entry as a JSON object
 *   { v: 1, seq, at, actor: {kind, id}, action, subject: {type, id}, before, after, reason }
 * serialised with RFC 8785 (JSON Canonicalization Scheme: sorted keys, no
 * whitespace, ECMAScript number formatting), UTF-8 encoded. `before` and
 * `after` are the JSON values themselves (not strings), or null.
 * The chain: entry_hash = SHA-256(prev_hash_bytes ‖ canonical_bytes), with
 * prev_hash of entry 0 being 32 zero bytes. The Merkle leaf over the same
 * canonical bytes is an addition on top of this (issue: audit log).
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS whose typings claim an ES default export; at run
// time the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export type ActorKind = 'staff' | 'system' | 'service';

export interface Actor {
  kind: ActorKind;
  id: string;
}

export const SYSTEM: Actor = { kind: 'system', id: 'warden' };

/** What a caller hands to `audit.append`. */
export interface AuditInput {
  actor: Actor;
  action: string;
  subject: { type: string; id: string | number };
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

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

export function canonicalEntry(e: AuditEntry): string {
  const doc = {
    v: 1,
    seq: e.seq,
    at: e.at,
    actor: { kind: e.actor.kind, id: e.actor.id },
    action: e.action,
    subject: { type: e.subject.type, id: e.subject.id },
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason ?? null,
  };
  const out = canonicalize(doc);
  if (out === undefined) throw new Error('audit entry cannot be canonicalised');
  return out;
}

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

export type ChainProblem =
  | { kind: 'gap'; expectedSeq: number; foundSeq: number }
  | { kind: 'broken_link'; seq: number }
  | { kind: 'hash_mismatch'; seq: number }
  | { kind: 'head_mismatch'; size: number; storedSize: number };
