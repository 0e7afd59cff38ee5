/**
 * `append(tx, entry)`: the one way anything is written to the audit log. It
 * runs inside the caller's transaction, so a change and its audit entry commit
 * or roll back together. On PostgreSQL the head row is locked FOR UPDATE, which
 * orders concurrent appenders into one chain and one Merkle tree.
 *
 * Each append writes, in that same transaction, the entry (with its chain hash
 * and its RFC 9162 leaf hash), the perfect subtrees it completes at the stored
 * levels (1/8 of a row per entry on average), and the head row: size, last
 * chain hash and the frontier of the tree. Nothing else is read or written.
 */
import { CompiledQuery } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import { Frontier, STORED_MIN_LEVEL, hashEntry } from './merkle.js';
import { invalidInput } from '../errors.js';
import {
  type AuditEntry,
  type AuditEventShape,
  type AuditInput,
  type ChainProblem,
  GENESIS_HASH,
  canonicalEntry,
  canonicalJson,
  chainHash,
  toEntry,
  unstorableColumn,
} from './model.js';
import { canonicalOfRow, rowToEntry } from './rows.js';

export { rowToEntry };

const INSERT_CHUNK = 500;
const ENTRY_COLUMNS = ['seq', 'at', 'actor_kind', 'actor_id', 'action', 'subject_type', 'subject_id', 'before', 'after', 'reason', 'prev_hash', 'entry_hash', 'leaf_hash'] as const satisfies readonly (keyof AuditLogTable)[];

export interface AuditHead {
  size: number;
  lastHash: string;
  frontier: Frontier;
}

/**
 * What a service writes its entries through: typed with its own concept's
 * events, so an action outside that catalog, or a payload of another shape,
 * does not compile. The whole log (every concept's events) is assignable to it.
 */
export interface AuditAppender<E extends AuditEventShape> {
  append: (tx: Db, input: AuditInput<E>) => Promise<AuditEntry>;
  appendMany: (tx: Db, inputs: readonly AuditInput<E>[]) => Promise<AuditEntry[]>;
}

/**
 * The log, appending the events of catalog `E` (src/events.ts hands it every
 * concept's). Without one (`AuditLog<never>`) it appends nothing: the readers
 * of the tree and the heads need no catalog.
 */
export class AuditLog<E extends AuditEventShape = never> implements AuditAppender<E> {
  private readonly insertSqlCache = new Map<number, string>();

  constructor(
    private readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {}

  async append(tx: Db, input: AuditInput<E>): Promise<AuditEntry> {
    const [entry] = await this.appendMany(tx, [input]);
    return entry!;
  }

  async appendMany(tx: Db, inputs: readonly AuditInput<E>[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    const head = await this.lockHead(tx);
    const at = this.clock.now();
    const frontier = head.frontier;
    let prev = head.lastHash;
    const entries: AuditEntry[] = [];
    const nodes: { level: number; idx: number; hash: string }[] = [];
    const rows: unknown[] = [];
    inputs.forEach((input, i) => {
      const entry = toEntry(head.size + i, at, input);
      // the last line: whatever path the text came by, the log never holds an entry that cannot verify
      const bad = unstorableColumn(entry);
      if (bad) throw invalidInput([{ path: `audit entry ${bad.column}`, message: bad.message }]);
      entries.push(entry);
      const before = canonicalJson(entry.before);
      const after = canonicalJson(entry.after);
      const { entryHash, leafHash } = hashEntry(prev, canonicalEntry(entry, before, after));
      const prevHash = prev;
      prev = entryHash;
      for (const n of frontier.push(leafHash)) if (n.level >= STORED_MIN_LEVEL) nodes.push({ level: n.level, idx: n.index, hash: n.hash });
      // in ENTRY_COLUMNS order; the JSON columns as canonical JSON: the same value, and the exact text the hashes cover
      rows.push(
        entry.seq,
        at,
        entry.actor.kind,
        entry.actor.id,
        entry.action,
        entry.subject.type,
        entry.subject.id,
        before === 'null' ? null : before,
        after === 'null' ? null : after,
        entry.reason,
        prevHash,
        entryHash,
        leafHash,
      );
    });
    const width = ENTRY_COLUMNS.length;
    for (let i = 0; i < inputs.length; i += INSERT_CHUNK) {
      const count = Math.min(INSERT_CHUNK, inputs.length - i);
      await tx.executeQuery(CompiledQuery.raw(this.insertSql(count), rows.slice(i * width, (i + count) * width)));
    }
    for (let i = 0; i < nodes.length; i += INSERT_CHUNK) await tx.insertInto('audit_tree').values(nodes.slice(i, i + INSERT_CHUNK)).execute();
    await tx
      .updateTable('audit_head')
      .set({ size: head.size + inputs.length, last_hash: prev, frontier: frontier.encode() })
      .where('id', '=', 1)
      .execute();
    return entries;
  }

  /**
   * INSERT of `count` entries as SQL text: appending is the hottest write in
   * Warden, and building the statement through the query builder cost more
   * than the insert itself. Common sizes are kept.
   */
  private insertSql(count: number): string {
    let text = this.insertSqlCache.get(count);
    if (text === undefined) {
      let n = 0;
      const p = () => (this.dialect === 'postgres' ? `$${++n}` : '?');
      const tuples = Array.from({ length: count }, () => `(${ENTRY_COLUMNS.map(p).join(', ')})`);
      text = `INSERT INTO audit_log (${ENTRY_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
      if (count <= 16 || count === INSERT_CHUNK) this.insertSqlCache.set(count, text);
    }
    return text;
  }

  /** The head row, locked until the transaction ends on PostgreSQL (SQLite has one writer). */
  async lockHead(tx: Db): Promise<AuditHead> {
    const q = tx.selectFrom('audit_head').select(['size', 'last_hash', 'frontier']).where('id', '=', 1);
    const head = await (this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
    return { size: head.size, lastHash: head.last_hash, frontier: Frontier.decode(head.size, head.frontier) };
  }

  /** The head as committed, without a lock. */
  async head(db: Db): Promise<AuditHead> {
    const head = await db.selectFrom('audit_head').select(['size', 'last_hash', 'frontier']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { size: head.size, lastHash: head.last_hash, frontier: Frontier.decode(head.size, head.frontier) };
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

  /**
   * The entries of one action whose time is in [from, to), in (at, seq) order,
   * a page after `after` (the last one read). Reads the `audit_log_action_at`
   * index: a report over a window touches only what it counts.
   */
  async ofActionBetween(db: Db, action: string, window: { from: number; to: number }, after: { at: number; seq: number } | null, limit: number): Promise<AuditEntry[]> {
    let q = db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('at', '>=', window.from)
      .where('at', '<', window.to)
      .orderBy('at')
      .orderBy('seq')
      .limit(limit);
    if (after) q = q.where((eb) => eb.or([eb('at', '>', after.at), eb.and([eb('at', '=', after.at), eb('seq', '>', after.seq)])]));
    return (await q.execute()).map(rowToEntry);
  }

  /** The entries of one action about any of these subjects (of one type), whenever they were written. */
  async ofActionAbout(db: Db, action: string, subjectType: string, subjectIds: readonly string[]): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    for (let i = 0; i < subjectIds.length; i += INSERT_CHUNK) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', subjectType)
        .where('subject_id', 'in', subjectIds.slice(i, i + INSERT_CHUNK))
        .where('action', '=', action)
        .orderBy('seq')
        .execute();
      out.push(...rows.map(rowToEntry));
    }
    return out;
  }

  /**
   * Re-derive the hash chain from the stored entries; every problem found is
   * named. The chain alone: the Merkle tree, the signed heads and a diagnosis
   * in the words of what was done to the log are AuditVerifier's (verify.ts).
   */
  async verifyChain(db: Db, onProgress?: (done: number, total: number) => void): Promise<{ size: number; problems: ChainProblem[] }> {
    const total = await this.size(db);
    const problems: ChainProblem[] = [];
    let prev = GENESIS_HASH;
    let expected = 0;
    const page = 5000;
    const scanToEnd = async () => {
      for (;;) {
        const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expected).orderBy('seq').limit(page).execute();
        for (const row of rows) {
          if (row.seq !== expected) problems.push({ kind: 'gap', expectedSeq: expected, foundSeq: row.seq });
          if (row.prev_hash !== prev) problems.push({ kind: 'broken_link', seq: row.seq });
          if (chainHash(row.prev_hash, canonicalOfRow(row)) !== row.entry_hash) problems.push({ kind: 'hash_mismatch', seq: row.seq });
          prev = row.entry_hash;
          expected = row.seq + 1;
        }
        onProgress?.(expected, total);
        if (rows.length < page) return;
      }
    };
    await scanToEnd();
    // Appenders commit rows and head together: read the head after the rows, and
    // if it has moved past them, catch up with what was committed meanwhile.
    let head = await db.selectFrom('audit_head').select(['size', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    for (let round = 0; head.size > expected && round < 100; round++) {
      const before = expected;
      await scanToEnd();
      if (expected === before) break; // nothing more to read: the rows the head counts are gone
      head = await db.selectFrom('audit_head').select(['size', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    }
    if (expected !== head.size || head.last_hash !== prev) problems.push({ kind: 'head_mismatch', size: expected, storedSize: head.size });
    return { size: expected, problems };
  }
}
