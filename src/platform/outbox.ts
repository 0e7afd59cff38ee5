/**
 * The outbox: a side effect to the outside world (an action for the platform,
 * an alert) is a row written in the same transaction as the change that causes
 * it, and sent after commit by the dispatcher (src/workers/dispatcher.ts).
 */
import type { Db } from '../db/database.js';
import type { RowLocks } from '../db/row-locks.js';
import { onCommit, originOf } from '../db/transaction.js';
import type { EnrolmentMessage } from '../credentials/model.js';
import type { NoticePayload } from '../notices/model.js';
import type { StatementBatchPayload } from '../statements/model.js';
import type { StaffNotificationPayload } from '../notifications/model.js';
import type { PlatformActionRequest } from './adapter.js';

export const OUTBOX_KINDS = ['platform_action', 'alert', 'tree_head', 'staff_enrolment', 'notice', 'statement', 'staff_notification'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export type OutboxState = 'pending' | 'done' | 'dead';

export interface PlatformActionPayload {
  actionId: string;
  request: PlatformActionRequest;
}

export interface AlertPayload {
  alertId: number;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  summary: string;
  details: Record<string, unknown>;
  /** 1 for the first sending; 2, 3, … for reminders while nobody has acknowledged it */
  notification?: number;
}

/** A signed tree head, published to outsiders who hold Warden to it. */
export interface TreeHeadPayload {
  id: number;
  treeSize: number;
  rootHash: string;
  timestamp: number;
  signature: string;
  keyId: string;
}

export interface OutboxPayloads {
  platform_action: PlatformActionPayload;
  alert: AlertPayload;
  tree_head: TreeHeadPayload;
  /** an enrolment code on its way to its holder; the code is scrubbed from the row once sent or given up */
  staff_enrolment: EnrolmentMessage;
  /** a batch of notices to one person (src/notices): its key is the batch id */
  notice: NoticePayload;
  /** a batch of statements of reasons for the DSA Transparency Database (src/statements): its key is the batch id */
  statement: StatementBatchPayload;
  /** one message (a notification, or a digest of several) to one member of staff (src/notifications): its key is the message id */
  staff_notification: StaffNotificationPayload;
}

export interface OutboxMessage<K extends OutboxKind = OutboxKind> {
  kind: K;
  /** unique per effect: the platform applies each key at most once */
  key: string;
  payload: OutboxPayloads[K];
}

/**
 * Rows with the same ordering key reach the far side in id order: the
 * dispatcher claims only the head pending row of each key. Ids follow the
 * order of enqueueing only where writers of one key are serialised (actions on
 * one account execute under the account's lock), which is what the order of
 * one key means.
 */
export function orderingKeyOf<K extends OutboxKind>(kind: K, payload: OutboxPayloads[K]): string | null {
  const key = ORDERING[kind](payload);
  return key === null ? null : `${kind}:${key}`;
}

/** per store handle: who is told after a commit that wrote outbox rows */
const listeners = new WeakMap<Db, Set<() => void>>();

/**
 * Be told after each commit on `db` that wrote an outbox row (a row written
 * outside a transaction: right after it is written). Returns the way to stop
 * listening. A listener must not throw; it only says "deliver soon".
 */
export function onOutboxCommit(db: Db, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * Write a row to the outbox, in the caller's transaction. Once it commits,
 * whoever listens on the store (the dispatcher that runs, onOutboxCommit) is
 * told, so delivery starts then rather than at the next poll.
 */
export async function enqueue<K extends OutboxKind>(tx: Db, now: number, msg: OutboxMessage<K>): Promise<number> {
  const row = await tx
    .insertInto('outbox')
    .values({
      kind: msg.kind,
      idempotency_key: msg.key,
      payload: JSON.stringify(msg.payload),
      state: 'pending',
      attempts: 0,
      created_at: now,
      next_attempt_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      done_at: null,
      ordering_key: orderingKeyOf(msg.kind, msg.payload),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const store = originOf(tx);
  onCommit(tx, () => {
    for (const listener of listeners.get(store) ?? []) listener();
  });
  return row.id;
}

/** An outbox row as a handler sees it. */
export interface OutboxRowRef<K extends OutboxKind = OutboxKind> {
  id: number;
  key: string;
  payload: OutboxPayloads[K];
  /** sends tried so far, this one included */
  attempts: number;
}

export interface OutboxHandler<K extends OutboxKind> {
  /** Deliver once. Throw to retry later; see isPermanent for giving up at once. */
  send(payload: OutboxPayloads[K], key: string): Promise<unknown>;
  /**
   * Whether a failure is for good (give up at once, with an alert) rather than
   * one the far side might not repeat (retry with backoff). Default: a
   * deterministic refusal of the platform (`PlatformRejectedError.deterministic`).
   */
  isPermanent?(err: unknown): boolean;
  /** runs in the transaction that marks the row done; runs once per row */
  onDone(tx: Db, row: OutboxRowRef<K>, result: unknown): Promise<void>;
  /** runs in the transaction that marks the row dead; runs once per row */
  onGiveUp(tx: Db, row: OutboxRowRef<K>, error: string): Promise<void>;
  /**
   * Judged when the far side refuses the row: why it no longer means anything
   * there (its moment has passed), or null. A lapsed row is finished, with
   * `onLapsed` in the same transaction; it is no failure. Never judged before
   * sending: an earlier send may have reached the far side with its outcome
   * lost (a crash, a timeout), and only the far side knows; a resend under the
   * same key answers with the first result, so a row the far side has is
   * recorded as delivered, never as lapsed.
   */
  lapsed?(payload: OutboxPayloads[K], now: number): string | null;
  onLapsed?(tx: Db, row: OutboxRowRef<K>, reason: string): Promise<void>;
  /**
   * the rows (beyond the outbox's) that onDone / onGiveUp / onLapsed lock: taken
   * first, in the store's lock order (src/db/row-locks.ts), when many rows are
   * finished in one transaction
   */
  locks?(payload: OutboxPayloads[K]): RowLocks;
  /** whether a failure means the far side cannot be reached (the outage alert, /readyz, /metrics); default: never */
  unreachable?(err: unknown): boolean;
  /** what the give-up alert is about; default: the outbox row */
  describe?(payload: OutboxPayloads[K]): { subject: { type: string; id: string }; summary: string };
}

/** Platform actions keep per-account order; tree heads keep theirs; alerts and enrolments need none. */
const ORDERING: { [K in OutboxKind]: (payload: OutboxPayloads[K]) => string | null } = {
  platform_action: (p) => `account:${p.request.accountId}`,
  alert: () => null,
  // an outsider sees heads in the order they were signed
  tree_head: () => 'heads',
  staff_enrolment: () => null,
  // a person reads what they were told in the order Warden decided it
  notice: (p) => (p.recipient.kind === 'owner' ? `owner:${p.recipient.accountId}` : `reporter:${p.recipient.reporterId}`),
  // the database orders nothing: each statement stands alone under its puid
  statement: () => null,
  // a person hears of things in the order they happened
  staff_notification: (p) => `staff:${p.staffId}`,
};
