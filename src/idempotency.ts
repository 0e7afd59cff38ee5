/**
 * Idempotency keys for state-changing requests. The answer to a request that
 * carried a key is stored in the same transaction as the change it made: a
 * crash either loses both (the retry runs afresh) or keeps both (the retry is
 * answered from the store). A retry never applies its change a second time.
 */
import { createHash } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Db } from './db/database.js';
import { DomainError } from './errors.js';
import { propertyOf } from './errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** how long a stored answer is kept; a client retries within minutes, not days */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const KEY_FORM = /^[\x20-\x7e]{1,128}$/;

export interface IdempotentRequest {
  /** 'staff:<id>' / 'service:<id>': keys are per principal */
  principal: string;
  key: string;
  /** method and path, e.g. 'POST /v1/actions' */
  operation: string;
  /** the parsed request body (compared canonically: key order does not matter) */
  body: unknown;
}

/** The header's value, checked: 1–128 printable ASCII characters. */
export function checkIdempotencyKey(value: string): string {
  if (!KEY_FORM.test(value)) {
    throw new DomainError('invalid_input', `${IDEMPOTENCY_HEADER}: must be 1 to 128 printable ASCII characters`, {
      fields: [{ path: `header.${IDEMPOTENCY_HEADER}`, message: 'must be 1 to 128 printable ASCII characters' }],
    });
  }
  return value;
}

/** JSON with object keys sorted, so the same body sent twice hashes the same */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(req: Pick<IdempotentRequest, 'operation' | 'body'>): string {
  return createHash('sha256').update(`${req.operation}\n${canonical(req.body)}`, 'utf8').digest('hex');
}

type Transaction = <T>(fn: (tx: Db) => Promise<T>) => Promise<T>;

export class IdempotencyStore {
  constructor(
    private readonly transaction: Transaction,
    private readonly clock: Clock,
  ) {}

  /**
   * Run `fn` in one transaction and keep its answer under the key; a request
   * already answered under the key gets that answer and `fn` does not run.
   * Without a key, just the transaction.
   */
  async run<T>(req: IdempotentRequest | null, status: number, fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!req) return this.transaction(fn);
    const hash = requestHash(req);
    try {
      return await this.transaction((tx) => this.runOnce(tx, req, hash, status, fn));
    } catch (err) {
      // the same key raced in from two connections: the first committed; answer as it did
      if (!isUniqueViolation(err)) throw err;
      return this.transaction((tx) => this.runOnce(tx, req, hash, status, fn));
    }
  }

  private async runOnce<T>(tx: Db, req: IdempotentRequest, hash: string, status: number, fn: (tx: Db) => Promise<T>): Promise<T> {
    const stored = await tx
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('principal', '=', req.principal)
      .where('key', '=', req.key)
      .executeTakeFirst();
    if (stored) {
      if (stored.request !== req.operation || stored.request_hash !== hash) {
        throw new DomainError('conflict', `${IDEMPOTENCY_HEADER} ${JSON.stringify(req.key)} was already used for a different request (${stored.request})`, {
          header: IDEMPOTENCY_HEADER,
        });
      }
      return JSON.parse(stored.response_body) as T;
    }
    const result = await fn(tx);
    await tx
      .insertInto('idempotency_keys')
      .values({
        principal: req.principal,
        key: req.key,
        request: req.operation,
        request_hash: hash,
        status,
        response_body: JSON.stringify(result),
        created_at: this.clock.now(),
      })
      .execute();
    return result;
  }

  /** Forget answers older than the retention; run by the housekeeping worker. */
  async purgeExpired(tx: Db): Promise<number> {
    const r = await tx.deleteFrom('idempotency_keys').where('created_at', '<=', this.clock.now() - IDEMPOTENCY_RETENTION_MS).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = propertyOf(err, 'code');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
