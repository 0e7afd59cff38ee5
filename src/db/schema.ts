/**
 * Table types for Kysely. Times are epoch milliseconds (bigint columns, parsed
 * to numbers on both stores); booleans are 0/1 integers; JSON is text. One
 * representation on both stores keeps every query dialect-neutral.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface AuditLogTable {
  /** 0-based position in the log; the Merkle leaf index */
  seq: number;
  at: number;
  actor_kind: string;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  entry_hash: string;
}

export interface AuditHeadTable {
  id: number;
  size: number;
  last_hash: string;
}

export interface AccountsTable {
  id: string;
  handle: string;
  display_name: string;
  followers: number;
  verified: number;
  tier: string;
  status: string;
  status_until: number | null;
  platform_version: number;
  created_at: number;
  updated_at: number;
}

export interface AccountHistoryTable {
  id: Generated<number>;
  account_id: string;
  field: string;
  from_value: string | null;
  to_value: string;
  at: number;
  actor_kind: string;
  actor_id: string;
  reason: string | null;
}

export interface StaffTable {
  id: string;
  name: string;
  email: string;
  role: string;
  employment: string;
  access_from: number;
  access_until: number | null;
  offboarded_at: number | null;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  staff_id: string;
  token_hash: string;
  label: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ReportersTable {
  id: string;
  trust: number;
  first_seen_at: number;
}

export interface ReportsTable {
  id: Generated<number>;
  received_at: number;
  reporter_id: string;
  account_id: string;
  category: string;
  text: string;
  evidence: string;
  /** the report this one repeats within the de-duplication window, else null */
  duplicate_of: number | null;
  case_id: number;
  source: string;
}

export interface CasesTable {
  id: Generated<number>;
  account_id: string;
  status: string;
  queue: string;
  area: string;
  priority: number;
  severity: number;
  report_count: number;
  counted_reports: number;
  distinct_reporters: number;
  reporter_trust_sum: number;
  categories: string;
  brigade: number;
  velocity_window_start: number;
  velocity_count: number;
  claimed_by: string | null;
  lease_until: number | null;
  opened_at: number;
  updated_at: number;
  last_report_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution: string | null;
}

export interface CaseReportersTable {
  case_id: number;
  reporter_id: string;
}

export interface CaseCommentsTable {
  id: Generated<number>;
  case_id: number;
  staff_id: string;
  body: string;
  at: number;
}

export interface DB {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  accounts: AccountsTable;
  account_history: AccountHistoryTable;
  staff: StaffTable;
  api_tokens: ApiTokensTable;
  reporters: ReportersTable;
  reports: ReportsTable;
  cases: CasesTable;
  case_reporters: CaseReportersTable;
  case_comments: CaseCommentsTable;
}

export type AuditRow = Selectable<AuditLogTable>;
export type AccountRow = Selectable<AccountsTable>;
export type StaffRow = Selectable<StaffTable>;
export type CaseRow = Selectable<CasesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type NewReportRow = Insertable<ReportsTable>;
