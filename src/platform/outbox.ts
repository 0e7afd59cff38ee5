/**
 * The outbox: a side effect to the outside world (an action for the platform,
 * an alert) is a row written in the same transaction as the change that causes
 * it, and sent after commit by the dispatcher (src/workers/dispatcher.ts).
 */
import type { Db } from '../db/database.js';
import type { PlatformActionRequest } from './adapter.js';

export const OUTBOX_KINDS = ['platform_action', 'alert', 'tree_head'] as const;
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
}

export interface OutboxMessage<K extends OutboxKind = OutboxKind> {
  kind: K;
  /** unique per effect: the platform applies each key at most once */
  key: string;
  payload: OutboxPayloads[K];
}

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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
