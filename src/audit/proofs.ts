/**
 * Proofs as Warden serves them (HTTP, CLI): inclusion of an entry in a tree
 * of a given size, consistency between two sizes, each with the signed head
 * at that size when there is one. Sizes default to the latest signed head.
 */
import type { Db } from '../db/database.js';
import { invalidInput } from '../errors.js';
import type { StoredTreeHead, TreeHeads } from './heads.js';
import { consistencyRanges, inclusionRanges } from './merkle.js';
import type { AuditEntry } from './model.js';
import { canonicalOfRow, rowToEntry } from './rows.js';
import type { AuditLog } from './service.js';
import { type MerkleStore, TreeDamaged } from './tree.js';
import { checkConsistency, checkInclusion } from './verify-proofs.js';

export interface InclusionProof {
  seq: number;
  /** the leaf index (= seq) */
  leafIndex: number;
  treeSize: number;
  entry: AuditEntry;
  /** the canonical bytes of the entry (UTF-8), whose leaf hash is proven */
  canonical: string;
  leafHash: string;
  /** RFC 9162 inclusion path, the leaf's sibling first, hex */
  proof: string[];
  rootHash: string;
  /** the signed head at treeSize, if one was signed at exactly that size */
  signedHead: StoredTreeHead | null;
}

export interface ConsistencyProof {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  /** RFC 9162 consistency proof, hex */
  proof: string[];
  fromHead: StoredTreeHead | null;
  toHead: StoredTreeHead | null;
}

export class AuditProofs {
  constructor(
    private readonly audit: AuditLog,
    private readonly tree: MerkleStore,
    private readonly heads: TreeHeads,
  ) {}

  /** The size proofs default to: the latest signed head, else the whole log. */
  async defaultSize(db: Db): Promise<number> {
    const latest = await this.heads.latest(db);
    return latest ? latest.treeSize : this.audit.size(db);
  }

  async inclusion(db: Db, seq: number, treeSize?: number): Promise<InclusionProof> {
    const [size, dflt, row] = await Promise.all([
      this.audit.size(db),
      treeSize === undefined ? this.defaultSize(db) : treeSize,
      db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirst(),
    ]);
    const n = treeSize ?? dflt;
    if (n > size) throw invalidInput([{ path: 'treeSize', message: `the log holds ${size} entries; no tree of ${n}` }]);
    if (seq >= n) {
      const why = treeSize === undefined ? `the latest signed head covers ${n} entries; sign a new head or ask for a larger treeSize` : `not below treeSize ${n}`;
      throw invalidInput([{ path: 'seq', message: `entry ${seq}: ${why}` }]);
    }
    if (!row || row.leaf_hash === null) throw new TreeDamaged(`entry ${seq} is missing or has no leaf hash`);
    // the path and the root from one read of the stored tree
    const ranges = [...inclusionRanges(seq, n), { start: 0, end: n }];
    const [hashes, signedHead] = await Promise.all([this.tree.rangeHashes(db, ranges), this.heads.atSize(db, n)]);
    const rootHash = hashes.pop()!;
    const proof = hashes;
    if (signedHead && signedHead.rootHash !== rootHash) throw new TreeDamaged(`the tree of ${n} no longer has the root signed for it`);
    // never serve a proof that does not verify: the stored subtrees it is made of may be damaged
    if (!checkInclusion(row.leaf_hash, seq, n, proof, rootHash).ok) throw new TreeDamaged(`the stored tree no longer proves entry ${seq} into the tree of ${n}`);
    return { seq, leafIndex: seq, treeSize: n, entry: rowToEntry(row), canonical: canonicalOfRow(row), leafHash: row.leaf_hash, proof, rootHash, signedHead };
  }

  async consistency(db: Db, from: number, to?: number): Promise<ConsistencyProof> {
    const size = await this.audit.size(db);
    const n = to ?? (await this.defaultSize(db));
    if (n > size) throw invalidInput([{ path: 'to', message: `the log holds ${size} entries; no tree of ${n}` }]);
    if (from > n) throw invalidInput([{ path: 'from', message: `${from} is larger than to (${n}): a log only grows` }]);
    const ranges = [...consistencyRanges(from, n), { start: 0, end: from }, { start: 0, end: n }];
    const [hashes, fromHead, toHead] = await Promise.all([this.tree.rangeHashes(db, ranges), this.heads.atSize(db, from), this.heads.atSize(db, n)]);
    const toRoot = hashes.pop()!; // an empty range hashes to the empty root
    const fromRoot = hashes.pop()!;
    const proof = hashes;
    for (const [head, root] of [
      [fromHead, fromRoot],
      [toHead, toRoot],
    ] as const) {
      if (head && head.rootHash !== root) throw new TreeDamaged(`the tree of ${head.treeSize} no longer has the root signed for it`);
    }
    if (!checkConsistency(from, n, proof, fromRoot, toRoot).ok) throw new TreeDamaged(`the stored tree no longer proves the tree of ${from} a prefix of the tree of ${n}`);
    return { from, to: n, fromRoot, toRoot, proof, fromHead, toHead };
  }
}
