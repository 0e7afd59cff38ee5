/**
 * `warden audit verify`: re-derive everything from the stored entries — the
 * hash chain, every leaf hash, the whole Merkle tree — and hold the store to
 * it: the stored subtrees, the head row, and every signed tree head (root at
 * its size, and its signature). Optionally also to a head an outsider saved
 * (`--from-head`). Every problem is recorded where it was seen, then named in
 * the words of what was done to the log (diagnose.ts).
 */
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { AuditRow } from '../db/schema.js';
import { type Finding, type HeadSource, type LogProblem, diagnose } from './diagnose.js';
import type { TreeHeads } from './heads.js';
import { EMPTY_ROOT, Frontier, STORED_MIN_LEVEL, hashEntry, nodeKey, pow2 } from './merkle.js';
import { GENESIS_HASH, chainHash } from './model.js';
import { canonicalOfRow, canonicalOfRowFast } from './rows.js';
import type { AuditLog } from './service.js';
import type { MerkleStore } from './tree.js';
import { type SignedTreeHead, checkConsistency, checkTreeHeadSignature, keyIdOf } from './verify-proofs.js';
import { messageOf } from '../errors.js';

const PAGE = 10_000;
const MAX_PROBLEMS = 1_000;
const MAX_SUSPECTS = 1_000;

/** A head held by someone outside Warden, with the public key they trust (if they pinned one). */
export interface ExternalHead extends SignedTreeHead {
  publicKey?: string;
}

export interface VerifyOptions {
  onProgress?: (done: number, total: number) => void;
  externalHeads?: ExternalHead[];
}

export interface VerifyReport {
  ok: boolean;
  /** entries found */
  size: number;
  /** entries the head row counts */
  headSize: number;
  /** root of the tree re-derived from the entries found */
  rootHash: string;
  signedHeadsChecked: number;
  externalHeadsChecked: number;
  findings: Finding[];
  problems: LogProblem[];
  /** problems found beyond the first MAX_PROBLEMS */
  problemsOmitted: number;
}

interface HeadCheck {
  head: SignedTreeHead;
  headId: number | null;
  source: HeadSource;
  publicKey?: string;
}

export class AuditVerifier {
  constructor(
    private readonly audit: AuditLog,
    private readonly tree: MerkleStore,
    private readonly heads: TreeHeads,
    /** the configured signing key's public half: the trust anchor for stored heads */
    private readonly trustedKey: () => KeyObject | null,
  ) {}

  async verify(db: Db, opts: VerifyOptions = {}): Promise<VerifyReport> {
    const problems: LogProblem[] = [];
    let omitted = 0;
    const report = (p: LogProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : omitted++);

    const stored = await this.heads.all(db);
    const keys = await this.heads.keys(db);
    const trusted = this.trustedKey();
    const checks: HeadCheck[] = [
      ...stored.map((h) => ({ head: h, headId: h.id, source: 'stored' as const })),
      ...(opts.externalHeads ?? []).map((h) => ({ head: h, headId: null, source: 'external' as const, publicKey: h.publicKey })),
    ].sort((a, b) => a.head.treeSize - b.head.treeSize);
    for (const c of checks) this.checkSignature(c, keys, trusted, report);

    const total = await this.audit.size(db);
    const frontier = Frontier.empty();
    const suspects: AuditRow[] = [];
    let next = 0; // heads checked so far (checks is in size order)
    let expectedSeq = 0;
    let prev = GENESIS_HASH;
    const checkHeadsAt = (size: number, root: () => string) => {
      for (; next < checks.length && checks[next]!.head.treeSize === size; next++) {
        const c = checks[next]!;
        if (c.head.rootHash !== root()) report({ kind: 'signed_head_mismatch', treeSize: size, headId: c.headId, source: c.source });
      }
    };
    checkHeadsAt(0, () => EMPTY_ROOT);

    // the next page is read while this one is checked (PostgreSQL answers in parallel)
    const fetchPage = (fromSeq: number, position: number) =>
      Promise.all([
        db.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(PAGE).execute(),
        this.storedNodesEnding(db, position, position + PAGE),
      ]);
    const scanToEnd = async () => {
      let next = fetchPage(expectedSeq, frontier.size);
      for (;;) {
        const [rows, storedNodes] = await next;
        if (rows.length === PAGE) next = fetchPage(rows[rows.length - 1]!.seq + 1, frontier.size + rows.length);
        for (const row of rows) {
          if (row.seq !== expectedSeq) report({ kind: 'gap', expectedSeq, foundSeq: row.seq });
          if (row.prev_hash !== prev) report({ kind: 'broken_link', seq: row.seq });
          const fast = canonicalOfRowFast(row);
          let hashes = fast === null ? null : hashEntry(row.prev_hash, fast);
          if (hashes === null || hashes.entryHash !== row.entry_hash) {
            // judged by value: an older spelling of the JSON columns, or an edit
            hashes = hashEntry(row.prev_hash, canonicalOrGarbage(row));
            if (hashes.entryHash !== row.entry_hash) {
              report({ kind: 'hash_mismatch', seq: row.seq });
              if (suspects.length < MAX_SUSPECTS) suspects.push(row);
            }
          }
          if (row.leaf_hash !== hashes.leafHash) report({ kind: 'leaf_mismatch', seq: row.seq });
          for (const node of frontier.push(hashes.leafHash)) {
            if (node.level < STORED_MIN_LEVEL) continue;
            const have = storedNodes.get(nodeKey(node.level, node.index));
            if (have === undefined) report({ kind: 'node_missing', level: node.level, index: node.index });
            else if (have !== node.hash) {
              const firstSeq = node.index * pow2(node.level);
              report({ kind: 'node_mismatch', level: node.level, index: node.index, firstSeq, lastSeq: firstSeq + pow2(node.level) - 1 });
            }
          }
          checkHeadsAt(frontier.size, () => frontier.root());
          prev = row.entry_hash;
          expectedSeq = row.seq + 1;
        }
        opts.onProgress?.(frontier.size, Math.max(total, frontier.size));
        if (rows.length < PAGE) return;
      }
    };
    await scanToEnd();
    // appenders commit rows and head together: read the head after the rows and catch up
    let head = await this.headRow(db);
    for (let round = 0; head.size > frontier.size && round < 100; round++) {
      const before = frontier.size;
      await scanToEnd();
      if (frontier.size === before) break;
      head = await this.headRow(db);
    }
    const size = frontier.size;
    if (size !== head.size || head.last_hash !== prev) report({ kind: 'head_mismatch', size, storedSize: head.size });
    else if (head.frontier !== frontier.encode()) report({ kind: 'frontier_mismatch', size });
    for (; next < checks.length; next++) {
      const c = checks[next]!;
      report({ kind: 'signed_head_beyond_log', treeSize: c.head.treeSize, size, headId: c.headId, source: c.source });
    }
    for (const o of await this.storedNodesBeyond(db, Math.max(size, (await this.headRow(db)).size))) report({ kind: 'node_beyond_log', ...o });
    for (const m of await this.findMoved(db, suspects)) report(m);
    for (const h of opts.externalHeads ?? []) await this.checkExtends(db, h, size, report);

    return {
      ok: problems.length === 0,
      size,
      headSize: head.size,
      rootHash: frontier.root(),
      signedHeadsChecked: stored.length,
      externalHeadsChecked: opts.externalHeads?.length ?? 0,
      findings: diagnose(problems, size, expectedSeq),
      problems,
      problemsOmitted: omitted,
    };
  }

  /** The outsider's check: the whole log re-derived, and held to a head saved earlier. */
  verifyAgainstHead(db: Db, head: ExternalHead, opts: Omit<VerifyOptions, 'externalHeads'> = {}): Promise<VerifyReport> {
    return this.verify(db, { ...opts, externalHeads: [head] });
  }

  private checkSignature(c: HeadCheck, keys: Map<string, string>, trusted: KeyObject | null, report: (p: LogProblem) => void) {
    const { head, headId, source } = c;
    const key = c.publicKey ?? (trusted && head.keyId === keyIdOfTrusted(trusted) ? trusted : keys.get(head.keyId));
    if (!key) {
      report({ kind: 'bad_signature', treeSize: head.treeSize, headId, source, reason: `unknown key ${head.keyId}` });
      return;
    }
    const verdict = checkTreeHeadSignature(head, key);
    if (!verdict.ok) report({ kind: 'bad_signature', treeSize: head.treeSize, headId, source, reason: verdict.reason });
    else if (source === 'stored' && trusted && head.keyId !== keyIdOfTrusted(trusted)) report({ kind: 'untrusted_key', treeSize: head.treeSize, headId, keyId: head.keyId });
  }

  /** The stored tree must prove, by the outsider's own algorithm, that the log extends their head. */
  private async checkExtends(db: Db, h: ExternalHead, size: number, report: (p: LogProblem) => void) {
    if (h.treeSize > size) return; // reported as beyond the log
    try {
      const [proof, root] = await Promise.all([this.tree.consistencyProof(db, h.treeSize, size), this.tree.root(db, size)]);
      const verdict = checkConsistency(h.treeSize, size, proof, h.rootHash, root);
      if (!verdict.ok) report({ kind: 'external_head_inconsistent', treeSize: h.treeSize, reason: verdict.reason });
    } catch (err) {
      report({ kind: 'external_head_inconsistent', treeSize: h.treeSize, reason: messageOf(err) });
    }
  }

  private async headRow(db: Db) {
    return db.selectFrom('audit_head').select(['size', 'last_hash', 'frontier']).where('id', '=', 1).executeTakeFirstOrThrow();
  }

  /** Stored subtrees whose last leaf is in (from, to]: the ones leaves from..to-1 complete. */
  private async storedNodesEnding(db: Db, from: number, to: number): Promise<Map<string, string>> {
    const ranges: { level: number; lo: number; hi: number }[] = [];
    for (let level = STORED_MIN_LEVEL; pow2(level) <= to; level++) {
      const lo = Math.floor(from / pow2(level));
      const hi = Math.floor(to / pow2(level)) - 1;
      if (lo <= hi) ranges.push({ level, lo, hi });
    }
    if (ranges.length === 0) return new Map();
    const rows = await db
      .selectFrom('audit_tree')
      .select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(ranges.map((r) => eb.and([eb('level', '=', r.level), eb('idx', '>=', r.lo), eb('idx', '<=', r.hi)]))))
      .execute();
    return new Map(rows.map((r) => [nodeKey(Number(r.level), Number(r.idx)), r.hash]));
  }

  /** Stored subtrees reaching past `size` entries. */
  private async storedNodesBeyond(db: Db, size: number): Promise<{ level: number; index: number }[]> {
    const top = await db.selectFrom('audit_tree').select((eb) => eb.fn.max('level').as('level')).executeTakeFirst();
    const maxLevel = top?.level === null || top?.level === undefined ? -1 : Number(top.level);
    if (maxLevel < STORED_MIN_LEVEL) return [];
    const levels = Array.from({ length: maxLevel - STORED_MIN_LEVEL + 1 }, (_, i) => STORED_MIN_LEVEL + i);
    const rows = await db
      .selectFrom('audit_tree')
      .select(['level', 'idx'])
      .where((eb) => eb.or(levels.map((level) => eb.and([eb('level', '=', level), eb('idx', '>=', Math.floor(size / pow2(level)))]))))
      .orderBy('level')
      .orderBy('idx')
      .limit(MAX_PROBLEMS)
      .execute();
    return rows.map((r) => ({ level: Number(r.level), index: Number(r.idx) }));
  }

  /**
   * A row whose content no longer hashes to its stored hash may be an intact
   * entry that was moved: the seq it was written at is the one that makes its
   * stored hash match. Its prev_hash names the entry it followed (itself maybe
   * moved, hence suspects are resolved in order); small shifts are tried too.
   */
  private async findMoved(db: Db, suspects: AuditRow[]): Promise<LogProblem[]> {
    if (suspects.length === 0) return [];
    const wanted = new Set(suspects.map((s) => s.prev_hash));
    const seqOf = new Map<string, number>([[GENESIS_HASH, -1]]);
    for (let from = 0; ; ) {
      const rows = await db.selectFrom('audit_log').select(['seq', 'entry_hash']).where('seq', '>=', from).orderBy('seq').limit(PAGE).execute();
      for (const r of rows) if (wanted.has(r.entry_hash)) seqOf.set(r.entry_hash, r.seq);
      if (rows.length < PAGE) break;
      from = rows[rows.length - 1]!.seq + 1;
    }
    const originalOf = new Map<number, number>();
    const moved: LogProblem[] = [];
    for (const row of [...suspects].sort((a, b) => a.seq - b.seq)) {
      const pred = seqOf.get(row.prev_hash);
      const candidates = [
        ...(pred === undefined ? [] : [pred + 1, ...(originalOf.has(pred) ? [originalOf.get(pred)! + 1] : [])]),
        row.seq - 1,
        row.seq + 1,
        row.seq - 2,
        row.seq + 2,
      ];
      const originalSeq = candidates.find((c) => c >= 0 && c !== row.seq && chainHash(row.prev_hash, canonicalOrGarbage({ ...row, seq: c })) === row.entry_hash);
      if (originalSeq !== undefined) {
        originalOf.set(row.seq, originalSeq);
        moved.push({ kind: 'moved', seq: row.seq, originalSeq });
      }
    }
    return moved;
  }
}

/** The canonical bytes of a row, or (for a row no entry could have produced: bad JSON, text in a number column) its raw columns. */
function canonicalOrGarbage(row: AuditRow): string {
  try {
    return canonicalOfRow(row);
  } catch {
    return JSON.stringify(row);
  }
}

const trustedIds = new WeakMap<KeyObject, string>();
function keyIdOfTrusted(key: KeyObject): string {
  let id = trustedIds.get(key);
  if (!id) {
    id = keyIdOf(key);
    trustedIds.set(key, id);
  }
  return id;
}
