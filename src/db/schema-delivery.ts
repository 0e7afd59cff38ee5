/** The outbox and delivery's bookkeeping beside it; part of the Database of src/db/schema.ts. */
import type { ColumnType, Generated } from 'kysely';
import type { OutboxKind } from '../platform/outbox.js';
import type { ReachabilityState } from '../platform/reachability.js';

/** Side effects to the outside, written with the change and sent after commit (src/platform/outbox.ts). */
export interface OutboxTable {
  id: Generated<number>;
  kind: OutboxKind;
  idempotency_key: string;
  payload: string;
  state: string;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  done_at: number | null;
  /** rows with the same key are delivered in id order (migration 013); null for none */
  ordering_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row (id 1): whether the platform is being reached, shared by every instance on the store. */
export interface PlatformReachabilityTable {
  id: number;
  state: ReachabilityState;
  failing_since: number | null;
  unreachable_since: number | null;
  last_error: string | null;
  alert_id: number | null;
  changed_at: number;
}
