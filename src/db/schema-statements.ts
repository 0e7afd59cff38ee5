/** Statements of reasons and decision grounds (migration 017); part of the Database of src/db/schema.ts. */
import type { ReasonCode } from '../actions/model.js';
import type { DecisionGroundKind, DsaStatement, StatementState } from '../statements/model.js';
import type { Json } from './json.js';

/** One statement of reasons for one executed restriction (src/statements). */
export interface StatementsTable {
  action_id: string;
  account_id: string;
  body: Json<DsaStatement>;
  state: StatementState;
  batch_id: string | null;
  created_at: number;
  queued_at: number | null;
  delivered_at: number | null;
  tdb_uuid: string | null;
  refused: Json<Record<string, string[]>> | null;
  last_error: string | null;
}

/** A ground an approved set_decision_ground put in force. */
export interface DecisionGroundsTable {
  reason_code: ReasonCode;
  ground: DecisionGroundKind;
  reference: string;
  explanation: string;
  also_illegal: number;
  action_id: string;
  updated_at: number;
}
