/** Bulk enforcement's tables (src/actions/bulk.ts; migration 022). */
import type { ReasonCode } from '../actions/model.js';
import type { EnforcementKind } from '../policy/model.js';

export interface BulkActionsTable {
  id: string;
  kind: EnforcementKind;
  reason_code: ReasonCode;
  justification: string;
  params: string;
  proposer_id: string;
  proposed_at: number;
  restores_bulk_id: string | null;
  target_count: number;
}

export interface BulkTargetsTable {
  bulk_id: string;
  account_id: string;
  action_id: string | null;
  outcome: 'executed' | 'waiting' | 'refused';
  why: string | null;
}
