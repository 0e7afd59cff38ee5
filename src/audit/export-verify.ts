/**
 * The auditor's side of `warden audit export`: check an export file with no
 * access to Warden. Every entry line must (1) canonicalise to the bytes it
 * carries, (2) hash to its leaf hash, and (3) be proven into the exported
 * tree; the tree's root must be the one Warden signed, under the key the
 * auditor pinned; every earlier head in the file must be a prefix of it.
 */
import { canonicalEntry, type AuditEntry } from './model.js';
import { type SignedTreeHead, checkConsistency, checkInclusion, checkTreeHeadSignature, hashLeaf } from './verify-proofs.js';
import { messageOf } from '../errors.js';

export interface ExportProblem {
  line: number;
  seq?: number;
  treeSize?: number;
  reason: string;
}

export interface ExportCheck {
  ok: boolean;
  treeSize: number;
  rootHash: string;
  entries: number;
  heads: number;
  /** the export's root carries a valid signature */
  signed: boolean;
  /** that signature was checked against a key the auditor supplied, not the file's own */
  keyPinned: boolean;
  problems: ExportProblem[];
}

export async function verifyExport(lines: AsyncIterable<string> | Iterable<string>, opts: { publicKey?: string } = {}): Promise<ExportCheck> {
  const problems: ExportProblem[] = [];
  let header: { treeSize: number; rootHash: string; signedHead: SignedTreeHead | null; publicKey: string | null } | null = null;
  let entries = 0;
  let heads = 0;
  let signed = false;
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let line: any;
    try {
      line = JSON.parse(text);
    } catch {
      problems.push({ line: n, reason: 'not JSON' });
      continue;
    }
    if (n === 1) {
      if (line.type !== 'header' || typeof line.treeSize !== 'number' || typeof line.rootHash !== 'string') {
        problems.push({ line: n, reason: 'the first line is not an export header' });
        break;
      }
      header = line;
      const key = opts.publicKey ?? line.publicKey;
      if (!line.signedHead) problems.push({ line: n, reason: 'the exported tree has no signed head' });
      else if (line.signedHead.treeSize !== line.treeSize || line.signedHead.rootHash !== line.rootHash) problems.push({ line: n, reason: 'the signed head is not the exported tree' });
      else if (!key) problems.push({ line: n, reason: 'no public key to check the signed head with' });
      else {
        const v = checkTreeHeadSignature(line.signedHead, key);
        if (v.ok) signed = true;
        else problems.push({ line: n, reason: `signed head: ${v.reason}` });
      }
      continue;
    }
    if (!header) break;
    if (line.type === 'entry') {
      entries++;
      const seq = line.seq as number;
      let canonical: string;
      try {
        canonical = canonicalEntry(line.entry as AuditEntry);
      } catch (err) {
        problems.push({ line: n, seq, reason: `entry: ${messageOf(err)}` });
        continue;
      }
      if (canonical !== line.canonical) problems.push({ line: n, seq, reason: 'the entry does not canonicalise to the bytes given' });
      else if (line.entry.seq !== seq) problems.push({ line: n, seq, reason: 'the entry is not at the position given' });
      else if (hashLeaf(canonical).toString('hex') !== line.leafHash) problems.push({ line: n, seq, reason: 'the leaf hash is not the hash of the entry' });
      else {
        const v = checkInclusion(line.leafHash, seq, header.treeSize, line.proof ?? [], header.rootHash);
        if (!v.ok) problems.push({ line: n, seq, reason: `inclusion: ${v.reason}` });
      }
    } else if (line.type === 'head') {
      heads++;
      const head = line.head as SignedTreeHead;
      const key = opts.publicKey ?? header.publicKey;
      const sig = key ? checkTreeHeadSignature(head, key) : { ok: false as const, reason: 'no public key' };
      if (!sig.ok) problems.push({ line: n, treeSize: head.treeSize, reason: `signed head: ${sig.reason}` });
      const c = checkConsistency(head.treeSize, header.treeSize, line.consistency?.proof ?? [], head.rootHash, header.rootHash);
      if (!c.ok) problems.push({ line: n, treeSize: head.treeSize, reason: `consistency: ${c.reason}` });
    } else {
      problems.push({ line: n, reason: `unknown line type ${String(line.type)}` });
    }
  }
  if (!header) problems.push({ line: 1, reason: 'no header' });
  return {
    ok: problems.length === 0,
    treeSize: header?.treeSize ?? 0,
    rootHash: header?.rootHash ?? '',
    entries,
    heads,
    signed,
    keyPinned: signed && opts.publicKey !== undefined,
    problems,
  };
}
