/**
 * The audit log as an RFC 9162 Merkle log: the tree math against the RFC's
 * own definitions and the published vectors of transparency-dev/merkle; the
 * stored tree, proofs, signed heads, export and verification on both stores;
 * and every kind of tampering, done directly in the database, detected and
 * named — by the stored signed heads, and by a head an outsider saved.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createDispatcher } from '../src/workers/delivery.js';
import os from 'node:os';
import path from 'node:path';
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Finding, diagnose } from '../src/audit/diagnose.js';
import { verifyExport } from '../src/audit/export-verify.js';
import { auditServices } from '../src/audit/index.js';
import { EMPTY_ROOT, Frontier, LeafRun, STORED_MIN_LEVEL, consistencyRanges, hashEntry, inclusionRanges, leafHash, nodeHash, pow2, splitPoint } from '../src/audit/merkle.js';
import { type AuditEntry, type AuditEventShape, type AuditInput, SYSTEM, canonicalEntry, chainHash, jcs } from '../src/audit/model.js';
import { canonicalOfRow } from '../src/audit/rows.js';
import { TreeHeadSigner } from '../src/audit/signer.js';
import { type ExternalHead } from '../src/audit/verify.js';
import { checkConsistency, checkInclusion, hashLeaf, rootFromInclusionProof, treeHeadMessage, verifyConsistency, verifyInclusion, verifyTreeHeadSignature } from '../src/audit/verify-proofs.js';
import type { Db } from '../src/db/database.js';
import { uncatalogued } from './support/db.js';
import { type ApiHarness, STORES, type StoreKind, makeApiHarness } from './support/harness.js';
import { type Crew, seedCrew } from './support/seed.js';
import vectors from './data/rfc9162-vectors.json' with { type: 'json' };

const canonicalize = canonicalizeModule as unknown as (v: unknown) => string;
const hex = (s: string) => Buffer.from(s, 'hex');
const b64 = (s: string) => Buffer.from(s, 'base64');

// --- the RFC's definitions, transcribed literally (the oracle) -----------------------

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
/** RFC 9162 §2.1.1 MTH */
function MTH(D: Buffer[]): Buffer {
  if (D.length === 0) return sha();
  if (D.length === 1) return sha(Buffer.from([0]), D[0]!);
  const k = splitPoint(D.length);
  return sha(Buffer.from([1]), MTH(D.slice(0, k)), MTH(D.slice(k)));
}
/** §2.1.3.1 PATH */
function PATH(m: number, D: Buffer[]): Buffer[] {
  if (D.length === 1) return [];
  const k = splitPoint(D.length);
  return m < k ? [...PATH(m, D.slice(0, k)), MTH(D.slice(k))] : [...PATH(m - k, D.slice(k)), MTH(D.slice(0, k))];
}
/** §2.1.4.1 SUBPROOF */
function SUBPROOF(m: number, D: Buffer[], b: boolean): Buffer[] {
  if (m === D.length) return b ? [] : [MTH(D)];
  const k = splitPoint(D.length);
  return m <= k ? [...SUBPROOF(m, D.slice(0, k), b), MTH(D.slice(k))] : [...SUBPROOF(m - k, D.slice(k), false), MTH(D.slice(0, k))];
}
const PROOF = (m: number, D: Buffer[]) => SUBPROOF(m, D, true);

const H = (b: Buffer) => b.toString('hex');
const Hs = (bs: Buffer[]) => bs.map(H);

/** Proofs the way Warden builds them (ranges → perfect subtrees), over leaf data in memory (hex). */
const leafHashesOf = (D: Buffer[]) => D.map((d) => leafHash(d));
const wardenRoot = (D: Buffer[]) => (D.length === 0 ? EMPTY_ROOT : new LeafRun(0, leafHashesOf(D)).rangeHash({ start: 0, end: D.length }));
const wardenPath = (m: number, D: Buffer[]) => {
  const run = new LeafRun(0, leafHashesOf(D));
  return inclusionRanges(m, D.length).map((r) => run.rangeHash(r));
};
const wardenProof = (m: number, D: Buffer[]) => {
  const run = new LeafRun(0, leafHashesOf(D));
  return consistencyRanges(m, D.length).map((r) => run.rangeHash(r));
};

const LEAVES = vectors.leaves.map(hex);
const EMPTY = hex(EMPTY_ROOT);
const ROOTS = vectors.roots.map(hex);

// --- the corruptions transparency-dev/merkle's verify_test.go applies (rules, as data) ---

function inclusionProbes(index: number, size: number, proof: Buffer[], root: Buffer, leaf: Buffer) {
  const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
  const flip = proof.map((_, i) => proof.map((p, j) => (j === i ? Buffer.from([p[0]! ^ 8, ...p.subarray(1)]) : p)));
  return [
    { index: index - 1, size, root, leaf, proof, desc: 'leafIndex - 1' },
    { index: index + 1, size, root, leaf, proof, desc: 'leafIndex + 1' },
    { index: index ^ 2, size, root, leaf, proof, desc: 'leafIndex ^ 2' },
    { index, size: size * 2, root, leaf, proof, desc: 'treeSize * 2' },
    { index, size: Math.floor(size / 2), root, leaf, proof, desc: 'treeSize / 2' },
    { index, size, root, leaf: Buffer.from('WrongLeaf'), proof, desc: 'wrong leaf' },
    { index, size, root: EMPTY, leaf, proof, desc: 'empty root' },
    { index, size, root: someHash, leaf, proof, desc: 'random root' },
    { index, size, root, leaf, proof: [...proof, Buffer.alloc(0)], desc: 'trailing garbage' },
    { index, size, root, leaf, proof: [...proof, root], desc: 'trailing root' },
    { index, size, root, leaf, proof: [Buffer.alloc(0), ...proof], desc: 'preceding garbage' },
    { index, size, root, leaf, proof: [root, ...proof], desc: 'preceding root' },
    ...flip.map((p, i) => ({ index, size, root, leaf, proof: p, desc: `modified proof[${i}] bit 3` })),
    ...(proof.length > 0 ? [{ index, size, root, leaf, proof: proof.slice(0, -1), desc: 'removed component' }] : []),
    ...(proof.length > 1 ? [{ index, size, root, leaf, proof: [proof[0]!, someHash, ...proof.slice(1)], desc: 'inserted component' }] : []),
  ];
}

function consistencyProbes(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]) {
  const flip = proof.map((_, i) => proof.map((p, j) => (j === i ? Buffer.from([p[0]! ^ 16, ...p.subarray(1)]) : p)));
  return [
    { size1: size1 - 1, size2, root1, root2, proof, desc: 'size1 - 1' },
    { size1: size1 + 1, size2, root1, root2, proof, desc: 'size1 + 1' },
    { size1: size1 ^ 2, size2, root1, root2, proof, desc: 'size1 ^ 2' },
    { size1, size2: size2 * 2, root1, root2, proof, desc: 'size2 * 2' },
    { size1, size2: Math.floor(size2 / 2), root1, root2, proof, desc: 'size2 / 2' },
    { size1, size2, root1: Buffer.from('WrongRoot'), root2, proof, desc: 'wrong root1' },
    { size1, size2, root1, root2: Buffer.from('WrongRoot'), proof, desc: 'wrong root2' },
    { size1, size2, root1: root2, root2: root1, proof, desc: 'swapped roots' },
    { size1, size2, root1, root2, proof: [], desc: 'empty proof' },
    { size1, size2, root1, root2, proof: [...proof, Buffer.alloc(0)], desc: 'trailing garbage' },
    { size1, size2, root1, root2, proof: [...proof, root1], desc: 'trailing root1' },
    { size1, size2, root1, root2, proof: [...proof, root2], desc: 'trailing root2' },
    { size1, size2, root1, root2, proof: [Buffer.alloc(0), ...proof], desc: 'preceding garbage' },
    { size1, size2, root1, root2, proof: [root1, ...proof], desc: 'preceding root1' },
    { size1, size2, root1, root2, proof: [root2, ...proof], desc: 'preceding root2' },
    { size1, size2, root1, root2, proof: [proof[0]!, ...proof], desc: 'preceding proof[0]' },
    { size1, size2, root1, root2, proof: proof.slice(0, -1), desc: 'truncated proof' },
    ...flip.map((p, i) => ({ size1, size2, root1, root2, proof: p, desc: `modified proof[${i}] bit 4` })),
  ];
}

describe('RFC 9162 tree math against the RFC and the published vectors', () => {
  it('hashes leaves and nodes as RFC 6962/9162 do', () => {
    expect(EMPTY_ROOT).toBe(vectors.hasher.emptyRoot);
    expect(leafHash(Buffer.alloc(0))).toBe(vectors.hasher.emptyLeaf);
    expect(leafHash(hex(vectors.hasher.leaf.data))).toBe(vectors.hasher.leaf.hash);
    expect(hashLeaf(hex(vectors.hasher.leaf.data)).toString('hex')).toBe(vectors.hasher.leaf.hash);
    // node hashes of arbitrary bytes (the vector's children are not 32 bytes): the RFC formula itself
    expect(H(sha(Buffer.from([1]), hex(vectors.hasher.node.left), hex(vectors.hasher.node.right)))).toBe(vectors.hasher.node.hash);
    expect(nodeHash(vectors.roots[0]!, vectors.roots[1]!)).toBe(H(sha(Buffer.from([1]), ROOTS[0]!, ROOTS[1]!)));
    const { entryHash, leafHash: leaf } = hashEntry('11'.repeat(32), 'é{}');
    expect(entryHash).toBe(chainHash('11'.repeat(32), 'é{}'));
    expect(leaf).toBe(leafHash(Buffer.from('é{}')));
  });

  it('computes the published roots, by the RFC definition, by ranges and by the frontier', () => {
    const frontier = Frontier.empty();
    for (let n = 1; n <= LEAVES.length; n++) {
      frontier.push(leafHash(LEAVES[n - 1]!));
      const D = LEAVES.slice(0, n);
      expect(MTH(D)).toEqual(ROOTS[n - 1]);
      expect(wardenRoot(D)).toBe(vectors.roots[n - 1]);
      expect(frontier.root()).toBe(vectors.roots[n - 1]);
      expect(Frontier.decode(n, frontier.encode()).root()).toBe(vectors.roots[n - 1]);
    }
  });

  it('builds the published inclusion proofs; the verifier accepts them and rejects every corruption', () => {
    for (const v of vectors.inclusion) {
      const D = LEAVES.slice(0, v.treeSize);
      const proof = v.proof.map(hex);
      expect(wardenPath(v.leafIndex, D)).toEqual(v.proof);
      expect(PATH(v.leafIndex, D)).toEqual(proof);
      const leaf = hex(leafHash(LEAVES[v.leafIndex]!));
      const root = ROOTS[v.treeSize - 1]!;
      expect(rootFromInclusionProof(leaf, v.leafIndex, v.treeSize, proof)).toEqual({ root });
      expect(verifyInclusion(leaf, v.leafIndex, v.treeSize, proof, root)).toBe(true);
      const wrongly = inclusionProbes(v.leafIndex, v.treeSize, proof, root, leaf).filter((p) => verifyInclusion(p.leaf, p.index, p.size, p.proof, p.root));
      expect(wrongly.map((p) => p.desc)).toEqual([]);
    }
  });

  it('follows the RFC rules for degenerate inclusion proofs', () => {
    const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion(someHash, index, size, [], Buffer.alloc(0))).toBe(false);
      expect(verifyInclusion(Buffer.alloc(0), index, size, [], EMPTY)).toBe(false);
      expect(verifyInclusion(someHash, index, size, [], EMPTY)).toBe(false);
    }
    const h = hex(leafHash(Buffer.from('data'))); // a one-entry tree: root = leaf hash, empty proof
    expect(verifyInclusion(h, 0, 1, [], h)).toBe(true);
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], h)).toBe(false);
    expect(verifyInclusion(h, 0, 1, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], Buffer.alloc(0))).toBe(false);
  });

  it('builds the published consistency proofs; the verifier accepts them and rejects every corruption', () => {
    for (const v of vectors.consistency) {
      const D = LEAVES.slice(0, v.size2);
      const proof = v.proof.map(hex);
      expect(wardenProof(v.size1, D)).toEqual(v.proof);
      expect(PROOF(v.size1, D)).toEqual(proof);
      const [root1, root2] = [ROOTS[v.size1 - 1]!, ROOTS[v.size2 - 1]!];
      expect(checkConsistency(v.size1, v.size2, proof, root1, root2)).toEqual({ ok: true });
      if (proof.length === 0) continue;
      const wrongly = consistencyProbes(v.size1, v.size2, root1, root2, proof).filter((p) => verifyConsistency(p.size1, p.size2, p.proof, p.root1, p.root2));
      expect(wrongly.map((p) => p.desc)).toEqual([]);
    }
  });

  it('follows the RFC rules for degenerate consistency proofs', () => {
    const [r1, r2] = [Buffer.from("don't care 1"), Buffer.from("don't care 2")];
    const cases: [number, number, Buffer, Buffer, Buffer[], boolean][] = [
      [0, 0, r1, r2, [], false],
      [1, 1, r1, r2, [], false],
      [0, 0, r1, r1, [], true],
      [0, 1, r1, r2, [], true],
      [1, 1, r2, r2, [], true],
      [1, 0, r1, r2, [], false],
      [2, 1, r1, r2, [], false],
      [1, 2, r1, r2, [], false],
      [0, 0, EMPTY, r2, [], false],
      [1, 1, EMPTY, r2, [], false],
      [0, 0, EMPTY, EMPTY, [EMPTY], false],
      [0, 1, EMPTY, EMPTY, [EMPTY], false],
      [1, 1, EMPTY, EMPTY, [EMPTY], false],
    ];
    for (const [s1, s2, a, b, proof, ok] of cases) expect([s1, s2, verifyConsistency(s1, s2, proof, a, b)]).toEqual([s1, s2, ok]);
  });

  it("agrees with the published probe files (base64)", () => {
    for (const p of vectors.probeFiles.inclusion) {
      const ok = verifyInclusion(b64(p.leafHash), p.leafIdx, p.treeSize, (p.proof ?? []).map(b64), b64(p.root));
      expect([p.desc, ok]).toEqual([p.desc, !p.wantErr]);
    }
    for (const p of vectors.probeFiles.consistency) {
      const ok = verifyConsistency(p.size1, p.size2, (p.proof ?? []).map(b64), b64(p.root1), b64(p.root2));
      expect([p.desc, ok]).toEqual([p.desc, !p.wantErr]);
    }
  });

  it('matches the RFC definitions for every leaf and size up to 40, and verifies in random larger trees', () => {
    const data = Array.from({ length: 40 }, (_, i) => Buffer.from(`leaf ${i}`));
    for (let n = 1; n <= data.length; n++) {
      const D = data.slice(0, n);
      const run = new LeafRun(0, leafHashesOf(D));
      const root = H(MTH(D));
      expect(run.rangeHash({ start: 0, end: n })).toBe(root);
      for (let m = 0; m < n; m++) {
        const proof = inclusionRanges(m, n).map((r) => run.rangeHash(r));
        expect(proof).toEqual(Hs(PATH(m, D)));
        expect(verifyInclusion(leafHash(D[m]!), m, n, proof, root)).toBe(true);
      }
      for (let m = 0; m <= n; m++) {
        const proof = consistencyRanges(m, n).map((r) => run.rangeHash(r));
        if (m > 0) expect(proof).toEqual(Hs(PROOF(m, D)));
        expect(verifyConsistency(m, n, proof, run.rangeHash({ start: 0, end: m }), root)).toBe(true);
      }
    }
    const big = new LeafRun(0, Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from([i & 0xff, i >> 8]))));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(), fc.nat(), (n, a, b) => {
        const [m, m1] = [a % n, b % (n + 1)];
        const root = big.rangeHash({ start: 0, end: n });
        const proof = inclusionRanges(m, n).map((r) => big.rangeHash(r));
        expect(verifyInclusion(big.node(0, m)!, m, n, proof, root)).toBe(true);
        expect(verifyInclusion(big.node(0, m)!, m, n, proof.slice(1), root)).toBe(n === 1);
        const cproof = consistencyRanges(m1, n).map((r) => big.rangeHash(r));
        expect(verifyConsistency(m1, n, cproof, big.rangeHash({ start: 0, end: m1 }), root)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the frontier: each leaf completes exactly the perfect subtrees ending at it', () => {
    const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(String(i))));
    const run = new LeafRun(0, leaves);
    const f = Frontier.empty();
    for (let i = 0; i < leaves.length; i++) {
      for (const node of f.push(leaves[i]!)) {
        expect((node.index + 1) * pow2(node.level)).toBe(i + 1);
        expect(node.hash).toEqual(run.node(node.level, node.index));
      }
      expect(f.root()).toBe(run.rangeHash({ start: 0, end: i + 1 }));
    }
    expect(() => Frontier.decode(301, f.encode())).toThrow(/does not fit/);
  });
});

describe('canonical encoding v1', () => {
  it('is RFC 8785: the same bytes as the canonicalize package for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jcs(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
    expect(jcs({ b: [1, undefined, () => 1], a: new Date(0), c: undefined, n: -0, e: 1e21, u: '\u2028é\u0001' })).toBe(
      '{"a":"1970-01-01T00:00:00.000Z","b":[1,null,null],"e":1e+21,"n":0,"u":"\u2028é\\u0001"}',
    );
  });

  it('spells an entry exactly as documented, equal to canonicalize of the v1 document', () => {
    const arb = fc.record({
      seq: fc.nat(),
      at: fc.nat(),
      actor: fc.record({ kind: fc.constantFrom('staff', 'system', 'service' as const), id: fc.string() }),
      action: fc.string(),
      subject: fc.record({ type: fc.string(), id: fc.string() }),
      before: fc.jsonValue(),
      after: fc.jsonValue(),
      reason: fc.option(fc.string()),
    });
    fc.assert(
      fc.property(arb, (e) => {
        const entry = e as AuditEntry;
        const doc = { v: 1, seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, before: e.before ?? null, after: e.after ?? null, reason: e.reason };
        expect(canonicalEntry(entry)).toBe(canonicalize(doc));
      }),
      { numRuns: 300 },
    );
    const e: AuditEntry = { seq: 3, at: 1700000000000, actor: { kind: 'staff', id: 'stf_1' }, action: 'case.claimed', subject: { type: 'case', id: '9' }, before: null, after: { b: 1, a: 'x' }, reason: null };
    expect(canonicalEntry(e)).toBe(
      '{"action":"case.claimed","actor":{"id":"stf_1","kind":"staff"},"after":{"a":"x","b":1},"at":1700000000000,"before":null,"reason":null,"seq":3,"subject":{"id":"9","type":"case"},"v":1}',
    );
  });
});

describe('signed tree heads', () => {
  it('sign (treeSize, rootHash, timestamp) with Ed25519; any change or another key fails', () => {
    const signer = TreeHeadSigner.ephemeral();
    const head = signer.sign({ treeSize: 8, rootHash: vectors.roots[7]!, timestamp: 1_700_000_000_000 });
    expect(treeHeadMessage(head).toString()).toBe(`{"rootHash":"${vectors.roots[7]}","timestamp":1700000000000,"treeSize":8,"type":"warden.audit.tree_head.v1"}`);
    expect(verifyTreeHeadSignature(head, signer.publicKeyPem)).toBe(true);
    expect(verifyTreeHeadSignature({ ...head, treeSize: 9 }, signer.publicKeyPem)).toBe(false);
    expect(verifyTreeHeadSignature({ ...head, rootHash: vectors.roots[6]! }, signer.publicKeyPem)).toBe(false);
    expect(verifyTreeHeadSignature({ ...head, timestamp: head.timestamp + 1 }, signer.publicKeyPem)).toBe(false);
    expect(verifyTreeHeadSignature(head, TreeHeadSigner.ephemeral().publicKey)).toBe(false);
    const { publicKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verifyTreeHeadSignature(head, ec)).toBe(false);
  });

  it('creates the key file once, even when two processes race to create it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-key-'));
    try {
      const file = path.join(dir, 'sub', 'key.pem');
      const created: string[] = [];
      const a = TreeHeadSigner.loadOrCreate(file, (f) => created.push(f));
      const b = TreeHeadSigner.loadOrCreate(file, (f) => created.push(f));
      expect(a.keyId).toBe(b.keyId);
      expect(created).toEqual([file]);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(path.dirname(file))).toEqual(['key.pem']);
      fs.writeFileSync(path.join(dir, 'ec.pem'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
      expect(() => TreeHeadSigner.load(path.join(dir, 'ec.pem'))).toThrow(/Ed25519/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diagnosis', () => {
  it('names a shifted run as an insertion or a renumbered deletion', () => {
    const moved = (seq: number, originalSeq: number) => ({ kind: 'moved' as const, seq, originalSeq });
    const mismatch = (seq: number) => ({ kind: 'hash_mismatch' as const, seq });
    expect(diagnose([mismatch(6), mismatch(7), moved(6, 5), moved(7, 6), { kind: 'broken_link', seq: 6 }], 9)).toEqual([{ kind: 'inserted', seq: 5, count: 1 }]);
    expect(diagnose([mismatch(5), mismatch(6), moved(5, 6), moved(6, 7), { kind: 'broken_link', seq: 5 }], 7, 7)).toEqual([{ kind: 'deleted', seq: 5, count: 1, renumbered: true }]);
  });
});

// --- on the stores ---------------------------------------------------------------------

function inputs(n: number, from = 0): AuditInput[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    return {
      actor: k % 3 === 0 ? SYSTEM : { kind: 'staff', id: `stf_${k % 5}` },
      action: ['case.opened', 'case.claimed', 'account.suspended'][k % 3]!,
      subject: { type: 'case', id: k % 7 },
      before: k % 2 ? { status: 'open', n: k } : null,
      after: { status: k % 2 ? 'claimed' : 'open', tags: ['x', k], note: `é ${k}` },
      reason: k % 4 ? null : `because ${k}`,
    };
  });
}

async function append(h: ApiHarness, n: number, batch = 7): Promise<void> {
  const start = await h.ctx.audit.size(h.ctx.db);
  for (let i = 0; i < n; i += batch) {
    const chunk = inputs(Math.min(batch, n - i), start + i);
    await h.ctx.transaction((tx) => uncatalogued(h.ctx).appendMany(tx, chunk));
  }
}

/** Leaf data as the RFC sees it: the canonical bytes of every stored entry, in order. */
async function leafData(db: Db): Promise<Buffer[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  return rows.map((r) => Buffer.from(canonicalOfRow(r), 'utf8'));
}

const HEAD_WEBHOOK_SECRET = 'whsec_dGVzdC10cmVlLWhlYWQtd2ViaG9vay1zZWNyZXQ=';

function keyConfig(kind: StoreKind, headWebhookUrls: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `warden-audit-key-${kind}-`));
  return { dir, audit: { signingKeyPath: path.join(dir, 'signing-key.pem'), treeHeadIntervalMs: 60_000, headWebhookUrls, headWebhookSecret: HEAD_WEBHOOK_SECRET } };
}

/** A receiver on loopback that records what it is sent, answering with the statuses given in turn (then 200). */
async function receiver(statuses: number[] = []) {
  const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/heads`, got, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(STORES)('publishing signed tree heads on %s', (kind) => {
  it('sends each head, once committed, as a Standard Webhooks message an outsider verifies with the public key; retries a failed receiver with the same id', async () => {
    const r = await receiver([503]);
    const k = keyConfig(kind, [r.url]);
    const h = await makeApiHarness(kind, { audit: k.audit });
    try {
      await append(h, 5, 5);
      // a head signed in a transaction that rolls back is never published
      await expect(h.ctx.transaction(async (tx) => {
        await auditServices(h.ctx).heads.sign(tx);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      const head = await h.ctx.transaction((tx) => auditServices(h.ctx).heads.sign(tx));
      const dispatcher = createDispatcher(h.ctx);
      const first = await dispatcher.runOnce();
      expect(first).toMatchObject({ sent: 0, retried: 1 });
      h.clock.advance(10 * 60_000);
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
      expect(r.got).toHaveLength(2);
      const [failed, delivered] = r.got;
      expect(delivered!.headers['webhook-id']).toBe(failed!.headers['webhook-id']);
      const verified = new Webhook(HEAD_WEBHOOK_SECRET).verify(delivered!.body, delivered!.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
      expect(verified.type).toBe('audit.tree_head');
      expect(verified.data).toEqual({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, signature: head.signature, keyId: head.keyId });
      const pem = auditServices(h.ctx).signer().publicKeyPem;
      expect(verifyTreeHeadSignature(verified.data as never, pem)).toBe(true);
      expect(verifyTreeHeadSignature({ ...(verified.data as never as object), treeSize: head.treeSize + 1 } as never, pem)).toBe(false);
      // a forged message is caught by the receiver's check
      expect(() => new Webhook(HEAD_WEBHOOK_SECRET).verify(delivered!.body.replace(head.rootHash, '0'.repeat(64)), delivered!.headers as Record<string, string>)).toThrow();
    } finally {
      await h.cleanup();
      await r.close();
      fs.rmSync(k.dir, { recursive: true, force: true });
    }
  });
});

describe.each(STORES)('the Merkle log on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let keyDir: string;
  const services = () => auditServices(h.ctx);

  beforeAll(async () => {
    const k = keyConfig(kind);
    keyDir = k.dir;
    h = await makeApiHarness(kind, { audit: k.audit });
    crew = await seedCrew(h.ctx); // seeding appends entries of its own
  });
  afterAll(async () => {
    await h.cleanup();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('stores the leaf hash of each entry, the completed subtrees and the frontier, in the append transaction', async () => {
    await append(h, 90, 13);
    const D = await leafData(h.ctx.db);
    const n = D.length;
    const rows = await h.ctx.db.selectFrom('audit_log').select(['seq', 'leaf_hash']).orderBy('seq').execute();
    expect(rows.map((r) => r.leaf_hash)).toEqual(D.map((d) => leafHash(d)));
    const head = await h.ctx.audit.head(h.ctx.db);
    expect(head.size).toBe(n);
    expect(head.frontier.root()).toBe(H(MTH(D)));
    const nodes = await h.ctx.db.selectFrom('audit_tree').selectAll().orderBy('level').orderBy('idx').execute();
    const run = new LeafRun(0, D.map((d) => leafHash(d)));
    const expected: { level: number; idx: number; hash: string }[] = [];
    for (let level = STORED_MIN_LEVEL; pow2(level) <= n; level++) {
      for (let idx = 0; (idx + 1) * pow2(level) <= n; idx++) expected.push({ level, idx, hash: run.node(level, idx)! });
    }
    expect(nodes.map((r) => ({ level: Number(r.level), idx: Number(r.idx), hash: r.hash }))).toEqual(expected);

    // a rolled-back append leaves no leaf, no subtree and the head as it was
    await expect(
      h.ctx.transaction(async (tx) => {
        await uncatalogued(h.ctx).appendMany(tx, inputs(40, n));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await h.ctx.audit.head(h.ctx.db)).frontier.encode()).toBe(head.frontier.encode());
    expect(await h.ctx.db.selectFrom('audit_tree').select('level').execute()).toHaveLength(expected.length);
  });

  it('answers inclusion and consistency proofs for any sizes from O(log n) stored nodes, matching the RFC', async () => {
    const D = await leafData(h.ctx.db);
    const { tree } = services();
    for (const n of [1, 2, 3, 15, 16, 17, 31, 32, 33, 64, 65, D.length]) {
      const root = H(MTH(D.slice(0, n)));
      expect(await tree.root(h.ctx.db, n)).toBe(root);
      for (let m = 0; m < n; m++) {
        const proof = await tree.inclusionProof(h.ctx.db, m, n);
        expect(proof).toEqual(Hs(PATH(m, D.slice(0, n))));
        expect(verifyInclusion(leafHash(D[m]!), m, n, proof, root)).toBe(true);
      }
    }
    for (const [m, n] of [
      [1, 2],
      [3, 7],
      [16, 17],
      [17, 32],
      [5, D.length],
      [33, D.length],
      [D.length, D.length],
    ] as const) {
      const proof = await tree.consistencyProof(h.ctx.db, m, n);
      expect(verifyConsistency(m, n, proof, MTH(D.slice(0, m)), MTH(D.slice(0, n)))).toBe(true);
    }
  });

  it('signs tree heads on demand and when the log has grown, and publishes them over the API', async () => {
    const { heads } = services();
    const auditor = h.api(crew.auditor.token);
    const posted = await auditor.post('/v1/audit/heads');
    expect(posted.status).toBe(201);
    const size = await h.ctx.audit.size(h.ctx.db);
    expect(posted.body.head).toMatchObject({ treeSize: size, rootHash: H(MTH(await leafData(h.ctx.db))) });
    const key = await auditor.get('/v1/audit/public-key');
    expect(key.status).toBe(200);
    expect(verifyTreeHeadSignature(posted.body.head, key.body.publicKey)).toBe(true);
    expect(key.body.keyId).toBe(posted.body.head.keyId);

    expect(await h.ctx.transaction((tx) => heads.signIfGrown(tx))).toBeNull();
    await append(h, 5);
    h.clock.advance(1000);
    const grown = await h.ctx.transaction((tx) => heads.signIfGrown(tx));
    expect(grown?.treeSize).toBe(size + 5);

    const service = h.api(h.ctx.config.serviceToken);
    const latest = await service.get('/v1/audit/heads/latest');
    expect(latest.status).toBe(200);
    expect(latest.body.head).toEqual(grown);
    const list = await service.get('/v1/audit/heads?limit=10');
    expect(list.body.heads.map((x: { treeSize: number }) => x.treeSize)).toEqual([size + 5, size]);
    expect((await h.api(crew.triage.token).post('/v1/audit/heads')).status).toBe(403);
    expect((await service.post('/v1/audit/heads')).status).toBe(403);
    expect((await h.api(crew.agent.token).get('/v1/audit/heads')).status).toBe(403);
  });

  it('serves proofs an outsider verifies with nothing but the RFC algorithms and the public key', async () => {
    const api = h.api(crew.auditor.token);
    const { body: k } = await api.get('/v1/audit/public-key');
    const { body: older } = await api.get('/v1/audit/heads?limit=2');
    const [to, from] = older.heads as ExternalHead[];
    expect(verifyTreeHeadSignature(to!, k.publicKey) && verifyTreeHeadSignature(from!, k.publicKey)).toBe(true);

    const inc = await api.get(`/v1/audit/proofs/inclusion?seq=3&treeSize=${to!.treeSize}`);
    expect(inc.status).toBe(200);
    expect(inc.body.signedHead).toEqual(to);
    expect(hashLeaf(inc.body.canonical).toString('hex')).toBe(inc.body.leafHash);
    expect(canonicalEntry(inc.body.entry)).toBe(inc.body.canonical);
    expect(checkInclusion(inc.body.leafHash, 3, to!.treeSize, inc.body.proof, to!.rootHash)).toEqual({ ok: true });
    // by default against the latest signed head
    const dflt = await h.api(h.ctx.config.serviceToken).get('/v1/audit/proofs/inclusion?seq=0');
    expect(dflt.body.treeSize).toBe(to!.treeSize);

    const con = await api.get(`/v1/audit/proofs/consistency?from=${from!.treeSize}&to=${to!.treeSize}`);
    expect(con.status).toBe(200);
    expect(checkConsistency(from!.treeSize, to!.treeSize, con.body.proof, from!.rootHash, to!.rootHash)).toEqual({ ok: true });

    const size = await h.ctx.audit.size(h.ctx.db);
    const bad = await api.get(`/v1/audit/proofs/inclusion?seq=${size}&treeSize=${size}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('seq');
    expect((await api.get(`/v1/audit/proofs/inclusion?seq=0&treeSize=${size + 1}`)).body.error.fields[0].path).toBe('treeSize');
    expect((await api.get('/v1/audit/proofs/inclusion?seq=-1')).status).toBe(400);
    expect((await api.get('/v1/audit/proofs/consistency?from=5&to=4')).body.error.fields[0].path).toBe('from');

    // the full verification, to an auditor over the API (the chain-only default is unchanged)
    const full = await api.get('/v1/audit/verify?scope=full');
    expect(full.body).toMatchObject({ ok: true, size, headSize: size, findings: [], problems: [], signedHeadsChecked: 2 });
    expect((await api.get('/v1/audit/verify')).body).toEqual({ ok: true, size, problems: [] });
  });

  it('exports entries with proofs that an auditor verifies offline, and catches an edited line', async () => {
    const { exporter, signer } = services();
    await append(h, 4200 - (await h.ctx.audit.size(h.ctx.db)), 600); // more than one export chunk
    await h.ctx.transaction((tx) => services().heads.sign(tx));
    const lines: string[] = [];
    const out = new (await import('node:stream')).Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const summary = await exporter.export(h.ctx.db, out, { publicKeyPem: signer().publicKeyPem });
    expect(summary.entries).toBe(4200);
    expect(summary.heads).toBeGreaterThanOrEqual(3);
    const check = await verifyExport(lines, { publicKey: signer().publicKeyPem });
    expect(check).toMatchObject({ ok: true, entries: 4200, treeSize: 4200, signed: true, keyPinned: true, problems: [] });

    const edited = [...lines];
    const line = JSON.parse(edited[4100]!);
    line.entry.reason = 'nothing to see';
    edited[4100] = JSON.stringify(line);
    const forgedBoth = [...lines];
    const l2 = JSON.parse(forgedBoth[17]!);
    l2.entry.actor.id = 'mallory';
    l2.canonical = canonicalEntry(l2.entry);
    l2.leafHash = hashLeaf(l2.canonical).toString('hex');
    forgedBoth[17] = JSON.stringify(l2);
    const otherKey = TreeHeadSigner.ephemeral().publicKeyPem;
    expect((await verifyExport(edited)).problems).toEqual([{ line: 4101, seq: 4099, reason: 'the entry does not canonicalise to the bytes given' }]);
    expect((await verifyExport(forgedBoth)).problems).toEqual([{ line: 18, seq: 16, reason: 'inclusion: the proof leads to a different root' }]);
    expect((await verifyExport(lines, { publicKey: otherKey })).ok).toBe(false);

    // and a slice of the log against an older head
    const partial: string[] = [];
    const out2 = new (await import('node:stream')).Writable({
      write(chunk, _enc, done) {
        partial.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    await exporter.export(h.ctx.db, out2, { treeSize: 33, fromSeq: 10, toSeq: 20, publicKeyPem: signer().publicKeyPem });
    expect((await verifyExport(partial)).problems.map((p) => p.reason)).toEqual(['the exported tree has no signed head']);
    expect(partial.filter((l) => JSON.parse(l).type === 'entry')).toHaveLength(10);
  });

  it('verifies the whole log: chain, leaves, subtrees, frontier and every signed head', async () => {
    const { verifier } = services();
    const r = await verifier.verify(h.ctx.db);
    expect(r).toMatchObject({ ok: true, findings: [], problems: [], size: 4200, headSize: 4200 });
    expect(r.signedHeadsChecked).toBeGreaterThanOrEqual(3);
  });
});

// --- the CLI ------------------------------------------------------------------------------

describe.each(STORES)('warden audit … on %s', (kind) => {
  let h: ApiHarness;
  let keyDir: string;
  beforeAll(async () => {
    const k = keyConfig(kind);
    keyDir = k.dir;
    h = await makeApiHarness(kind, { audit: k.audit });
    await append(h, 30, 10);
  });
  afterAll(async () => {
    await h.cleanup();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  /** Run one CLI command against the harness store; what it printed, and its exit code. */
  async function cli(...args: string[]): Promise<{ out: string; err: string; code: number }> {
    const { Command } = await import('commander');
    const { registerAuditCommands } = await import('../src/cli/audit.js');
    const program = new Command().exitOverride();
    registerAuditCommands(program, (fn) => fn(h.ctx));
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'warden', 'audit', ...args]);
    } finally {
      log.mockRestore();
      error.mockRestore();
      write.mockRestore();
    }
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { out: out.join('\n'), err: err.join('\n'), code };
  }

  it('signs and prints a head, proves, exports, and verifies — against a head saved earlier too', async () => {
    const signed = await cli('head', '--sign');
    const saved = JSON.parse(signed.out);
    expect(verifyTreeHeadSignature(saved.head, saved.publicKey)).toBe(true);
    const file = path.join(keyDir, 'head.json');
    fs.writeFileSync(file, signed.out);
    await append(h, 5);

    const ok = await cli('verify', '--from-head', file, '--no-progress');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^ok: \d+ entries; chain, leaf hashes and tree intact/);

    const proof = JSON.parse((await cli('prove', '3', '--tree-size', String(saved.head.treeSize))).out);
    expect(checkInclusion(proof.leafHash, 3, saved.head.treeSize, proof.proof, saved.head.rootHash)).toEqual({ ok: true });
    const size = await h.ctx.audit.size(h.ctx.db);
    const cons = JSON.parse((await cli('consistency', String(saved.head.treeSize), '--to', String(size))).out);
    expect(checkConsistency(saved.head.treeSize, size, cons.proof, saved.head.rootHash, cons.toRoot)).toEqual({ ok: true });

    const exported = path.join(keyDir, 'export.jsonl');
    await cli('export', '--out', exported, '--no-progress');
    fs.writeFileSync(path.join(keyDir, 'pub.pem'), (await cli('public-key')).out);
    const checked = await cli('verify-export', exported, '--public-key', path.join(keyDir, 'pub.pem'));
    expect(checked).toMatchObject({ code: 0 });
    expect(checked.out).toMatch(/^ok: \d+ entries and 1 earlier head\(s\) proven into the signed tree/);

    // the outsider's view after the tail is cut and every trace of it removed
    await h.ctx.db.deleteFrom('audit_log').where('seq', '>=', saved.head.treeSize - 2).execute();
    await h.ctx.db.deleteFrom('audit_tree_heads').execute();
    const bad = await cli('verify', '--from-head', file, '--no-progress');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`the log was cut at ${saved.head.treeSize - 2} entries`);
    const json = JSON.parse((await cli('verify', '--json', '--no-progress')).out);
    expect(json.findings).toEqual([{ kind: 'truncated', size: saved.head.treeSize - 2, expectedSize: size, evidence: 'head' }]);
  });

  it('names a bad --from-head file, and bad numbers, as input errors', async () => {
    const file = path.join(keyDir, 'not-a-head.json');
    fs.writeFileSync(file, JSON.stringify({ treeSize: -1, rootHash: 'xyz' }));
    await expect(cli('verify', '--from-head', file)).rejects.toMatchObject({ code: 'invalid_input', details: { fields: expect.arrayContaining([expect.objectContaining({ path: '--from-head treeSize' })]) } });
    await expect(cli('prove', 'seven')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

// --- a log written before the Merkle tree existed -----------------------------------------

describe.each(STORES)('migrating an existing log to the Merkle log on %s', (kind) => {
  it('gives every earlier entry its leaf hash and subtree, keeps its chain, and the log then verifies and grows', async () => {
    const { openStore, dropPostgresSchema } = await import('../src/db/database.js');
    const { testPostgresUrl } = await import('../src/test-config.js');
    const { Migrator } = await import('kysely');
    const m001 = await import('../src/db/migrations/001_foundation.js');
    const m002 = await import('../src/db/migrations/002_enforcement.js');
    const m003 = await import('../src/db/migrations/003_merkle.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-migrate-'));
    const schema = `t_mig_${Math.random().toString(16).slice(2, 10)}`;
    const url = kind === 'sqlite' ? path.join(dir, 'warden.db') : testPostgresUrl();
    const store = await openStore(url, { schema: kind === 'postgres' ? schema : undefined, synchronous: 'NORMAL' });
    try {
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: async () => ({ '001_foundation': m001, '002_enforcement': m002, '003_merkle': m003 }) },
        // Kysely looks for its own tables in every schema unless told which: other tests' schemas would count
        ...(kind === 'postgres' ? { migrationTableSchema: schema } : {}),
      });
      expect((await migrator.migrateTo('002_enforcement')).error).toBeUndefined();
      // entries as the pre-Merkle AuditLog wrote them: JSON columns spelled by JSON.stringify (keys unsorted)
      let prev = '0'.repeat(64);
      const legacy = inputs(37).map((input, seq) => {
        const e = { ...input, seq, at: 1_700_000_000_000 + seq, subject: { type: input.subject.type, id: String(input.subject.id) }, before: input.before ?? null, after: input.after ?? null, reason: input.reason ?? null };
        const entryHash = chainHash(prev, canonicalize({ v: 1, seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, before: e.before, after: e.after, reason: e.reason }));
        const row = { seq, at: e.at, actor_kind: e.actor.kind, actor_id: e.actor.id, action: e.action, subject_type: e.subject.type, subject_id: e.subject.id, before: e.before === null ? null : JSON.stringify(e.before), after: JSON.stringify(e.after), reason: e.reason, prev_hash: prev, entry_hash: entryHash };
        prev = entryHash;
        return row;
      });
      expect(legacy[1]!.after).not.toBe(jcs(JSON.parse(legacy[1]!.after)));
      const db = store.db as unknown as import('kysely').Kysely<any>;
      await db.insertInto('audit_log').values(legacy).execute();
      await db.updateTable('audit_head').set({ size: legacy.length, last_hash: prev }).where('id', '=', 1).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const { AuditLog } = await import('../src/audit/service.js');
      const audit = new AuditLog<AuditEventShape>(store.dialect, { now: () => 1_800_000_000_000 });
      const D = await leafData(store.db);
      expect((await audit.head(store.db)).frontier.root()).toBe(H(MTH(D)));
      expect(await audit.verifyChain(store.db)).toEqual({ size: 37, problems: [] });
      await store.db.transaction().execute((tx) => audit.appendMany(tx, inputs(20, 37)));
      const { MerkleStore } = await import('../src/audit/tree.js');
      const { TreeHeads } = await import('../src/audit/heads.js');
      const { AuditVerifier } = await import('../src/audit/verify.js');
      const verifier = new AuditVerifier(audit, new MerkleStore(store.dialect), new TreeHeads(audit, { now: () => 0 }, () => TreeHeadSigner.ephemeral()), () => null);
      expect(await verifier.verify(store.db)).toMatchObject({ ok: true, size: 57, rootHash: H(MTH(await leafData(store.db))) });
    } finally {
      await store.close();
      if (kind === 'postgres') await dropPostgresSchema(url, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// --- tampering, directly in the database -------------------------------------------------

describe.each(STORES)('tampering with the Merkle log on %s', (kind) => {
  let h: ApiHarness;
  let keyDir: string;
  let saved: ExternalHead; // what an outsider kept: the head at 40 entries, and the public key
  const N = 40;
  const services = () => auditServices(h.ctx);
  const verify = () => services().verifier.verify(h.ctx.db);
  const fromHead = () => services().verifier.verifyAgainstHead(h.ctx.db, saved);
  const row = (seq: number) => h.ctx.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  afterEach(async () => {
    await h.cleanup();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  const setup = async () => {
    const k = keyConfig(kind);
    keyDir = k.dir;
    h = await makeApiHarness(kind, { audit: k.audit });
    await append(h, 20 - (await h.ctx.audit.size(h.ctx.db)), 20); // starting the context may audit something already
    await h.ctx.transaction((tx) => services().heads.sign(tx));
    await append(h, N - 20, 20);
    const head = await h.ctx.transaction((tx) => services().heads.sign(tx));
    saved = { ...head, publicKey: services().signer().publicKeyPem };
    expect((await verify()).ok).toBe(true);
  };

  /** What a careful forger does after changing rows: rebuild chain, leaves, subtrees and head from them. */
  async function rehashEverything(db: Db) {
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = '0'.repeat(64);
    const f = Frontier.empty();
    await db.deleteFrom('audit_tree').execute();
    for (const r of rows) {
      const canonical = canonicalOfRow(r);
      const entryHash = chainHash(prev, canonical);
      const leaf = leafHash(canonical);
      await db.updateTable('audit_log').set({ prev_hash: prev, entry_hash: entryHash, leaf_hash: leaf }).where('seq', '=', r.seq).execute();
      for (const node of f.push(leaf)) if (node.level >= STORED_MIN_LEVEL) await db.insertInto('audit_tree').values({ level: node.level, idx: node.index, hash: node.hash }).execute();
      prev = entryHash;
    }
    await db.updateTable('audit_head').set({ size: rows.length, last_hash: prev, frontier: f.encode() }).where('id', '=', 1).execute();
  }

  const named = (findings: Finding[]) => findings.filter((f) => f.kind !== 'tree_damaged');

  it('names an edited entry', async () => {
    await setup();
    const r = await row(13);
    await h.ctx.db.updateTable('audit_log').set({ reason: 'nothing happened' }).where('seq', '=', 13).execute();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([{ kind: 'edited', seq: 13, rehashed: false }]);
    expect(report.problems).toEqual(expect.arrayContaining([{ kind: 'leaf_mismatch', seq: 13 }, expect.objectContaining({ kind: 'signed_head_mismatch', treeSize: 20 })]));
    expect(r.reason).not.toBe('nothing happened');
  });

  it('names an edited entry whose chain hash and leaf hash were recomputed', async () => {
    await setup();
    const r = { ...(await row(13)), actor_id: 'someone_else' };
    const canonical = canonicalOfRow(r);
    await h.ctx.db
      .updateTable('audit_log')
      .set({ actor_id: r.actor_id, entry_hash: chainHash(r.prev_hash, canonical), leaf_hash: leafHash(canonical) })
      .where('seq', '=', 13)
      .execute();
    expect((await verify()).findings).toEqual([{ kind: 'edited', seq: 13, rehashed: true }]);
  });

  it('names a deleted middle entry', async () => {
    await setup();
    await h.ctx.db.deleteFrom('audit_log').where('seq', '=', 25).execute();
    expect((await verify()).findings).toEqual([{ kind: 'deleted', seq: 25, count: 1, renumbered: false }]);
  });

  it('names a deleted entry whose successors were renumbered to close the gap', async () => {
    await setup();
    await h.ctx.transaction(async (tx) => {
      await tx.deleteFrom('audit_log').where('seq', '=', 25).execute();
      for (let s = 26; s < N; s++) await tx.updateTable('audit_log').set({ seq: s - 1 }).where('seq', '=', s).execute();
      await tx.updateTable('audit_head').set({ size: N - 1 }).where('id', '=', 1).execute();
    });
    expect(named((await verify()).findings)).toEqual([{ kind: 'deleted', seq: 25, count: 1, renumbered: true }]);
  });

  it('names a forged entry inserted in the middle (its own hashes correct, the rest renumbered)', async () => {
    await setup();
    const s = 9;
    await h.ctx.transaction(async (tx) => {
      for (let q = N - 1; q >= s; q--) await tx.updateTable('audit_log').set({ seq: q + 1 }).where('seq', '=', q).execute();
      const before = await tx.selectFrom('audit_log').selectAll().where('seq', '=', s - 1).executeTakeFirstOrThrow();
      const forged = { ...before, seq: s, actor_id: 'mallory', action: 'account.restored', reason: 'approved by lead', prev_hash: before.entry_hash };
      const canonical = canonicalOfRow(forged);
      await tx
        .insertInto('audit_log')
        .values({ ...forged, entry_hash: chainHash(forged.prev_hash, canonical), leaf_hash: leafHash(canonical) })
        .execute();
      await tx.updateTable('audit_head').set({ size: N + 1 }).where('id', '=', 1).execute();
    });
    expect(named((await verify()).findings)).toEqual([{ kind: 'inserted', seq: s, count: 1 }]);
  });

  it('names two re-ordered entries, adjacent or far apart', async () => {
    await setup();
    const swap = async (a: number, b: number) =>
      h.ctx.transaction(async (tx) => {
        await tx.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', a).execute();
        await tx.updateTable('audit_log').set({ seq: a }).where('seq', '=', b).execute();
        await tx.updateTable('audit_log').set({ seq: b }).where('seq', '=', -1).execute();
      });
    await swap(5, 6);
    await swap(17, 30);
    expect((await verify()).findings).toEqual([
      { kind: 'reordered', seqs: [5, 6] },
      { kind: 'reordered', seqs: [17, 30] },
    ]);
  });

  it('names a truncated tail', async () => {
    await setup();
    await h.ctx.db.deleteFrom('audit_log').where('seq', '>=', N - 3).execute();
    expect((await verify()).findings).toEqual([{ kind: 'truncated', size: N - 3, expectedSize: N, evidence: 'head' }]);
  });

  it('names a truncated tail whose head row was fixed up, by the signed heads and by an outsider', async () => {
    await setup();
    await h.ctx.db.deleteFrom('audit_log').where('seq', '>=', N - 3).execute();
    await rehashEverything(h.ctx.db); // a consistent, shorter log: chain, subtrees, frontier and head all agree
    expect(await h.ctx.audit.verifyChain(h.ctx.db)).toEqual({ size: N - 3, problems: [] });
    expect((await verify()).findings).toEqual([{ kind: 'truncated', size: N - 3, expectedSize: N, evidence: 'signed_head' }]);

    // the forger deletes the signed heads too: only the outsider's saved head can tell
    await h.ctx.db.deleteFrom('audit_tree_heads').where('tree_size', '>', N - 3).execute();
    expect((await verify()).ok).toBe(true);
    const outsider = await fromHead();
    expect(outsider.findings).toEqual([{ kind: 'truncated', size: N - 3, expectedSize: N, evidence: 'external_head' }]);
  });

  it('names a log rewritten consistently from an edited entry on, by the signed heads and by an outsider', async () => {
    await setup();
    await h.ctx.db.updateTable('audit_log').set({ actor_id: 'nobody' }).where('seq', '=', 27).execute();
    await rehashEverything(h.ctx.db);
    expect((await h.ctx.audit.verifyChain(h.ctx.db)).problems).toEqual([]);
    expect((await verify()).findings).toEqual([{ kind: 'rewritten', treeSize: N, source: 'stored' }]);

    await h.ctx.db.deleteFrom('audit_tree_heads').where('tree_size', '=', N).execute();
    expect((await verify()).ok).toBe(true);
    const outsider = await fromHead();
    expect(outsider.findings).toEqual([{ kind: 'rewritten', treeSize: N, source: 'external' }]);
    expect(outsider.problems).toContainEqual(expect.objectContaining({ kind: 'external_head_inconsistent', treeSize: N }));
  });

  it('names a signed head forged without the key, and damage to the stored tree alone', async () => {
    await setup();
    const latest = (await services().heads.latest(h.ctx.db))!;
    await h.ctx.db.updateTable('audit_tree_heads').set({ timestamp: latest.timestamp + 1 }).where('id', '=', latest.id).execute();
    expect((await verify()).findings).toEqual([{ kind: 'forged_head', treeSize: N, headId: latest.id, reason: 'the signature does not match the head' }]);
    await h.ctx.db.updateTable('audit_tree_heads').set({ timestamp: latest.timestamp }).where('id', '=', latest.id).execute();

    await h.ctx.db.updateTable('audit_tree').set({ hash: '00'.repeat(32) }).where('level', '=', 4).where('idx', '=', 1).execute();
    const r = await verify();
    expect(r.findings).toEqual([{ kind: 'tree_damaged', seqs: [16], detail: '1 stored subtree(s) disagree with the entries' }]);
    // and the damaged tree cannot produce a proof that contradicts a signed head
    await expect(services().proofs.inclusion(h.ctx.db, 3, N)).rejects.toThrow(/no longer proves entry 3/);
    await expect(services().proofs.inclusion(h.ctx.db, 20, N)).resolves.toMatchObject({ seq: 20 });
  });
});
