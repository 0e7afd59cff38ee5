/**
 * Entries for the audit benches, and a builder of whole logs (rows exactly as
 * AuditLog writes them, hashes and subtrees included, so the log verifies).
 * Kept free of the store so a worker thread can build while the main thread
 * writes (bench/audit-build-worker.ts).
 */
import { Frontier, STORED_MIN_LEVEL, hashEntry } from '../src/audit/merkle.js';
import { type AuditInput, GENESIS_HASH, canonicalEntry, canonicalJson, toEntry } from '../src/audit/model.js';
import { rng } from './workload.js';

const ACTIONS = ['case.opened', 'case.claimed', 'case.commented', 'case.resolved', 'report.folded', 'action.proposed', 'action.approved', 'account.suspended'];

export function entryStream(seed: number): (n: number) => AuditInput[] {
  const rand = rng(seed);
  let k = 0;
  return (n) =>
    Array.from({ length: n }, () => {
      const i = k++;
      const staff = `stf_${String(Math.floor(rand() * 400)).padStart(5, '0')}`;
      const caseId = Math.floor(rand() * 200_000);
      const action = ACTIONS[Math.floor(rand() * ACTIONS.length)]!;
      return {
        actor: rand() < 0.2 ? { kind: 'system', id: 'warden' } : { kind: 'staff', id: staff },
        action,
        subject: { type: 'case', id: caseId },
        before: rand() < 0.5 ? { status: 'open', claimedBy: null, priority: Math.round(rand() * 1000) / 10 } : null,
        after: { status: action === 'case.resolved' ? 'resolved' : 'claimed', claimedBy: staff, leaseUntil: 1_800_000_000_000 + i, queue: 'safety' },
        reason: rand() < 0.3 ? 'handled per policy T&S-4.2' : null,
      };
    });
}

/** Rows exactly as AuditLog writes them, for a log that verifies. */
export interface Built {
  rows: unknown[][];
  nodes: [number, number, string][];
}

export class LogBuilder {
  private prev = GENESIS_HASH;
  readonly frontier = Frontier.empty();
  /**
   * A pool of realistic entries, encoded once: each entry of the built log is
   * one of them at its own seq, so its canonical bytes are the pool entry's
   * with the seq spliced in (`…"seq":N,"subject":…`). Building 10M entries is
   * then hashing-bound, as an append is.
   */
  private readonly pool: { row: unknown[]; pre: string; post: string }[];

  constructor(at: number) {
    this.pool = entryStream(42)(256).map((input) => {
      const entry = toEntry(0, at, input);
      const before = canonicalJson(entry.before);
      const after = canonicalJson(entry.after);
      const canonical = canonicalEntry(entry, before, after);
      const [pre, post] = canonical.split('"seq":0,') as [string, string];
      const row = [0, entry.at, entry.actor.kind, entry.actor.id, entry.action, entry.subject.type, entry.subject.id, before === 'null' ? null : before, after === 'null' ? null : after, entry.reason];
      return { row, pre: `${pre}"seq":`, post: `,${post}` };
    });
  }

  batch(n: number): Built {
    const rows: unknown[][] = [];
    const nodes: [number, number, string][] = [];
    for (let i = 0; i < n; i++) {
      const seq = this.frontier.size;
      const e = this.pool[Math.imul(seq, 2654435761) >>> 24]!; // pool of 256: a well-spread, reproducible pick
      const { entryHash, leafHash } = hashEntry(this.prev, e.pre + seq + e.post);
      for (const node of this.frontier.push(leafHash)) if (node.level >= STORED_MIN_LEVEL) nodes.push([node.level, node.index, node.hash]);
      const row = e.row.slice();
      row[0] = seq;
      row.push(this.prev, entryHash, leafHash);
      rows.push(row);
      this.prev = entryHash;
    }
    return { rows, nodes };
  }

  get lastHash(): string {
    return this.prev;
  }
}

