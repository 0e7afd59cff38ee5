/**
 * What an outsider runs: checks of inclusion proofs, consistency proofs and
 * signed tree heads, following RFC 9162 §2.1.3.2 and §2.1.4.2 step by step.
 * Pure, no database, no Warden state; it shares nothing with the prover but
 * SHA-256 and Ed25519 from node:crypto, so a bug in how Warden builds proofs
 * cannot hide behind the same bug here.
 *
 * Hashes are raw bytes (Uint8Array) or lowercase/uppercase hex strings.
 */
import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { messageOf } from '../errors.js';

export type HashLike = Uint8Array | string;

const bytes = (h: HashLike): Buffer => (typeof h === 'string' ? Buffer.from(h, 'hex') : Buffer.from(h.buffer, h.byteOffset, h.byteLength));
const hashChildren = (left: Buffer, right: Buffer) => createHash('sha256').update(Buffer.from([0x01])).update(left).update(right).digest();
const lsb = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);
const isSize = (x: number) => Number.isSafeInteger(x) && x >= 0;
/** A SHA-256 hash: 32 bytes, or 64 hex digits. */
const isHash = (h: HashLike) => (typeof h === 'string' ? /^[0-9a-fA-F]{64}$/.test(h) : h.byteLength === 32);

/** The Merkle leaf hash of an entry's canonical bytes: SHA-256(0x00 ‖ bytes). */
export function hashLeaf(canonical: string | Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.from([0x00])).update(typeof canonical === 'string' ? Buffer.from(canonical, 'utf8') : canonical).digest();
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof implies, or why it implies none.
 */
export function rootFromInclusionProof(leafHash: HashLike, leafIndex: number, treeSize: number, proof: readonly HashLike[]): { root: Buffer } | { error: string } {
  if (!isSize(leafIndex) || !isSize(treeSize)) return { error: 'leaf index and tree size must be non-negative integers' };
  // 1. leaf_index >= tree_size fails
  if (leafIndex >= treeSize) return { error: `leaf index ${leafIndex} is not below the tree size ${treeSize}` };
  if (!proof.every(isHash) || !isHash(leafHash)) return { error: 'every hash must be 32 bytes (64 hex digits)' };
  // 2. fn = leaf_index, sn = tree_size - 1;  3. r = hash
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = bytes(leafHash);
  // 4. for each p in the inclusion path
  for (const element of proof) {
    const p = bytes(element);
    // a. sn = 0: stop and fail
    if (sn === 0) return { error: 'the proof is longer than the path from this leaf to the root' };
    // b. LSB(fn) set, or fn = sn
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      // ii. if LSB(fn) is not set, shift both right until LSB(fn) is set or fn is 0
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    // c. shift both right once
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn must be 0
  if (sn !== 0) return { error: 'the proof is shorter than the path from this leaf to the root' };
  return { root: r };
}

export function verifyInclusion(leafHash: HashLike, leafIndex: number, treeSize: number, proof: readonly HashLike[], root: HashLike): boolean {
  return checkInclusion(leafHash, leafIndex, treeSize, proof, root).ok;
}

export function checkInclusion(leafHash: HashLike, leafIndex: number, treeSize: number, proof: readonly HashLike[], root: HashLike): Verdict {
  const r = rootFromInclusionProof(leafHash, leafIndex, treeSize, proof);
  if ('error' in r) return { ok: false, reason: r.error };
  if (!isHash(root) || !r.root.equals(bytes(root))) return { ok: false, reason: 'the proof leads to a different root' };
  return { ok: true };
}

/**
 * RFC 9162 §2.1.4.2, for size1 < size2, with the conventions of a tree that
 * only grows: equal sizes are consistent iff the roots are equal and the proof
 * is empty; the empty tree is consistent with every tree by an empty proof.
 */
export function checkConsistency(size1: number, size2: number, proof: readonly HashLike[], root1: HashLike, root2: HashLike): Verdict {
  if (!isSize(size1) || !isSize(size2)) return { ok: false, reason: 'tree sizes must be non-negative integers' };
  if (size2 < size1) return { ok: false, reason: `the second tree (${size2}) is smaller than the first (${size1})` };
  if (!proof.every(isHash)) return { ok: false, reason: 'every proof hash must be 32 bytes (64 hex digits)' };
  if (![root1, root2].every((r) => typeof r !== 'string' || /^[0-9a-fA-F]*$/.test(r))) return { ok: false, reason: 'roots must be hex' };
  if (size1 === size2) {
    if (proof.length > 0) return { ok: false, reason: 'a proof between equal sizes must be empty' };
    return bytes(root1).equals(bytes(root2)) ? { ok: true } : { ok: false, reason: 'equal sizes with different roots' };
  }
  if (size1 === 0) return proof.length === 0 ? { ok: true } : { ok: false, reason: 'a proof from the empty tree must be empty' };

  // 1. an empty consistency_path fails
  if (proof.length === 0) return { ok: false, reason: 'the proof is empty' };
  const path = proof.map(bytes);
  // 2. if first is an exact power of 2, prepend first_hash
  if (isPowerOfTwo(size1)) path.unshift(bytes(root1));
  // 3. fn = first - 1, sn = second - 1
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4. if LSB(fn) is set, shift both right until LSB(fn) is not set
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = the first value of the path
  let fr = path[0]!;
  let sr = path[0]!;
  // 6. for each subsequent value c
  for (const c of path.slice(1)) {
    // a. sn = 0: stop and fail
    if (sn === 0) return { ok: false, reason: 'the proof is longer than the trees allow' };
    // b. LSB(fn) set, or fn = sn
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      // iii. if LSB(fn) is not set, shift both right until LSB(fn) is set or fn is 0
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    // c. shift both right once
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr = first_hash, sr = second_hash, sn = 0
  if (sn !== 0) return { ok: false, reason: 'the proof is shorter than the trees need' };
  if (!fr.equals(bytes(root1))) return { ok: false, reason: 'the proof does not lead to the first root' };
  if (!sr.equals(bytes(root2))) return { ok: false, reason: 'the proof does not lead to the second root' };
  return { ok: true };
}

export function verifyConsistency(size1: number, size2: number, proof: readonly HashLike[], root1: HashLike, root2: HashLike): boolean {
  return checkConsistency(size1, size2, proof, root1, root2).ok;
}

function isPowerOfTwo(x: number): boolean {
  if (x < 1) return false;
  while (x % 2 === 0) x /= 2;
  return x === 1;
}

// --- signed tree heads -----------------------------------------------------------

/** What Warden signs. */
export interface TreeHeadData {
  treeSize: number;
  /** hex */
  rootHash: string;
  /** epoch ms */
  timestamp: number;
}

export interface SignedTreeHead extends TreeHeadData {
  /** Ed25519 signature over treeHeadMessage(head), base64 */
  signature: string;
  /** SHA-256 of the signing key's SubjectPublicKeyInfo (DER), hex */
  keyId: string;
}

export const TREE_HEAD_TYPE = 'warden.audit.tree_head.v1';

/**
 * The signed message: the UTF-8 bytes of the RFC 8785 JSON object
 *   {"rootHash":"<64 lowercase hex>","timestamp":<ms>,"treeSize":<n>,"type":"warden.audit.tree_head.v1"}
 * (members in that order, no whitespace).
 */
export function treeHeadMessage(head: TreeHeadData): Buffer {
  if (!/^[0-9a-f]{64}$/.test(head.rootHash)) throw new TypeError('rootHash must be 64 lowercase hex digits');
  if (!isSize(head.treeSize) || !Number.isSafeInteger(head.timestamp)) throw new TypeError('treeSize and timestamp must be integers');
  return Buffer.from(`{"rootHash":"${head.rootHash}","timestamp":${head.timestamp},"treeSize":${head.treeSize},"type":"${TREE_HEAD_TYPE}"}`, 'utf8');
}

/** The key id of a public key: SHA-256 of its SubjectPublicKeyInfo DER, hex. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function checkTreeHeadSignature(head: SignedTreeHead, publicKey: KeyObject | string): Verdict {
  let key: KeyObject;
  try {
    key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  } catch {
    return { ok: false, reason: 'not a public key' };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, reason: 'the key is not Ed25519' };
  if (keyIdOf(key) !== head.keyId) return { ok: false, reason: 'the head names another key' };
  let message: Buffer;
  try {
    message = treeHeadMessage(head);
  } catch (err) {
    return { ok: false, reason: messageOf(err) };
  }
  const signature = Buffer.from(head.signature, 'base64');
  return verifySignature(null, message, key, signature) ? { ok: true } : { ok: false, reason: 'the signature does not match the head' };
}

export function verifyTreeHeadSignature(head: SignedTreeHead, publicKey: KeyObject | string): boolean {
  return checkTreeHeadSignature(head, publicKey).ok;
}
