/**
 * The outbox dispatcher: sends what src/platform/outbox.ts queued, after the
 * transaction that queued it has committed.
 *
 * - Claiming is one UPDATE … RETURNING over the due rows (on PostgreSQL the
 *   rows are picked FOR UPDATE SKIP LOCKED), so several Warden processes can
 *   dispatch at once and never hold the same row together.
 * - Sending happens outside any transaction. The outbox key travels as the
 *   idempotency key: a send repeated after a crash is recognised by the far
 *   side and applied once.
 * - The outcome is written in one transaction with the handler's own
 *   bookkeeping (`onDone` / `onGiveUp`), guarded by this claim, so a row that
 *   another dispatcher took over after our lock expired is never finished twice.
 * - Rows with the same ordering key (for platform actions: the account) reach
 *   the far side in id order: a row waits while an earlier one for the same
 *   account is still pending, so a restore never overtakes the suspension it undoes.
 * - Giving up is never silent: the row goes dead, the handler is told, and an
 *   alert is raised in the same transaction.
 */
import type { Logger } from 'pino';
import type { AlertService } from '../alerts/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';
import { PlatformRejectedError } from '../platform/adapter.js';
import { DEFAULT_ORDERING, type OutboxHandler, type OutboxKind, type OutboxPayloads, type OutboxRowRef } from '../platform/outbox.js';
import { type Periodic, every } from './periodic.js';
import { type RetryPolicy, backoffDelay } from './retry.js';

export type OutboxHandlers = { [K in OutboxKind]?: OutboxHandler<K> };

export interface OutboxDispatcherOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  logger: Logger;
  /** unique per process (and per AppContext): names the claims this dispatcher holds */
  workerId: string;
  handlers: OutboxHandlers;
  retry: RetryPolicy;
  /** how long a claim holds a row; longer than one batch of sends takes */
  lockMs: number;
  /** raises the alert when a row is given up on */
  alerts: Pick<AlertService, 'raise'>;
  /** [0, 1); tests pin the jitter */
  random?: () => number;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
  /** rows put back untouched because an earlier row for the same target is still pending */
  deferred: number;
}

/** a claim outlives any one send (the HTTP adapter times out in seconds) and is renewed between sends */
export const DEFAULT_LOCK_MS = 60_000;

const ERROR_MAX = 2000;

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length <= ERROR_MAX ? text : `${text.slice(0, ERROR_MAX - 1)}…`;
}

type AnyHandler = OutboxHandler<OutboxKind>;

type Outcome = { kind: 'sent' | 'dead' } | { kind: 'retried'; nextAttemptAt: number };
const SENT: Outcome = { kind: 'sent' };
const DEAD: Outcome = { kind: 'dead' };
/** another dispatcher holds the row now; counted as a retry, since it is still pending */
const TAKEN_OVER: Outcome = { kind: 'retried', nextAttemptAt: 0 };

interface Claimed {
  row: OutboxRow;
  kind: OutboxKind;
  handler: AnyHandler;
  ref: OutboxRowRef | null;
  /** set when the payload could not be read: the row is given up on */
  unreadable: string | null;
  orderingKey: string | null;
}

export class OutboxDispatcher {
  private readonly logger: Logger;
  private readonly random: () => number;

  private claims = 0;
  private periodic: Periodic | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;

  constructor(private readonly opts: OutboxDispatcherOptions) {
    if (!(opts.retry.maxAttempts >= 1)) throw new Error('outbox retry.maxAttempts must be at least 1');
    if (!(opts.retry.baseMs > 0 && opts.retry.maxMs >= opts.retry.baseMs)) throw new Error('outbox retry needs 0 < baseMs <= maxMs');
    if (!(opts.lockMs > 0)) throw new Error('outbox lockMs must be positive');
    this.logger = opts.logger.child({ worker: 'outbox', workerId: opts.workerId });
    this.random = opts.random ?? Math.random;
  }

  /** Run every `intervalMs` until stop(); kick() runs it sooner. */
  start(intervalMs: number): void {
    if (this.started) return;
    this.started = true;
    this.periodic = every('outbox-dispatcher', intervalMs, () => this.drain(), this.logger);
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.periodic?.stop();
    this.periodic = null;
    await this.running;
  }

  /**
   * Dispatch soon: call after committing a transaction that enqueued, so
   * delivery does not wait for the interval. A no-op unless start() was
   * called (a short-lived CLI process must not claim rows and exit).
   */
  kick(): void {
    if (!this.started) return;
    void this.drain();
  }

  /** One run at a time per dispatcher; a kick during a run asks for one more. */
  private drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        // let the caller that kicked finish its own work first
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          const limit = 100;
          const r = await this.runOnce(limit);
          // a full batch that got somewhere: there is probably more. A batch
          // that only failed waits for the interval (the far side is down).
          if (r.sent + r.retried + r.dead + r.deferred >= limit && r.sent + r.dead > 0) this.again = true;
          // giving up queued an alert: send it now, not at the next interval
          if (r.dead > 0 && this.opts.handlers.alert) this.again = true;
        } catch (err) {
          this.logger.error({ err }, 'outbox dispatch failed');
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Claim the due rows, send them in id order, record each outcome. */
  async runOnce(limit = 100): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retried: 0, dead: 0, deferred: 0 };
    const kinds = (Object.keys(this.opts.handlers) as OutboxKind[]).filter((k) => this.opts.handlers[k] !== undefined);
    if (kinds.length === 0 || limit <= 0) return result;

    const token = `${this.opts.workerId}#${++this.claims}`;
    let lockedUntil = this.opts.clock.now() + this.opts.lockMs;
    const claimed = (await this.claim(token, kinds, limit, lockedUntil)).map((row) => this.prepare(row));
    if (claimed.length === 0) return result;

    // target -> until when rows for it must wait (an earlier row is pending)
    const waitUntil = await this.earlierPending(claimed);

    let held = new Set(claimed.map((c) => c.row.id));
    for (const [i, c] of claimed.entries()) {
      const now = this.opts.clock.now();
      // a long batch must not outlive its claim, or another dispatcher may send the same row
      if (now + this.opts.lockMs / 2 > lockedUntil) {
        lockedUntil = now + this.opts.lockMs;
        held = await this.renew(token, claimed.slice(i).map((r) => r.row.id), lockedUntil);
      }
      if (!held.has(c.row.id)) {
        this.logger.warn({ outboxId: c.row.id }, 'outbox row claim expired before sending; left to its new holder');
        continue;
      }
      if (c.orderingKey !== null && waitUntil.has(c.orderingKey)) {
        await this.defer(token, c, Math.max(waitUntil.get(c.orderingKey)!, now + this.opts.retry.baseMs));
        result.deferred++;
        continue;
      }

      const outcome = await this.deliver(token, c);
      result[outcome.kind]++;
      if (outcome.kind === 'retried' && c.orderingKey !== null) waitUntil.set(c.orderingKey, outcome.nextAttemptAt);
    }
    return result;
  }

  private async claim(token: string, kinds: OutboxKind[], limit: number, lockedUntil: number): Promise<OutboxRow[]> {
    const now = this.opts.clock.now();
    const due = this.opts.db
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'pending')
      .where('kind', 'in', kinds)
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('id')
      .limit(limit);
    const rows = await this.opts.db
      .updateTable('outbox')
      .set({ locked_by: token, locked_until: lockedUntil })
      .where('id', 'in', this.opts.dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  }

  private prepare(row: OutboxRow): Claimed {
    const kind = row.kind as OutboxKind;
    const handler = this.opts.handlers[kind] as AnyHandler;
    try {
      const payload = JSON.parse(row.payload) as OutboxPayloads[OutboxKind];
      const ref: OutboxRowRef = { id: row.id, key: row.idempotency_key, payload, attempts: row.attempts };
      return { row, kind, handler, ref, unreadable: null, orderingKey: this.orderingKey(kind, payload) };
    } catch (err) {
      return { row, kind, handler, ref: null, unreadable: `unreadable payload: ${errorText(err)}`, orderingKey: null };
    }
  }

  /** Rows with the same key are delivered in id order: the handler's key, or the kind's default; null for none. */
  private orderingKey(kind: OutboxKind, payload: OutboxPayloads[OutboxKind]): string | null {
    const order = (this.opts.handlers[kind] as AnyHandler).orderingKey ?? (DEFAULT_ORDERING[kind] as (p: OutboxPayloads[OutboxKind]) => string | null);
    const key = order(payload);
    return key === null ? null : `${kind}:${key}`;
  }

  /**
   * For each target in the batch, whether a row before it that is not in this
   * batch is still pending (in backoff, or held by another dispatcher), and
   * until when to wait for it.
   */
  private async earlierPending(batch: Claimed[]): Promise<Map<string, number>> {
    const waitUntil = new Map<string, number>();
    const ordered = batch.filter((c) => c.orderingKey !== null);
    if (ordered.length === 0) return waitUntil;
    const firstInBatch = new Map<string, number>();
    for (const c of ordered) if (!firstInBatch.has(c.orderingKey!)) firstInBatch.set(c.orderingKey!, c.row.id);
    const maxId = Math.max(...firstInBatch.values());
    const kinds = [...new Set(ordered.map((c) => c.kind))];
    const earlier = await this.opts.db
      .selectFrom('outbox')
      .select(['id', 'kind', 'payload', 'next_attempt_at', 'locked_until'])
      .where('state', '=', 'pending')
      .where('kind', 'in', kinds)
      .where('id', '<', maxId)
      .orderBy('id')
      .execute();
    const inBatch = new Set(batch.map((c) => c.row.id));
    for (const e of earlier) {
      if (inBatch.has(e.id)) continue;
      let key: string | null;
      try {
        key = this.orderingKey(e.kind as OutboxKind, JSON.parse(e.payload) as OutboxPayloads[OutboxKind]);
      } catch {
        continue; // an unreadable row goes dead when claimed; it blocks nothing
      }
      if (key === null) continue;
      const first = firstInBatch.get(key);
      if (first === undefined || e.id > first) continue;
      waitUntil.set(key, Math.max(waitUntil.get(key) ?? 0, e.next_attempt_at));
    }
    return waitUntil;
  }

  /** Send one claimed row and record what happened. */
  private async deliver(token: string, c: Claimed): Promise<Outcome> {
    if (c.ref === null) return this.fail(token, c, c.unreadable ?? 'unreadable payload', true);
    const attempts = c.row.attempts + 1;
    const ref: OutboxRowRef = { ...c.ref, attempts };
    let result: unknown;
    try {
      result = await c.handler.send(ref.payload, ref.key);
    } catch (err) {
      const permanent = c.handler.isPermanent ? c.handler.isPermanent(err) : err instanceof PlatformRejectedError;
      return this.fail(token, c, errorText(err), permanent);
    }
    try {
      const finished = await this.opts.db.transaction().execute(async (tx) => {
        const done = await tx
          .updateTable('outbox')
          .set({ state: 'done', done_at: this.opts.clock.now(), attempts, locked_by: null, locked_until: null })
          .where('id', '=', c.row.id)
          .where('state', '=', 'pending')
          .where('locked_by', '=', token)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) return false;
        await c.handler.onDone(tx, ref, result);
        return true;
      });
      if (!finished) {
        // our claim expired and another dispatcher holds the row: it resends
        // under the same key (applied once) and finishes it
        this.logger.warn({ outboxId: c.row.id, key: c.row.idempotency_key }, 'outbox row sent but taken over before it was marked done');
      } else {
        this.logger.debug({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, attempts }, 'outbox row delivered');
      }
      return SENT;
    } catch (err) {
      // the far side has it; our bookkeeping failed. Resending under the same
      // key is safe; giving up would tell the handler it was never delivered.
      this.logger.error({ err, outboxId: c.row.id }, 'outbox row delivered but recording it failed; will resend');
      return this.fail(token, c, `delivered, but recording it failed: ${errorText(err)}`, false, false);
    }
  }

  /** A failed send: back off, or give up when the error is permanent or the budget is spent. */
  private async fail(token: string, c: Claimed, error: string, permanent: boolean, mayGiveUp = true): Promise<Outcome> {
    const attempts = c.row.attempts + 1;
    const now = this.opts.clock.now();
    if (mayGiveUp && (permanent || attempts >= this.opts.retry.maxAttempts)) {
      try {
        const gaveUp = await this.opts.db.transaction().execute(async (tx) => {
          const dead = await tx
            .updateTable('outbox')
            .set({ state: 'dead', attempts, last_error: error, locked_by: null, locked_until: null })
            .where('id', '=', c.row.id)
            .where('state', '=', 'pending')
            .where('locked_by', '=', token)
            .executeTakeFirst();
          if (Number(dead.numUpdatedRows) !== 1) return false;
          if (c.ref) await c.handler.onGiveUp(tx, { ...c.ref, attempts }, error);
          await this.raiseGaveUp(tx, c, attempts, error, permanent);
          return true;
        });
        if (!gaveUp) {
          this.logger.warn({ outboxId: c.row.id }, 'outbox row taken over by another dispatcher before it was given up on');
          return TAKEN_OVER;
        }
        this.logger.error({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, attempts, error, permanent }, 'outbox row given up on');
        return DEAD;
      } catch (err) {
        // giving up must be recorded with its alert, or not at all: try again later
        this.logger.error({ err, outboxId: c.row.id }, 'recording an outbox give-up failed; will retry');
        error = `${error}; giving up failed: ${errorText(err)}`;
      }
    }
    const nextAttemptAt = now + backoffDelay(attempts, this.opts.retry, this.random);
    await this.opts.db
      .updateTable('outbox')
      .set({ attempts, next_attempt_at: nextAttemptAt, last_error: error, locked_by: null, locked_until: null })
      .where('id', '=', c.row.id)
      .where('state', '=', 'pending')
      .where('locked_by', '=', token)
      .execute();
    this.logger.warn({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, attempts, nextAttemptAt, error }, 'outbox send failed; will retry');
    return { kind: 'retried', nextAttemptAt };
  }

  /**
   * The alert for a dead row. A dead `alert` row raises none: an alert about
   * an undeliverable alert would loop. That alert is still stored, listed and
   * unacknowledged, and its handler's onGiveUp records the failure.
   */
  private async raiseGaveUp(tx: Db, c: Claimed, attempts: number, error: string, permanent: boolean): Promise<void> {
    if (c.kind === 'alert') return;
    const why = permanent ? 'refused' : `failed ${attempts} times`;
    const described = c.ref && c.handler.describe ? c.handler.describe(c.ref.payload) : null;
    await this.opts.alerts.raise(tx, {
      kind: 'delivery_failed',
      severity: 'critical',
      subject: described?.subject ?? { type: 'outbox', id: String(c.row.id) },
      summary: `${described?.summary ?? `outbox ${c.kind} ${c.row.idempotency_key}`} was not delivered: ${why}: ${error}`,
      details: { outboxId: c.row.id, outboxKind: c.kind, key: c.row.idempotency_key, attempts, permanent, error },
    });
  }

  /** Put a row back unsent, untouched but for when to look at it again. */
  private async defer(token: string, c: Claimed, until: number): Promise<void> {
    await this.opts.db
      .updateTable('outbox')
      .set({ next_attempt_at: Math.max(c.row.next_attempt_at, until), locked_by: null, locked_until: null })
      .where('id', '=', c.row.id)
      .where('state', '=', 'pending')
      .where('locked_by', '=', token)
      .execute();
    this.logger.debug({ outboxId: c.row.id, until }, 'outbox row waits for an earlier row for the same target');
  }

  private async renew(token: string, ids: number[], lockedUntil: number): Promise<Set<number>> {
    const rows = await this.opts.db
      .updateTable('outbox')
      .set({ locked_until: lockedUntil })
      .where('id', 'in', ids)
      .where('state', '=', 'pending')
      .where('locked_by', '=', token)
      .returning('id')
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}
