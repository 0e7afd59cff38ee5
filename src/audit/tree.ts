/**
 * Reading the Merkle tree back: the hash of any range the RFC's recursions
 * ask for, from the stored perfect subtrees (level >= STORED_MIN_LEVEL) and,
 * below that, from short runs of leaf hashes. One round trip per proof.
 */
import { CompiledQuery } from 'kysely';
import type { Db, Dialect } from '../db/database.js';
import {
  EMPTY_ROOT,
  type Hex,
  LeafRun,
  type NodeId,
  type Range,
  STORED_MIN_LEVEL,
  consistencyRanges,
  foldSubtrees,
  inclusionRanges,
  nodeKey,
  perfectSubtrees,
  pow2,
} from './merkle.js';

const RUN = pow2(STORED_MIN_LEVEL);

/** The store no longer holds what the tree needs: the log was damaged. */
export class TreeDamaged extends Error {
  constructor(message: string) {
    super(`audit tree: ${message} (run \`warden audit verify\`)`);
    this.name = 'TreeDamaged';
  }
}

export class MerkleStore {
  constructor(private readonly dialect: Dialect) {}

  /** MTH of each range (all within the log as stored), in order. */
  async rangeHashes(db: Db, ranges: readonly Range[]): Promise<Hex[]> {
    const parts = ranges.map(perfectSubtrees);
    const nodes = await this.nodes(db, parts.flat());
    return parts.map((p) => foldSubtrees(p.map((n) => nodes.get(nodeKey(n.level, n.index))!)));
  }

  async root(db: Db, size: number): Promise<Hex> {
    if (size === 0) return EMPTY_ROOT;
    const [root] = await this.rangeHashes(db, [{ start: 0, end: size }]);
    return root!;
  }

  /** RFC 9162 §2.1.3.1 for leaf m in the tree of size n. */
  inclusionProof(db: Db, m: number, n: number): Promise<Hex[]> {
    return this.rangeHashes(db, inclusionRanges(m, n));
  }

  /** RFC 9162 §2.1.4.1 from the tree of size m to the tree of size n. */
  consistencyProof(db: Db, m: number, n: number): Promise<Hex[]> {
    return this.rangeHashes(db, consistencyRanges(m, n));
  }

  /** Hashes of perfect subtrees, by nodeKey: stored ones read, low ones rebuilt from leaf runs. */
  async nodes(db: Db, wanted: readonly NodeId[]): Promise<Map<string, Hex>> {
    const stored = new Map<number, Set<number>>();
    const runs = new Set<number>();
    for (const { level, index } of wanted) {
      if (level >= STORED_MIN_LEVEL) {
        if (!stored.has(level)) stored.set(level, new Set());
        stored.get(level)!.add(index);
      } else {
        runs.add(Math.floor((index * pow2(level)) / RUN));
      }
    }
    const rows = await this.read(db, [...runs], stored);

    const out = new Map<string, Hex>();
    const leaves = new Map<number, Hex>();
    for (const r of rows) {
      if (r.hash === null) continue; // a row without a leaf hash: missing, if a proof needs it
      if (Number(r.level) === 0) leaves.set(Number(r.idx), r.hash);
      else out.set(nodeKey(Number(r.level), Number(r.idx)), r.hash);
    }
    const built = new Map<number, LeafRun>();
    for (const run of runs) {
      const start = run * RUN;
      const hashes: Hex[] = [];
      for (let seq = start; seq < start + RUN && leaves.has(seq); seq++) hashes.push(leaves.get(seq)!);
      built.set(run, new LeafRun(start, hashes));
    }
    for (const { level, index } of wanted) {
      const key = nodeKey(level, index);
      if (out.has(key)) continue;
      if (level >= STORED_MIN_LEVEL) throw new TreeDamaged(`subtree (${level}, ${index}) is missing`);
      const h = built.get(Math.floor((index * pow2(level)) / RUN))!.node(level, index);
      if (!h) throw new TreeDamaged(`the leaves under (${level}, ${index}) are missing`);
      out.set(key, h);
    }
    return out;
  }

  /**
   * The leaf hashes of the runs and the stored subtrees (level > 0 tells them
   * apart), as SQL text: a proof is a hot path, and the query builder costs
   * more than the query here. Subtrees by `(level, idx) IN (VALUES …)`, which
   * both stores answer with one key lookup each (SQLite's OR-of-terms plan on
   * a WITHOUT ROWID table costs twice as much). One round trip on PostgreSQL;
   * two statements on SQLite, where the compound one plans worse.
   */
  private async read(db: Db, runs: number[], stored: Map<number, Set<number>>) {
    type Row = { level: number; idx: number; hash: string | null };
    const pg = this.dialect === 'postgres';
    const params: number[] = [];
    const p = (v: number, type: string) => {
      params.push(v);
      return pg ? `$${params.length}::${type}` : '?';
    };
    const leaves = runs.map((r) => `SELECT 0 AS level, seq AS idx, leaf_hash AS hash FROM audit_log WHERE seq >= ${p(r * RUN, 'bigint')} AND seq < ${p((r + 1) * RUN, 'bigint')}`);
    const pairs = [...stored].flatMap(([level, idx]) => [...idx].map((i) => `(${p(level, 'int')}, ${p(i, 'bigint')})`));
    const nodes = pairs.length === 0 ? [] : [`SELECT level, idx, hash FROM audit_tree WHERE (level, idx) IN (VALUES ${pairs.join(', ')})`];
    if (pg || leaves.length === 0 || nodes.length === 0) {
      const parts = [...leaves, ...nodes];
      return parts.length === 0 ? [] : (await db.executeQuery<Row>(CompiledQuery.raw(parts.join(' UNION ALL '), params))).rows;
    }
    const split = runs.length * 2;
    const [a, b] = [
      await db.executeQuery<Row>(CompiledQuery.raw(leaves.join(' UNION ALL '), params.slice(0, split))),
      await db.executeQuery<Row>(CompiledQuery.raw(nodes[0]!, params.slice(split))),
    ];
    return [...a.rows, ...b.rows];
  }
}
