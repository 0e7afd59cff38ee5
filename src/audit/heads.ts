/**
 * Signed tree heads: Warden's signed statement "the log had this many entries
 * and this root at this time". Heads are kept, listed and published so that
 * an outsider who saved one can later hold Warden to it (consistency proofs,
 * `warden audit verify --from-head`).
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { enqueue } from '../platform/outbox.js';
import type { Leases } from '../workers/lease.js';
import type { Periodic } from '../workers/periodic.js';
import { everyAsSingleton } from '../workers/singleton.js';
import type { AuditLog } from './service.js';
import type { TreeHeadSigner } from './signer.js';
import type { SignedTreeHead } from './verify-proofs.js';

export interface StoredTreeHead extends SignedTreeHead {
  id: number;
}

type HeadRow = { id: number; tree_size: number; root_hash: string; timestamp: number; signature: string; key_id: string };

const toHead = (r: HeadRow): StoredTreeHead => ({
  id: r.id,
  treeSize: r.tree_size,
  rootHash: r.root_hash,
  timestamp: r.timestamp,
  signature: r.signature,
  keyId: r.key_id,
});

const COLUMNS = ['id', 'tree_size', 'root_hash', 'timestamp', 'signature', 'key_id'] as const;

export class TreeHeads {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** loaded (or, for the demo, created) on first use */
    private readonly signer: () => TreeHeadSigner,
    /** publish each head through the outbox (`audit.tree_head` webhooks) */
    private readonly publish = false,
  ) {}

  /**
   * Sign the log as it stands, inside the caller's transaction: the head row
   * is read under the appenders' lock, so the signed size and root are exactly
   * what has committed before and nothing that commits after.
   */
  async sign(tx: Db): Promise<StoredTreeHead> {
    const signer = this.signer();
    const locked = await this.audit.lockHead(tx);
    const signed = signer.sign({ treeSize: locked.size, rootHash: locked.frontier.root(), timestamp: this.clock.now() });
    const known = await tx.selectFrom('audit_signing_keys').select('key_id').where('key_id', '=', signer.keyId).executeTakeFirst();
    if (!known) await tx.insertInto('audit_signing_keys').values({ key_id: signer.keyId, public_key: signer.publicKeyPem, created_at: this.clock.now() }).execute();
    const row = await tx
      .insertInto('audit_tree_heads')
      .values({ tree_size: signed.treeSize, root_hash: signed.rootHash, timestamp: signed.timestamp, signature: signed.signature, key_id: signed.keyId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const head = { id: row.id, ...signed };
    // published after commit, by the outbox: a head that rolled back is never sent
    if (this.publish) await enqueue(tx, this.clock.now(), { kind: 'tree_head', key: `tree_head:${head.id}`, payload: head });
    return head;
  }

  /** Sign only when the log has grown since the latest head (or none exists): the periodic job. */
  async signIfGrown(tx: Db): Promise<StoredTreeHead | null> {
    // asked under the appenders' lock: two signers racing sign one head, not two of the same size
    const { size } = await this.audit.lockHead(tx);
    const latest = await this.latest(tx);
    if (latest && latest.treeSize >= size) return null;
    return this.sign(tx);
  }

  async latest(db: Db): Promise<StoredTreeHead | null> {
    const row = await db.selectFrom('audit_tree_heads').select(COLUMNS).orderBy('tree_size', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toHead(row) : null;
  }

  /** Newest first; `beforeId` pages back. */
  async list(db: Db, opts: { limit?: number; beforeId?: number } = {}): Promise<StoredTreeHead[]> {
    let q = db.selectFrom('audit_tree_heads').select(COLUMNS).orderBy('id', 'desc').limit(Math.min(opts.limit ?? 100, 1000));
    if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
    return (await q.execute()).map(toHead);
  }

  /** Every head in tree-size order (verification). */
  async all(db: Db): Promise<StoredTreeHead[]> {
    return (await db.selectFrom('audit_tree_heads').select(COLUMNS).orderBy('tree_size').orderBy('id').execute()).map(toHead);
  }

  /** The latest head signed at exactly this size, if any. */
  async atSize(db: Db, treeSize: number): Promise<StoredTreeHead | null> {
    const row = await db.selectFrom('audit_tree_heads').select(COLUMNS).where('tree_size', '=', treeSize).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toHead(row) : null;
  }

  /** Public keys (PEM) that signed heads, by key id. */
  async keys(db: Db): Promise<Map<string, string>> {
    const rows = await db.selectFrom('audit_signing_keys').select(['key_id', 'public_key']).execute();
    return new Map(rows.map((r) => [r.key_id, r.public_key]));
  }
}

/**
 * The periodic signer a Warden process runs beside its HTTP server: once at
 * start (which also creates the demo key), then every `intervalMs` when the
 * log has grown — by one instance at a time, under the signer's lease.
 */
export function startTreeHeadSigning(deps: { db: Db; heads: TreeHeads; intervalMs: number; logger: Logger; leases: Leases }): Periodic {
  const job = async () => {
    const head = await inTransaction(deps.db, (tx) => deps.heads.signIfGrown(tx));
    if (head) deps.logger.info({ treeSize: head.treeSize, rootHash: head.rootHash }, 'signed audit tree head');
  };
  return everyAsSingleton('tree-head-signer', deps.intervalMs, job, { leases: deps.leases, logger: deps.logger, immediately: true });
}
