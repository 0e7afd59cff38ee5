/**
 * Tables of the request edge: rate-limit counters and stored answers to
 * idempotency keys. Bookkeeping of requests, not of the domain; part of the
 * Database of src/db/schema.ts.
 */

/** Fixed-window request counters (migration 011), shared by every instance on the store. */
export interface RateLimitCountersTable {
  scope: string;
  key: string;
  window_start: number;
  hits: number;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  request: string;
  request_hash: string;
  status: number;
  response_body: string;
  created_at: number;
}
