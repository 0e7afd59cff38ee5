/**
 * The outbox dispatcher: sends what src/platform/outbox.ts queued, after the
 * transaction that queued it has committed.
 *
 * - Order per key lives in the claim. One UPDATE … RETURNING claims due rows
 *   that are the head of their ordering key: no earlier pending row with the
 *   same key exists, whoever holds it (another dispatcher, live or dead) and
 *   however long it waits in backoff. So a batch holds at most one row per key,
 *   and a restore never overtakes the suspension it undoes. On PostgreSQL the
 *   rows are picked FOR UPDATE SKIP LOCKED, so several Warden processes
 *   dispatch at once and never hold the same row together.
 * - A batch is sent concurrently, `concurrency` sends at a time (each to a
 *   different key), outside any transaction. The outbox key travels as the
 *   idempotency key: a send repeated after a crash is applied once.
 * - Claims are short (`lockMs`, seconds) and renewed while sends are in
 *   flight: a live dispatcher keeps its rows however slow the far side, a dead
 *   one's rows are free again within seconds.
 * - Outcomes are committed in groups (src/workers/settle.ts): each row is
 *   finished only while this dispatcher still holds its claim, in the same
 *   transaction as the handler's own bookkeeping (`onDone` / `onGiveUp`), so a
 *   row another dispatcher took over is never finished twice.
 * - A row the far side refuses because it no longer means anything there
 *   (a suspension whose end has passed) lapses: finished, told to the handler
 *   (`onLapsed`). It is judged on the refusal, never before sending: a resend
 *   of a row the far side already has answers with the first result. A refusal the far side might not repeat is retried
 *   with backoff; only a deterministic one gives up at once. Giving up is never
 *   silent: the row goes dead, the handler is told, and an alert is raised in
 *   the same transaction.
 * - Whether the platform is being reached at all is reported per batch to
 *   src/platform/reachability.ts: an outage is alerted once, not once per row.
 */
import type { Logger } from 'pino';
import type { AlertService } from '../alerts/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { RowLocks } from '../db/row-locks.js';
import type { OutboxRow } from '../db/schema.js';
import { PlatformRejectedError } from '../platform/adapter.js';
import { type OutboxHandler, type OutboxKind, type OutboxPayloads, type OutboxRowRef, onOutboxCommit } from '../platform/outbox.js';
import type { ReachabilityEvent } from '../platform/reachability.js';
import { type Periodic, every } from './periodic.js';
import { type RetryPolicy, backoffDelay } from './retry.js';
import { type Outcome, OutcomeGroups, type Settlement } from './settle.js';
import { type Claim, claimHeads, eachConcurrently, renewClaim } from './claims.js';
import { errorText, raiseGaveUp } from './give-up.js';

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
  /** how long a claim holds a row; renewed while its send is in flight. Longer than one send may take. */
  lockMs: number;
  /** sends in flight at once (each to a different ordering key); default DEFAULT_CONCURRENCY */
  concurrency?: number;
  /** raises the alert when a row is given up on */
  alerts: Pick<AlertService, 'raise'>;
  /** told, per batch, whether the platform was reached (src/platform/reachability.ts) */
  reachability?: { observe(db: Db, e: ReachabilityEvent): Promise<unknown> };
  /** [0, 1); tests pin the jitter */
  random?: () => number;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
  /** claimed rows put back unsent: the claim was lost (another dispatcher holds them now) before their turn */
  deferred: number;
  /** rows finished unsent because they no longer meant anything at the far side (see OutboxHandler.lapsed) */
  lapsed: number;
}

/** Seconds, not a minute: a crashed process's rows are sent by another soon after. Renewed while a send is in flight. */
export const DEFAULT_LOCK_MS = 10_000;
export const DEFAULT_CONCURRENCY = 16;
const BATCH = 100;

type AnyHandler = OutboxHandler<OutboxKind>;

const SENT: Outcome = { kind: 'sent' };
const DEAD: Outcome = { kind: 'dead' };
const LAPSED: Outcome = { kind: 'lapsed' };
/** another dispatcher holds the row now; counted as a retry, since it is still pending */
const TAKEN_OVER: Outcome = { kind: 'retried', nextAttemptAt: 0 };

export interface Claimed {
  row: OutboxRow;
  kind: OutboxKind;
  handler: AnyHandler;
  ref: OutboxRowRef | null;
  /** set when the payload could not be read: the row is given up on */
  unreadable: string | null;
}

/** What a batch learnt about reaching the far side, for handlers that say (OutboxHandler.unreachable). */
interface Reach {
  reached: boolean;
  unreachableError: string | null;
}

/** what the handler's bookkeeping for this row locks (taken first by a group commit) */
function locksOf(c: Claimed): RowLocks | undefined {
  return c.ref && c.handler.locks ? c.handler.locks(c.ref.payload) : undefined;
}

export class OutboxDispatcher {
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly groups: OutcomeGroups;

  private claims = 0;
  private periodic: Periodic | null = null;
  private stopHearing: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;

  constructor(private readonly opts: OutboxDispatcherOptions) {
    if (!(opts.retry.maxAttempts >= 1)) throw new Error('outbox retry.maxAttempts must be at least 1');
    if (!(opts.retry.baseMs > 0 && opts.retry.maxMs >= opts.retry.baseMs)) throw new Error('outbox retry needs 0 < baseMs <= maxMs');
    if (!(opts.lockMs > 0)) throw new Error('outbox lockMs must be positive');
    this.concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
    if (!(this.concurrency >= 1)) throw new Error('outbox concurrency must be at least 1');
    this.logger = opts.logger.child({ worker: 'outbox', workerId: opts.workerId });
    this.random = opts.random ?? Math.random;
    this.groups = new OutcomeGroups(opts.db, this.logger);
  }

  /** Run every `intervalMs` until stop(), and at once after each commit on the store that wrote an outbox row. */
  start(intervalMs: number): void {
    if (this.started) return;
    this.started = true;
    this.periodic = every('outbox-dispatcher', intervalMs, () => this.drain(), this.logger);
    this.stopHearing = onOutboxCommit(this.opts.db, () => this.kick());
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopHearing?.();
    await this.periodic?.stop();
    this.periodic = null;
    await this.running;
  }

  /** Dispatch soon, not at the interval. A no-op unless started (a short-lived CLI process must not claim rows and exit). */
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
          const r = await this.runOnce(BATCH);
          // a row finished may have made the next row of its key the head: look again.
          // A batch that only failed waits for the interval (the far side is down).
          if (r.sent + r.dead + r.lapsed > 0) this.again = true;
        } catch (err) {
          this.logger.error({ err }, 'outbox dispatch failed');
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Claim the due head rows, send them concurrently, record each outcome. */
  async runOnce(limit = BATCH): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 };
    const kinds = (Object.keys(this.opts.handlers) as OutboxKind[]).filter((k) => this.opts.handlers[k] !== undefined);
    if (kinds.length === 0 || limit <= 0) return result;

    const token = `${this.opts.workerId}#${++this.claims}`;
    const lockedUntil = this.opts.clock.now() + this.opts.lockMs;
    const claimed = (await claimHeads(this.opts.db, this.opts.dialect, this.opts.clock.now(), { token, kinds, limit, lockedUntil })).map((row) => this.prepare(row));
    if (claimed.length === 0) return result;

    const claim: Claim = { token, lockedUntil, held: new Set(claimed.map((c) => c.row.id)), renewing: null };
    const reach: Reach = { reached: false, unreachableError: null };
    // the heartbeat: while sends are in flight the claim is renewed, so a slow
    // far side never frees rows that a live dispatcher is still sending
    const heartbeat = setInterval(() => void renewClaim(this.opts, this.logger, claim), Math.max(this.opts.lockMs / 3, 100));
    heartbeat.unref();
    try {
      await eachConcurrently(claimed, this.concurrency, async (c) => {
        const outcome = await this.deliver(claim, c, reach);
        claim.held.delete(c.row.id);
        result[outcome.kind]++;
      });
    } finally {
      clearInterval(heartbeat);
      await claim.renewing;
    }
    await this.report(reach);
    return result;
  }

  private prepare(row: OutboxRow): Claimed {
    const kind = row.kind;
    const handler = this.opts.handlers[kind] as AnyHandler;
    try {
      const payload = JSON.parse(row.payload) as OutboxPayloads[OutboxKind];
      const ref: OutboxRowRef = { id: row.id, key: row.idempotency_key, payload, attempts: row.attempts };
      return { row, kind, handler, ref, unreadable: null };
    } catch (err) {
      return { row, kind, handler, ref: null, unreadable: `unreadable payload: ${errorText(err)}` };
    }
  }

  /** Send one claimed row and record what happened. */
  private async deliver(claim: Claim, c: Claimed, reach: Reach): Promise<Outcome> {
    // a batch whose turn comes late must not outlive its claim, or another dispatcher may send the same row
    if (this.opts.clock.now() + this.opts.lockMs / 2 > claim.lockedUntil) await renewClaim(this.opts, this.logger, claim);
    if (!claim.held.has(c.row.id)) {
      this.logger.warn({ outboxId: c.row.id }, 'outbox row claim expired before sending; left to its new holder');
      return { kind: 'deferred' };
    }
    if (c.ref === null) return this.fail(claim.token, c, c.unreadable ?? 'unreadable payload', true);
    const ref: OutboxRowRef = { ...c.ref, attempts: c.row.attempts + 1 };

    let result: unknown;
    try {
      result = await c.handler.send(ref.payload, ref.key);
    } catch (err) {
      const unreachable = c.handler.unreachable?.(err) ?? false;
      if (unreachable) reach.unreachableError ??= errorText(err);
      else if (c.handler.unreachable && err instanceof PlatformRejectedError) reach.reached = true; // a refusal is an answer
      const permanent = c.handler.isPermanent ? c.handler.isPermanent(err) : err instanceof PlatformRejectedError && err.deterministic;
      // refused because its moment has passed (and the far side never had it: a key it had answers with its result): it lapsed, it did not fail
      const lapsedSince = permanent ? (c.handler.lapsed?.(ref.payload, this.opts.clock.now()) ?? null) : null;
      if (lapsedSince !== null) return this.lapse(claim.token, c, ref, `${lapsedSince} (refused: ${errorText(err)})`);
      return this.fail(claim.token, c, errorText(err), permanent);
    }
    if (c.handler.unreachable) reach.reached = true;
    return this.groups.record(this.settleDone(claim.token, c, ref, result));
  }

  /** The row done, with the handler's bookkeeping, while the claim is ours. */
  private settleDone(token: string, c: Claimed, ref: OutboxRowRef, result: unknown): Settlement {
    return {
      locks: locksOf(c),
      write: async (tx) => {
        if (!(await this.finish(tx, token, c, { state: 'done', done_at: this.opts.clock.now(), attempts: ref.attempts }))) {
          // our claim expired and another dispatcher holds the row: it resends
          // under the same key (applied once) and finishes it
          this.logger.warn({ outboxId: c.row.id, key: c.row.idempotency_key }, 'outbox row sent but taken over before it was marked done');
          return SENT;
        }
        await c.handler.onDone(tx, ref, result);
        this.logger.debug({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, attempts: ref.attempts }, 'outbox row delivered');
        return SENT;
      },
      // the far side has it; our bookkeeping failed. Resending under the same
      // key is safe; giving up would tell the handler it was never delivered.
      recover: (err) => {
        this.logger.error({ err, outboxId: c.row.id }, 'outbox row delivered but recording it failed; will resend');
        return this.fail(token, c, `delivered, but recording it failed: ${errorText(err)}`, false, { mayGiveUp: false, alone: true });
      },
    };
  }

  /** A row that lapsed: finished unsent (nothing was delivered, nothing failed), with the handler's bookkeeping. */
  private lapse(token: string, c: Claimed, ref: OutboxRowRef, reason: string): Promise<Outcome> {
    return this.groups.record({
      locks: locksOf(c),
      write: async (tx) => {
        const done = await this.finish(tx, token, c, { state: 'done', done_at: this.opts.clock.now(), attempts: c.row.attempts, last_error: `lapsed: ${reason}` });
        if (!done) return TAKEN_OVER;
        await c.handler.onLapsed?.(tx, ref, reason);
        this.logger.info({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, reason }, 'outbox row lapsed: refused once its moment had passed');
        return LAPSED;
      },
      recover: (err) => this.fail(token, c, `lapsed, but recording it failed: ${errorText(err)}`, false, { mayGiveUp: false, alone: true }),
    });
  }

  /**
   * A failed send: back off, or give up when the error is permanent or the
   * budget is spent. `alone` from a `recover` (which runs inside a group's
   * commit and must not wait for a later group).
   */
  private async fail(token: string, c: Claimed, error: string, permanent: boolean, how: { mayGiveUp?: boolean; alone?: boolean } = {}): Promise<Outcome> {
    const attempts = c.row.attempts + 1;
    const alone = how.alone ?? false;
    if ((how.mayGiveUp ?? true) && (permanent || attempts >= this.opts.retry.maxAttempts)) {
      const giveUp: Settlement = {
        locks: locksOf(c),
        write: async (tx) => {
          if (!(await this.finish(tx, token, c, { state: 'dead', attempts, last_error: error }))) {
            this.logger.warn({ outboxId: c.row.id }, 'outbox row taken over by another dispatcher before it was given up on');
            return TAKEN_OVER;
          }
          if (c.ref) await c.handler.onGiveUp(tx, { ...c.ref, attempts }, error);
          await raiseGaveUp(this.opts.alerts, tx, c, attempts, error, permanent);
          this.logger.error({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, attempts, error, permanent }, 'outbox row given up on');
          return DEAD;
        },
        // giving up must be recorded with its alert, or not at all: try again later
        recover: async (err) => {
          this.logger.error({ err, outboxId: c.row.id }, 'recording an outbox give-up failed; will retry');
          return this.retry(token, c, attempts, `${error}; giving up failed: ${errorText(err)}`, true);
        },
      };
      return alone ? this.groups.alone(giveUp) : this.groups.record(giveUp);
    }
    return this.retry(token, c, attempts, error, alone);
  }

  /** Back off: the row is due again after a jittered, growing wait. */
  private retry(token: string, c: Claimed, attempts: number, error: string, alone: boolean): Promise<Outcome> {
    const nextAttemptAt = this.opts.clock.now() + backoffDelay(attempts, this.opts.retry, this.random);
    const settlement: Settlement = {
      write: async (tx) => {
        await this.finish(tx, token, c, { attempts, next_attempt_at: nextAttemptAt, last_error: error });
        this.logger.warn({ outboxId: c.row.id, kind: c.kind, key: c.row.idempotency_key, attempts, nextAttemptAt, error }, 'outbox send failed; will retry');
        return { kind: 'retried', nextAttemptAt };
      },
      recover: async (err) => {
        // the claim runs out by itself and the row is tried again then
        this.logger.error({ err, outboxId: c.row.id }, 'recording an outbox retry failed; the claim will expire');
        return { kind: 'retried', nextAttemptAt: 0 };
      },
    };
    return alone ? this.groups.alone(settlement) : this.groups.record(settlement);
  }

  /** Write a row's outcome, guarded by our claim; false when another dispatcher holds it now. */
  private async finish(tx: Db, token: string, c: Claimed, set: Record<string, string | number | null>): Promise<boolean> {
    const r = await tx
      .updateTable('outbox')
      .set({ ...set, locked_by: null, locked_until: null })
      .where('id', '=', c.row.id)
      .where('state', '=', 'pending')
      .where('locked_by', '=', token)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Tell reachability what the batch found: a send that got an answer, or only failures to reach. */
  private async report(reach: Reach): Promise<void> {
    const r = this.opts.reachability;
    if (!r || (!reach.reached && reach.unreachableError === null)) return;
    try {
      await r.observe(this.opts.db, reach.reached ? { type: 'reached' } : { type: 'failed', error: reach.unreachableError! });
    } catch (err) {
      this.logger.warn({ err }, 'recording whether the platform was reached failed');
    }
  }
}
