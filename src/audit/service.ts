/**
 * `append(tx, entry)`: the one way anything is written to the audit log. It
 * runs inside the caller's transaction, so a change and its audit entry commit
 * or roll back together. On PostgreSQL the head row is locked FOR UPDATE, which
 * orders concurrent appenders into one chain.
 */
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { AuditRow } from '../db/schema.js';
import { type AuditEntry, type AuditInput, type ChainProblem, GENESIS_HASH, canonicalEntry, chainHash, toEntry } from './model.js';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export class AuditLog {
  constructor(
    private readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {}

  async append(tx: Db, input: AuditInput): Promise<AuditEntry> {
    const [entry] = await this.appendMany(tx, [input]);
    return entry!;
  }

  async appendMany(tx: Db, inputs: AuditInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    const head = await this.lockHead(tx);
    const at = this.clock.now();
    let prev = head.last_hash;
    const entries: AuditEntry[] = [];
    const rows = inputs.map((input, i) => {
      const entry = toEntry(head.size + i, at, input);
      entries.push(entry);
      const hash = chainHash(prev, canonicalEntry(entry));
      const row = {
        seq: entry.seq,
        at,
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id,
        action: entry.action,
        subject_type: entry.subject.type,
        subject_id: entry.subject.id,
        before: json(entry.before),
        after: json(entry.after),
        reason: entry.reason,
        prev_hash: prev,
        entry_hash: hash,
      };
      prev = hash;
      return row;
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
    await tx
      .updateTable('audit_head')
      .set({ size: head.size + rows.length, last_hash: prev })
      .where('id', '=', 1)
      .execute();
    return entries;
  }

  private async lockHead(tx: Db): Promise<{ size: number; last_hash: string }> {
    const q = tx.selectFrom('audit_head').select(['size', 'last_hash']).where('id', '=', 1);
    const head = await (this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
    return head;
  }

  async size(db: Db): Promise<number> {
    const head = await db.selectFrom('audit_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
    return head.size;
  }

  async list(db: Db, opts: { subjectType?: string; subjectId?: string; actorId?: string; afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(Math.min(opts.limit ?? 100, 1000));
    if (opts.subjectType) q = q.where('subject_type', '=', opts.subjectType);
    if (opts.subjectId) q = q.where('subject_id', '=', opts.subjectId);
    if (opts.actorId) q = q.where('actor_id', '=', opts.actorId);
    if (opts.afterSeq !== undefined) q = q.where('seq', '<', opts.afterSeq);
    return (await q.execute()).map(rowToEntry);
  }

  /** Re-derive the chain from the stored entries; every problem found is named. */
  async verifyChain(db: Db, onProgress?: (done: number, total: number) => void): Promise<{ size: number; problems: ChainProblem[] }> {
    const storedSize = await this.size(db);
    const problems: ChainProblem[] = [];
    let prev = GENESIS_HASH;
    let expected = 0;
    const page = 5000;
    for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expected).orderBy('seq').limit(page).execute();
      for (const row of rows) {
        if (row.seq !== expected) problems.push({ kind: 'gap', expectedSeq: expected, foundSeq: row.seq });
        if (row.prev_hash !== prev) problems.push({ kind: 'broken_link', seq: row.seq });
        const recomputed = chainHash(row.prev_hash, canonicalEntry(rowToEntry(row)));
        if (recomputed !== row.entry_hash) problems.push({ kind: 'hash_mismatch', seq: row.seq });
        prev = row.entry_hash;
        expected = row.seq + 1;
      }
      onProgress?.(expected, storedSize);
      if (rows.length < page) break;
    }
    const head = await db.selectFrom('audit_head').select('last_hash').where('id', '=', 1).executeTakeFirstOrThrow();
    if (expected !== storedSize || head.last_hash !== prev) problems.push({ kind: 'head_mismatch', size: expected, storedSize });
    return { size: expected, problems };
  }
}

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

