/**
 * `warden audit export`: entries with their inclusion proofs as JSON Lines,
 * anchored to a signed tree head, so an auditor can check every line with no
 * access to Warden (export-verify.ts, or any RFC 9162 verifier).
 *
 *   line 1   {"type":"header", "format":"warden.audit.export/1", treeSize, rootHash, signedHead, publicKey, ...}
 *   entries  {"type":"entry", seq, entry, canonical, leafHash, proof}
 *   heads    {"type":"head", head, consistency: {from, to, proof}}   every earlier signed head, proven a prefix
 *
 * Proofs are built a chunk of 4096 entries at a time: the part of the path
 * inside the chunk from its leaf hashes in memory, the part above it once per
 * chunk from the store.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../db/database.js';
import { invalidInput } from '../errors.js';
import type { StoredTreeHead, TreeHeads } from './heads.js';
import { LeafRun, type Range, inclusionRanges, pow2 } from './merkle.js';
import { canonicalOfRow, rowToEntry } from './rows.js';
import type { AuditLog } from './service.js';
import { type MerkleStore, TreeDamaged } from './tree.js';

export const EXPORT_FORMAT = 'warden.audit.export/1';
const CHUNK = pow2(12);

export interface ExportOptions {
  /** the tree the proofs are against; default: the latest signed head, else the whole log */
  treeSize?: number;
  /** entries [fromSeq, toSeq) of that tree; default: all */
  fromSeq?: number;
  toSeq?: number;
  publicKeyPem?: string | null;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  treeSize: number;
  rootHash: string;
  entries: number;
  heads: number;
  signedHead: StoredTreeHead | null;
}

const within = (r: Range, outer: Range) => r.start >= outer.start && r.end <= outer.end;

export class AuditExporter {
  constructor(
    private readonly audit: AuditLog,
    private readonly tree: MerkleStore,
    private readonly heads: TreeHeads,
  ) {}

  async export(db: Db, out: Writable, opts: ExportOptions = {}): Promise<ExportSummary> {
    const size = await this.audit.size(db);
    const latest = await this.heads.latest(db);
    const n = opts.treeSize ?? latest?.treeSize ?? size;
    if (n > size) throw invalidInput([{ path: 'treeSize', message: `the log holds ${size} entries; no tree of ${n}` }]);
    const from = opts.fromSeq ?? 0;
    const to = Math.min(opts.toSeq ?? n, n);
    if (from < 0 || from > to) throw invalidInput([{ path: 'fromSeq', message: `must be between 0 and ${to}` }]);
    const signedHead = await this.heads.atSize(db, n);
    const root = await this.tree.root(db, n);
    if (signedHead && signedHead.rootHash !== root) throw new TreeDamaged(`the tree of ${n} no longer has the root signed for it`);

    const write = async (obj: unknown) => {
      if (!out.write(`${JSON.stringify(obj)}\n`)) await once(out, 'drain');
    };
    await write({
      type: 'header',
      format: EXPORT_FORMAT,
      treeSize: n,
      rootHash: root,
      signedHead,
      publicKey: opts.publicKeyPem ?? null,
      fromSeq: from,
      toSeq: to,
      hashes: {
        leaf: 'SHA-256(0x00 || UTF-8 canonical entry)',
        node: 'SHA-256(0x01 || left || right)',
        proofs: 'RFC 9162 section 2.1.3 (inclusion) and 2.1.4 (consistency)',
        canonical: 'RFC 8785 JSON of {v:1, seq, at, actor:{kind,id}, action, subject:{type,id}, before, after, reason} (src/audit/model.ts)',
        signedHead: 'Ed25519 over UTF-8 {"rootHash":…,"timestamp":…,"treeSize":…,"type":"warden.audit.tree_head.v1"} (src/audit/verify-proofs.ts)',
      },
    });

    let written = 0;
    for (let chunkStart = Math.floor(from / CHUNK) * CHUNK; chunkStart < to; chunkStart += CHUNK) {
      const chunk = { start: chunkStart, end: Math.min(chunkStart + CHUNK, n) };
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', chunk.start).where('seq', '<', chunk.end).orderBy('seq').execute();
      const leaves = rows.map((r, i) => {
        if (r.seq !== chunk.start + i || r.leaf_hash === null) throw new TreeDamaged(`entry ${chunk.start + i} is missing or has no leaf hash`);
        return r.leaf_hash;
      });
      if (leaves.length !== chunk.end - chunk.start) throw new TreeDamaged(`entries ${chunk.start + leaves.length}..${chunk.end - 1} are missing`);
      const run = new LeafRun(chunk.start, leaves);
      // the path above the chunk is the same for every entry in it
      const outerRanges = inclusionRanges(chunk.start, n).filter((r) => !within(r, chunk));
      const outer = await this.tree.rangeHashes(db, outerRanges);
      for (const row of rows) {
        if (row.seq < from || row.seq >= to) continue;
        const inner = inclusionRanges(row.seq - chunk.start, chunk.end - chunk.start).map((r) =>
          run.rangeHash({ start: r.start + chunk.start, end: r.end + chunk.start }),
        );
        await write({ type: 'entry', seq: row.seq, entry: rowToEntry(row), canonical: canonicalOfRow(row), leafHash: row.leaf_hash, proof: [...inner, ...outer] });
        written++;
      }
      opts.onProgress?.(written, to - from);
    }

    let heads = 0;
    for (const head of await this.heads.all(db)) {
      if (head.treeSize > n) break;
      const proof = await this.tree.consistencyProof(db, head.treeSize, n);
      await write({ type: 'head', head, consistency: { from: head.treeSize, to: n, proof } });
      heads++;
    }
    return { treeSize: n, rootHash: root, entries: written, heads, signedHead };
  }
}
