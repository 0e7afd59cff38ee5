/**
 * The reference platform's inbox of notices: every batch Warden sent, stored
 * once per idempotency key (a resend answers with the first receipt and
 * stores nothing), and each notice listed for its recipient in arrival order.
 * What tests hold Warden's notices to.
 */
import type Database from 'better-sqlite3';
import type { PlatformNotice, PlatformNoticeBatch, PlatformNoticeReceipt } from '../adapter.js';

export const NOTICES_SCHEMA = `
  CREATE TABLE IF NOT EXISTS notice_batches (
    idempotency_key TEXT PRIMARY KEY,
    recipient_kind TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    receipt TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS notices (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_key TEXT NOT NULL,
    recipient_kind TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    notice TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS notices_recipient ON notices (recipient_kind, recipient_id, seq);
`;

/** A notice as the platform received it. */
export interface ReceivedNotice extends PlatformNotice {
  /** arrival order across all recipients */
  seq: number;
  /** the batch's idempotency key */
  batchKey: string;
  recipient: PlatformNoticeBatch['recipient'];
  receivedAt: number;
}

interface NoticeRow {
  seq: number;
  batch_key: string;
  recipient_kind: 'owner' | 'reporter';
  recipient_id: string;
  notice: string;
  received_at: number;
}

const toReceived = (r: NoticeRow): ReceivedNotice => ({
  ...(JSON.parse(r.notice) as PlatformNotice),
  seq: r.seq,
  batchKey: r.batch_key,
  recipient: r.recipient_kind === 'owner' ? { kind: 'owner', accountId: r.recipient_id } : { kind: 'reporter', reporterId: r.recipient_id },
  receivedAt: r.received_at,
});

export class ReferenceNotices {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    db.exec(NOTICES_SCHEMA);
    this.stmt = {
      batch: db.prepare<[string], { receipt: string }>('SELECT receipt FROM notice_batches WHERE idempotency_key = ?'),
      recordBatch: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO notice_batches (idempotency_key, recipient_kind, recipient_id, receipt, received_at) VALUES (?, ?, ?, ?, ?)',
      ),
      insert: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO notices (batch_key, recipient_kind, recipient_id, notice, received_at) VALUES (?, ?, ?, ?, ?)',
      ),
      of: db.prepare<[string, string], NoticeRow>('SELECT * FROM notices WHERE recipient_kind = ? AND recipient_id = ? ORDER BY seq'),
      all: db.prepare<[], NoticeRow>('SELECT * FROM notices ORDER BY seq'),
    };
  }

  /** Stores a batch at most once per key; a repeat answers with the first receipt, `stored: false`. */
  receive(batch: PlatformNoticeBatch, key: string, now: number): PlatformNoticeReceipt {
    const id = batch.recipient.kind === 'owner' ? batch.recipient.accountId : batch.recipient.reporterId;
    return this.db
      .transaction((): PlatformNoticeReceipt => {
        const seen = this.stmt.batch.get(key);
        if (seen) return { ...(JSON.parse(seen.receipt) as PlatformNoticeReceipt), stored: false };
        const receipt: PlatformNoticeReceipt = { received: batch.notices.length, stored: true, receivedAt: now };
        this.stmt.recordBatch.run(key, batch.recipient.kind, id, JSON.stringify(receipt), now);
        for (const n of batch.notices) this.stmt.insert.run(key, batch.recipient.kind, id, JSON.stringify(n), now);
        return receipt;
      })
      .immediate();
  }

  /** What one owner or reporter was told, in arrival order. */
  of(kind: 'owner' | 'reporter', id: string): ReceivedNotice[] {
    return this.stmt.of.all(kind, id).map(toReceived);
  }

  all(): ReceivedNotice[] {
    return this.stmt.all.all().map(toReceived);
  }
}
