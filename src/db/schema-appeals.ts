/** Appeals and strikes (migration 016); part of the Database of src/db/schema.ts. */
import type { Generated } from 'kysely';
import type { AppealState, AppellantKind } from '../appeals/model.js';

export interface AppealsTable {
  id: string;
  case_id: number;
  appellant_kind: AppellantKind;
  appellant_id: string;
  account_id: string;
  action_id: string | null;
  original_case_id: number | null;
  report_id: number | null;
  statement: string;
  state: AppealState;
  filed_at: number;
  deadline_at: number;
  decided_at: number | null;
  decided_by: string | null;
  reasons: string | null;
  reversal_action_id: string | null;
  reconsidered_case_id: number | null;
  overdue_alert_id: number | null;
  updated_at: number;
}

export interface StrikesTable {
  id: Generated<number>;
  account_id: string;
  action_id: string;
  recorded_at: number;
  expires_at: number;
  reversed_at: number | null;
  reversed_by_action_id: string | null;
}
