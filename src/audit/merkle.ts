/**
 * The Merkle tree over the audit log, as RFC 9162 (Certificate Transparency
 * v2) §2.1 defines it. Pure: no I/O.
 *
 *   leaf hash  = SHA-256(0x00 ‖ canonical entry bytes)        (model.ts: canonical encoding v1)
 *   node hash  = SHA-256(0x01 ‖ left ‖ right)
 *   MTH({})    = SHA-256()                                     (the empty tree)
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
 *
 * Storage model: a *perfect subtree* is addressed by (level, index) and covers
 * leaves [index·2^level, (index+1)·2^level). Once the log has grown past its
 * last leaf it never changes, so it can be stored. Every range the RFC's
 * recursions ever ask for (MTH of D[a:b] in PATH and SUBPROOF) starts on a
 * boundary aligned to its own size, so it decomposes left to right into at
 * most log2(n) perfect subtrees whose hashes fold right to left. Proofs for
 * any sizes therefore need only O(log n) perfect-subtree hashes.
 */
import crypto from 'node:crypto';

/** Hashes are lowercase hex strings here, as stored and served: hashing to hex is cheaper in Node than to a Buffer. */
export type Hex = string;

export const HASH_BYTES = 32;

/**
 * Perfect subtrees at this level and above are stored (audit_tree); below it
 * they are recomputed from at most 2^STORED_MIN_LEVEL leaf hashes read from
 * audit_log. A 16-leaf floor keeps the stored rows at 1/8 per entry while a
 * proof still reads only a few short leaf ranges.
 */
export const STORED_MIN_LEVEL = 4;

// crypto.hash (Node >= 20.12) is the one-shot form; createHash where it is missing
const oneShot: (data: Uint8Array) => Hex =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'hex') : (data) => crypto.createHash('sha256').update(data).digest('hex');

export const sha256Hex = (data: Uint8Array): Hex => oneShot(data);

export const EMPTY_ROOT: Hex = sha256Hex(new Uint8Array(0));

// scratch buffers: every use below is synchronous, so one of each per process is enough
const node = Buffer.alloc(1 + 2 * HASH_BYTES);
node[0] = 0x01;
let entry = Buffer.alloc(64 * 1024);

export function leafHash(canonical: string | Uint8Array): Hex {
  const bytes = typeof canonical === 'string' ? Buffer.from(canonical, 'utf8') : canonical;
  const buf = Buffer.allocUnsafe(1 + bytes.length);
  buf[0] = 0x00;
  buf.set(bytes, 1);
  return sha256Hex(buf);
}

export function nodeHash(left: Hex, right: Hex): Hex {
  node.write(left, 1, HASH_BYTES, 'hex');
  node.write(right, 1 + HASH_BYTES, HASH_BYTES, 'hex');
  return sha256Hex(node);
}

/**
 * Both hashes of an entry from one encoding of its canonical bytes:
 * the chain hash SHA-256(prev ‖ bytes) and the leaf hash SHA-256(0x00 ‖ bytes).
 */
export function hashEntry(prevHash: Hex, canonical: string): { entryHash: Hex; leafHash: Hex } {
  const max = HASH_BYTES + Buffer.byteLength(canonical, 'utf8');
  if (entry.length < max) entry = Buffer.alloc(2 * max);
  entry.write(prevHash, 0, HASH_BYTES, 'hex');
  const end = HASH_BYTES + entry.write(canonical, HASH_BYTES, 'utf8');
  const entryHash = sha256Hex(entry.subarray(0, end));
  entry[HASH_BYTES - 1] = 0x00;
  return { entryHash, leafHash: sha256Hex(entry.subarray(HASH_BYTES - 1, end)) };
}

// --- arithmetic on sizes up to 2^53 (no 32-bit bit operators) -------------------

export const pow2 = (level: number) => 2 ** level;

/** The largest power of two strictly less than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// --- perfect subtrees and ranges -----------------------------------------------

export interface NodeId {
  level: number;
  index: number;
}

/** Leaves [start, end). */
export interface Range {
  start: number;
  end: number;
}

export const nodeKey = (level: number, index: number) => `${level}:${index}`;

/** The perfect subtrees covering an aligned range, left to right (levels decreasing). */
export function perfectSubtrees(range: Range): NodeId[] {
  const out: NodeId[] = [];
  let a = range.start;
  while (a < range.end) {
    let level = 0;
    while (a % pow2(level + 1) === 0 && a + pow2(level + 1) <= range.end) level++;
    out.push({ level, index: a / pow2(level) });
    a += pow2(level);
  }
  return out;
}

/** MTH of a range from the hashes of its perfect subtrees (left to right): fold from the right. */
export function foldSubtrees(hashes: Hex[]): Hex {
  if (hashes.length === 0) return EMPTY_ROOT;
  let r = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) r = nodeHash(hashes[i]!, r);
  return r;
}

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]) as the list of ranges whose MTH make up the
 * proof, in proof order (the leaf's sibling first). Requires 0 <= m < n.
 */
export function inclusionRanges(m: number, n: number): Range[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m < n)) throw new RangeError(`no inclusion proof for leaf ${m} in a tree of ${n}`);
  const topDown: Range[] = [];
  let a = 0;
  let b = n;
  while (b - a > 1) {
    const k = splitPoint(b - a);
    if (m - a < k) {
      topDown.push({ start: a + k, end: b });
      b = a + k;
    } else {
      topDown.push({ start: a, end: a + k });
      a += k;
    }
  }
  return topDown.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as ranges, in
 * proof order. Requires 0 <= m <= n; m = 0 and m = n give the empty proof.
 */
export function consistencyRanges(m: number, n: number): Range[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const topDown: Range[] = [];
  let a = 0;
  let b = n;
  let mm = m;
  let whole = true; // SUBPROOF's b: the subtree of size m is the old tree itself
  for (;;) {
    if (mm === b - a) {
      if (!whole) topDown.push({ start: a, end: b });
      break;
    }
    const k = splitPoint(b - a);
    if (mm <= k) {
      topDown.push({ start: a + k, end: b });
      b = a + k;
    } else {
      topDown.push({ start: a, end: a + k });
      a += k;
      mm -= k;
      whole = false;
    }
  }
  return topDown.reverse();
}

// --- the frontier: the perfect subtrees of [0, size) ----------------------------

export interface CompletedNode extends NodeId {
  hash: Hex;
}

/**
 * The compact range over the whole log: one perfect-subtree hash per set bit
 * of `size`, highest level first. Appending a leaf completes the subtrees of
 * its trailing run of set bits; the root of the current size is a fold.
 * Kept in audit_head so an append reads nothing but the head row.
 */
export class Frontier {
  private constructor(
    private n: number,
    private readonly hashes: Hex[],
  ) {}

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** From the stored form: the hashes, hex, concatenated, highest level first. */
  static decode(size: number, text: string): Frontier {
    const expected = Frontier.levelsOf(size).length;
    if (text.length !== expected * HASH_BYTES * 2 || !/^[0-9a-f]*$/.test(text)) {
      throw new Error(`audit frontier does not fit a tree of ${size} entries`);
    }
    const hashes: Hex[] = [];
    for (let i = 0; i < expected; i++) hashes.push(text.slice(i * 64, (i + 1) * 64));
    return new Frontier(size, hashes);
  }

  /** The levels of the perfect subtrees of a tree of `size` leaves, highest first. */
  static levelsOf(size: number): number[] {
    const levels: number[] = [];
    for (let level = 0, rest = size; rest > 0; level++, rest = Math.floor(rest / 2)) if (rest % 2 === 1) levels.push(level);
    return levels.reverse();
  }

  get size(): number {
    return this.n;
  }

  /** The perfect subtrees, highest level first. */
  nodes(): CompletedNode[] {
    let start = 0;
    return Frontier.levelsOf(this.n).map((level, i) => {
      const node = { level, index: start / pow2(level), hash: this.hashes[i]! };
      start += pow2(level);
      return node;
    });
  }

  /** Append one leaf; returns the perfect subtrees it completes (level >= 1), lowest first. */
  push(leaf: Hex): CompletedNode[] {
    const completed: CompletedNode[] = [];
    let carry = leaf;
    let level = 0;
    const leafIndex = this.n;
    while (Math.floor(this.n / pow2(level)) % 2 === 1) {
      carry = nodeHash(this.hashes.pop()!, carry);
      level++;
      completed.push({ level, index: Math.floor(leafIndex / pow2(level)), hash: carry });
    }
    this.hashes.push(carry);
    this.n++;
    return completed;
  }

  root(): Hex {
    return foldSubtrees(this.hashes);
  }

  encode(): string {
    return this.hashes.join('');
  }

  clone(): Frontier {
    return new Frontier(this.n, [...this.hashes]);
  }
}

// --- in memory: every perfect subtree over a run of leaves ------------------------

/**
 * All perfect subtrees over leaves [offset, offset + leaves.length), where
 * `offset` is aligned to a power of two at least as large as the run. Used to
 * answer the low levels of a proof from a short run of leaf hashes, and to
 * build proofs for a whole chunk of entries at once (export).
 */
export class LeafRun {
  private readonly levels: Hex[][];

  constructor(
    readonly offset: number,
    leaves: Hex[],
  ) {
    this.levels = [leaves];
    for (let l = 0; this.levels[l]!.length >= 2; l++) {
      const below = this.levels[l]!;
      const up: Hex[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(below[i]!, below[i + 1]!));
      this.levels.push(up);
    }
  }

  get length(): number {
    return this.levels[0]!.length;
  }

  /** The hash of perfect subtree (level, index), if it lies within this run. */
  node(level: number, index: number): Hex | undefined {
    const local = index - this.offset / pow2(level);
    return local >= 0 ? this.levels[level]?.[local] : undefined;
  }

  rangeHash(range: Range): Hex {
    return foldSubtrees(perfectSubtrees(range).map(({ level, index }) => this.node(level, index)!));
  }
}
