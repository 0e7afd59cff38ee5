/**
 * What verification found, in the words of what was done to the log: which
 * entry was edited, deleted, inserted, re-ordered, or where the log was cut.
 * Pure: a table from the low-level problems the scan records to findings.
 */
import type { ChainProblem } from './model.js';

export type HeadSource = 'stored' | 'external';

/** Low-level problems, each with the position it was seen at. */
export type LogProblem =
  | ChainProblem
  /** a row whose content verifies as the entry written at another seq */
  | { kind: 'moved'; seq: number; originalSeq: number }
  /** the stored leaf hash is not the hash of the stored entry (or is missing) */
  | { kind: 'leaf_mismatch'; seq: number }
  /** a stored perfect subtree differs from the one re-derived from the entries */
  | { kind: 'node_mismatch'; level: number; index: number; firstSeq: number; lastSeq: number }
  | { kind: 'node_missing'; level: number; index: number }
  /** a stored perfect subtree over entries that are not in the log */
  | { kind: 'node_beyond_log'; level: number; index: number }
  /** the head row's frontier is not the tree of its size */
  | { kind: 'frontier_mismatch'; size: number }
  /** a signed head whose root is not the root re-derived at its size */
  | { kind: 'signed_head_mismatch'; treeSize: number; headId: number | null; source: HeadSource }
  /** a signed head over more entries than the log holds */
  | { kind: 'signed_head_beyond_log'; treeSize: number; size: number; headId: number | null; source: HeadSource }
  | { kind: 'bad_signature'; treeSize: number; headId: number | null; source: HeadSource; reason: string }
  /** signed by a key other than the configured one */
  | { kind: 'untrusted_key'; treeSize: number; headId: number | null; keyId: string }
  /** the stored tree cannot prove that the log extends an outsider's head */
  | { kind: 'external_head_inconsistent'; treeSize: number; reason: string };

export type Finding =
  | { kind: 'edited'; seq: number; rehashed: boolean }
  | { kind: 'deleted'; seq: number; count: number; renumbered: boolean }
  | { kind: 'inserted'; seq: number; count: number }
  | { kind: 'reordered'; seqs: number[] }
  | { kind: 'truncated'; size: number; expectedSize: number; evidence: 'head' | 'signed_head' | 'external_head' | 'tree' }
  /** the entries up to treeSize no longer hash to a signed root, though each row is self-consistent */
  | { kind: 'rewritten'; treeSize: number; source: HeadSource }
  | { kind: 'forged_head'; treeSize: number; headId: number | null; reason: string }
  /** the stored tree (leaf hashes, subtrees, frontier) disagrees with entries that are intact */
  | { kind: 'tree_damaged'; seqs: number[]; detail: string };

/**
 * Problems in, findings out (sorted by position). `size`: the entries the scan
 * found; `end`: one past the last seq found (rows deleted from the middle
 * leave end > size without the log being any shorter).
 */
export function diagnose(problems: readonly LogProblem[], size: number, end = size): Finding[] {
  const findings: Finding[] = [];
  const of = <K extends LogProblem['kind']>(kind: K) => problems.filter((p): p is Extract<LogProblem, { kind: K }> => p.kind === kind);
  const explained = new Set<number>(); // seqs a finding already accounts for

  // re-ordered: rows that swapped places
  const moved = of('moved');
  const movedAt = new Map(moved.map((m) => [m.seq, m]));
  const paired = new Set<number>();
  for (const m of moved) {
    const other = movedAt.get(m.originalSeq);
    if (other && other.originalSeq === m.seq && !paired.has(m.seq)) {
      paired.add(m.seq).add(other.seq);
      findings.push({ kind: 'reordered', seqs: [Math.min(m.seq, other.seq), Math.max(m.seq, other.seq)] });
    }
  }
  // shifted runs: entries renumbered around an insertion (+1) or a deletion (-1)
  const shifted = moved.filter((m) => !paired.has(m.seq)).sort((a, b) => a.seq - b.seq);
  for (let i = 0; i < shifted.length; ) {
    const d = shifted[i]!.seq - shifted[i]!.originalSeq;
    let j = i;
    while (j + 1 < shifted.length && shifted[j + 1]!.seq === shifted[j]!.seq + 1 && shifted[j + 1]!.seq - shifted[j + 1]!.originalSeq === d) j++;
    const first = shifted[i]!.seq;
    if (d > 0) {
      findings.push({ kind: 'inserted', seq: first - d, count: d });
      for (let s = first - d; s < first; s++) explained.add(s);
    } else if (d < 0) {
      findings.push({ kind: 'deleted', seq: first, count: -d, renumbered: true });
    }
    for (let k = i; k <= j; k++) explained.add(shifted[k]!.seq);
    i = j + 1;
  }
  for (const s of paired) explained.add(s);

  // gaps: rows deleted where they stood
  const gaps = of('gap');
  for (const g of gaps) findings.push({ kind: 'deleted', seq: g.expectedSeq, count: g.foundSeq - g.expectedSeq, renumbered: false });
  const afterGap = new Set(gaps.map((g) => g.foundSeq));

  // content edited in place (its stored hash no longer matches)
  const mismatched = new Set(of('hash_mismatch').map((p) => p.seq));
  for (const seq of mismatched) if (!explained.has(seq)) findings.push({ kind: 'edited', seq, rehashed: false });

  // a broken link after a row that verifies on its own: that row was edited and re-hashed
  for (const { seq } of of('broken_link')) {
    const prev = seq - 1;
    if (explained.has(seq) || explained.has(prev) || afterGap.has(seq) || mismatched.has(seq) || mismatched.has(prev) || prev < 0) continue;
    findings.push({ kind: 'edited', seq: prev, rehashed: true });
    explained.add(prev);
  }

  // the head row against the rows
  for (const h of of('head_mismatch')) {
    if (end < h.storedSize) findings.push({ kind: 'truncated', size: end, expectedSize: h.storedSize, evidence: 'head' });
    else if (end > h.storedSize && h.size > h.storedSize) findings.push({ kind: 'inserted', seq: h.storedSize, count: end - h.storedSize });
    else if (end === h.storedSize && !explained.has(end - 1) && !mismatched.has(end - 1) && gaps.length === 0) findings.push({ kind: 'edited', seq: end - 1, rehashed: true });
  }

  // signed heads against the re-derived tree; entries deleted and renumbered shorten the log without cutting it
  const renumbered = findings.reduce((n, f) => n + (f.kind === 'deleted' && f.renumbered ? f.count : f.kind === 'inserted' && f.seq < end ? -f.count : 0), 0);
  const beyond = of('signed_head_beyond_log').filter((b) => b.treeSize > end + Math.max(0, renumbered));
  if (!findings.some((f) => f.kind === 'truncated')) {
    const widest = (source: HeadSource) => beyond.filter((b) => b.source === source).sort((a, b) => b.treeSize - a.treeSize)[0];
    const stored = widest('stored');
    const external = widest('external');
    const w = stored ?? external;
    if (w) findings.push({ kind: 'truncated', size: end, expectedSize: w.treeSize, evidence: stored ? 'signed_head' : 'external_head' });
  }
  const chainFindingBelow = (size: number) =>
    findings.some((f) => (f.kind === 'edited' || f.kind === 'deleted' || f.kind === 'inserted') && f.seq < size) ||
    findings.some((f) => f.kind === 'reordered' && f.seqs[0]! < size);
  const mismatchedHeads = of('signed_head_mismatch').sort((a, b) => a.treeSize - b.treeSize);
  const firstUnexplained = mismatchedHeads.find((h) => !chainFindingBelow(h.treeSize));
  if (firstUnexplained) findings.push({ kind: 'rewritten', treeSize: firstUnexplained.treeSize, source: firstUnexplained.source });
  for (const b of of('bad_signature')) findings.push({ kind: 'forged_head', treeSize: b.treeSize, headId: b.headId, reason: b.reason });
  for (const u of of('untrusted_key')) findings.push({ kind: 'forged_head', treeSize: u.treeSize, headId: u.headId, reason: `signed by key ${u.keyId}, not the configured key` });

  // the stored tree against intact entries
  if (!findings.some((f) => f.kind !== 'forged_head')) {
    const leaves = of('leaf_mismatch').map((p) => p.seq);
    const nodes = of('node_mismatch');
    const missing = of('node_missing');
    const orphans = of('node_beyond_log');
    const frontier = of('frontier_mismatch');
    if (orphans.length > 0) {
      // subtrees are stored only once complete: the log once held at least this many entries
      const widest = Math.max(...orphans.map((o) => (o.index + 1) * 2 ** o.level));
      findings.push({ kind: 'truncated', size: end, expectedSize: widest, evidence: 'tree' });
    }
    if (leaves.length + nodes.length + missing.length + frontier.length > 0) {
      const seqs = [...new Set([...leaves, ...nodes.map((n) => n.firstSeq)])].sort((a, b) => a - b).slice(0, 100);
      const parts = [
        leaves.length ? `${leaves.length} leaf hash(es)` : '',
        nodes.length ? `${nodes.length} stored subtree(s)` : '',
        missing.length ? `${missing.length} missing subtree(s)` : '',
        frontier.length ? 'the head frontier' : '',
      ].filter(Boolean);
      findings.push({ kind: 'tree_damaged', seqs, detail: `${parts.join(', ')} disagree with the entries` });
    }
  }
  return findings.sort((a, b) => position(a) - position(b));
}

function position(f: Finding): number {
  switch (f.kind) {
    case 'edited':
    case 'deleted':
    case 'inserted':
      return f.seq;
    case 'reordered':
      return f.seqs[0]!;
    case 'truncated':
      return f.size;
    case 'rewritten':
    case 'forged_head':
      return f.treeSize;
    case 'tree_damaged':
      return f.seqs[0] ?? 0;
  }
}
