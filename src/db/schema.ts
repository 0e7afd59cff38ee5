/**
 * Table types for Kysely. Times are epoch milliseconds (bigint columns, parsed
 * to numbers on both stores); booleans are 0/1 integers; JSON is text (typed
 * `Json<T>` where its shape is known: src/db/json.ts). One
 * representation on both stores keeps every query dialect-neutral.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AccountStatus, Tier } from '../accounts/model.js';
import type { AccountState, ActionState, ReasonCode, TargetType } from '../actions/model.js';
import type { AlertKind, AlertSeverity } from '../alerts/model.js';
import type { ActorKind } from '../audit/model.js';
import type { CaseStatus, Queue, Resolution } from '../cases/model.js';
import type { ActionKind, Decision } from '../policy/model.js';
import type { Category, PolicyArea } from '../reports/model.js';
import type { Employment, Role } from '../staff/model.js';
import type { DetectedVia, DriftState, TripwireResponse } from '../tripwires/model.js';
import type { Json } from './json.js';
import type { IdempotencyKeysTable, RateLimitCountersTable } from './schema-requests.js';
import type { OutboxTable, PlatformReachabilityTable } from './schema-delivery.js';
import type { LoginAttemptsTable, OidcLoginsTable, StaffCredentialsTable, StaffEnrolmentsTable, StaffSessionsTable } from './schema-credentials.js';
import type { WorkerLeaseTermsTable, WorkerLeasesTable } from './schema-workers.js';
import type { AppealsTable, StrikesTable } from './schema-appeals.js';
import type { NoticeTemplatesTable, NoticesTable } from './schema-notices.js';
import type { DecisionGroundsTable, StatementsTable } from './schema-statements.js';
import type { StaffNotificationPreferencesTable, StaffNotificationsTable } from './schema-notifications.js';
import type { BulkActionsTable, BulkTargetsTable } from './schema-bulk.js';

export type { IdempotencyKeysTable, RateLimitCountersTable } from './schema-requests.js';
export type { OutboxTable, PlatformReachabilityTable } from './schema-delivery.js';
export type { LoginAttemptsTable, OidcLoginsTable, StaffCredentialsTable, StaffEnrolmentsTable, StaffSessionsTable } from './schema-credentials.js';
export type { WorkerLeaseTermsTable, WorkerLeasesTable } from './schema-workers.js';
export type { AppealsTable, StrikesTable } from './schema-appeals.js';
export type { NoticeTemplatesTable, NoticesTable } from './schema-notices.js';
export type { DecisionGroundsTable, StatementsTable } from './schema-statements.js';
export type { StaffNotificationPreferencesTable, StaffNotificationsTable } from './schema-notifications.js';

export interface AuditLogTable {
  /** 0-based position in the log; the Merkle leaf index */
  seq: number;
  at: number;
  actor_kind: ActorKind;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  entry_hash: string;
  /** RFC 9162 leaf hash (hex) of the canonical entry; null only on a row written behind Warden's back */
  leaf_hash: string | null;
}

export interface AuditHeadTable {
  id: number;
  size: number;
  last_hash: string;
  /** the perfect-subtree hashes of the Merkle tree over [0, size), hex, highest level first (audit/merkle.ts) */
  frontier: string;
}

/** Completed perfect subtrees of the audit Merkle tree at level >= STORED_MIN_LEVEL (audit/merkle.ts). */
export interface AuditTreeTable {
  level: number;
  idx: number;
  hash: string;
}

/** Signed tree heads (RFC 9162 §4.10 in spirit): Warden's signed word on the log at a size. */
export interface AuditTreeHeadsTable {
  id: Generated<number>;
  tree_size: number;
  root_hash: string;
  timestamp: number;
  /** Ed25519 signature, base64, over the message in audit/verify-proofs.ts `treeHeadMessage` */
  signature: string;
  key_id: string;
}

/** Public keys that signed tree heads, by key id (SHA-256 of the SPKI DER, hex). */
export interface AuditSigningKeysTable {
  key_id: string;
  public_key: string;
  created_at: number;
}

export interface AccountsTable {
  id: string;
  handle: string;
  display_name: string;
  followers: number;
  verified: number;
  tier: Tier;
  status: AccountStatus;
  status_until: number | null;
  platform_version: number;
  /** the most followers Warden has seen (migration 007): what the policy reads for a protected account */
  followers_peak: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface AccountHistoryTable {
  id: Generated<number>;
  account_id: string;
  field: 'tier' | 'status';
  from_value: string | null;
  to_value: string;
  at: number;
  actor_kind: ActorKind;
  actor_id: string;
  reason: string | null;
}

export interface StaffTable {
  id: string;
  name: string;
  email: string;
  role: Role;
  employment: Employment;
  access_from: number;
  access_until: number | null;
  offboarded_at: number | null;
  created_at: number;
  access_end_processed_at: number | null;
  /** who made the record: a staff id, or 'warden' for seeds and bootstrap (009_provenance) */
  created_by: string | null;
  /** the executed grant_role that set the current role; null when it is the role the record was made with */
  role_action_id: string | null;
  /** the executed set_access that set the current access window; null when it is the one the record was made with */
  access_action_id: string | null;
}

export interface ApiTokensTable {
  id: string;
  staff_id: string;
  token_hash: string;
  label: string;
  created_at: number;
  revoked_at: number | null;
  /** who issued it: a staff id, or `system:<id>` (seeds, bootstrap) */
  issued_by: Generated<string>;
  /** the enrolment its holder redeemed for it, if any */
  enrolment_id: string | null;
}


export interface ReportersTable {
  id: string;
  trust: number;
  first_seen_at: number;
  /** the trusted-flagger registry (src/reporters): set while they are one */
  flagger_name: ColumnType<string | null, string | null | undefined>;
  flagger_organisation: ColumnType<string | null, string | null | undefined>;
  flagger_since: ColumnType<number | null, number | null | undefined>;
  flagger_action_id: ColumnType<string | null, string | null | undefined>;
  /** misuse of reporting: the warning in force, and a suspension's end */
  warned_at: ColumnType<number | null, number | null | undefined>;
  warned_action_id: ColumnType<string | null, string | null | undefined>;
  suspended_until: ColumnType<number | null, number | null | undefined>;
  suspended_action_id: ColumnType<string | null, string | null | undefined>;
}

export interface ReportsTable {
  id: Generated<number>;
  received_at: number;
  reporter_id: string;
  account_id: string;
  category: Category;
  text: string;
  evidence: Json<string[]>;
  /** the report this one repeats within the de-duplication window, else null */
  duplicate_of: number | null;
  case_id: number;
  source: string;
  /** 1: its reporter was a trusted flagger when it arrived */
  trusted_flagger: Generated<number>;
  /** 1: its reporter's reporting was suspended; it counts towards nothing (case_id 0 when no case was open) */
  ignored: Generated<number>;
}

export interface CasesTable {
  id: Generated<number>;
  account_id: string;
  status: CaseStatus;
  queue: Queue;
  area: PolicyArea;
  priority: number;
  severity: number;
  report_count: number;
  counted_reports: number;
  distinct_reporters: number;
  reporter_trust_sum: number;
  /** counted reports from trusted flaggers: ranks the case above ordinary ones */
  trusted_flagger_reports: Generated<number>;
  categories: Json<Category[]>;
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
  resolution: Resolution | null;
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

export interface ActionsTable {
  id: string;
  kind: ActionKind;
  target_type: TargetType;
  target_id: string;
  case_id: number | null;
  reason_code: ReasonCode;
  justification: string;
  params: string;
  state: ActionState;
  proposer_kind: 'staff' | 'system';
  proposer_id: string;
  proposed_at: number;
  scheduled_for: number | null;
  expires_at: number;
  prior_state: Json<AccountState> | null;
  result_state: Json<AccountState> | null;
  executed_at: number | null;
  delivered_at: number | null;
  closed_reason: string | null;
  reverses_action_id: string | null;
  policy_version: string;
  last_decision: Json<Decision> | null;
  followers: number;
  updated_at: number;
}

export interface ApprovalsTable {
  id: Generated<number>;
  action_id: string;
  approver_id: string;
  verdict: 'approve' | 'reject';
  comment: string;
  at: number;
  expires_at: number;
  voided_at: number | null;
  voided_reason: string | null;
}

export interface AlertsTable {
  id: Generated<number>;
  kind: AlertKind;
  severity: AlertSeverity;
  subject_type: string;
  subject_id: string;
  summary: string;
  details: Json<Record<string, unknown>>;
  created_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  /** how many times the alert was sent to the channels (005) */
  notify_count: Generated<number>;
  /** when it was last sent again; null until the first re-notification (005) */
  last_notified_at: number | null;
}

/** One change on the platform that no authorized action explains (src/tripwires). */
export interface TripwireDriftsTable {
  id: Generated<number>;
  account_id: string;
  /** the platform's version of the account in the drifted state */
  platform_version: number;
  tier: Tier;
  detected_via: DetectedVia;
  response: TripwireResponse;
  state: DriftState;
  /** JSON AccountState: what Warden's authorized actions say */
  expected: Json<AccountState>;
  /** JSON AccountState: what the platform had */
  observed: Json<AccountState>;
  /** JSON: the webhook or reconciliation read that showed it */
  evidence: Json<Record<string, unknown>>;
  changed_at: number;
  detected_at: number;
  reverted_at: number | null;
  revert_version: number | null;
  alert_id: number | null;
  error: string | null;
}

/** Ids of the platform webhooks already taken, kept as long as a replay could pass the timestamp check. */
export interface WebhookReceiptsTable {
  message_id: string;
  received_at: number;
}

export interface PolicyVersionsTable {
  version: string;
  files: Json<Record<string, string>>;
  created_at: number;
  activated_at: number | null;
  activated_by_action: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface ElevationsTable {
  id: string;
  staff_id: string;
  role: Role;
  starts_at: number;
  ends_at: number;
  action_id: string;
  revoked_at: number | null;
}

export interface DB {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_tree: AuditTreeTable;
  audit_tree_heads: AuditTreeHeadsTable;
  audit_signing_keys: AuditSigningKeysTable;
  accounts: AccountsTable;
  account_history: AccountHistoryTable;
  staff: StaffTable;
  api_tokens: ApiTokensTable;
  staff_enrolments: StaffEnrolmentsTable;
  reporters: ReportersTable;
  reports: ReportsTable;
  cases: CasesTable;
  case_reporters: CaseReportersTable;
  case_comments: CaseCommentsTable;
  actions: ActionsTable;
  approvals: ApprovalsTable;
  bulk_actions: BulkActionsTable;
  bulk_targets: BulkTargetsTable;
  outbox: OutboxTable;
  alerts: AlertsTable;
  policy_versions: PolicyVersionsTable;
  settings: SettingsTable;
  elevations: ElevationsTable;
  tripwire_drifts: TripwireDriftsTable;
  webhook_receipts: WebhookReceiptsTable;
  staff_credentials: StaffCredentialsTable;
  staff_sessions: StaffSessionsTable;
  login_attempts: LoginAttemptsTable;
  oidc_logins: OidcLoginsTable;
  rate_limit_counters: RateLimitCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  platform_reachability: PlatformReachabilityTable;
  worker_leases: WorkerLeasesTable;
  worker_lease_terms: WorkerLeaseTermsTable;
  appeals: AppealsTable;
  strikes: StrikesTable;
  notices: NoticesTable;
  notice_templates: NoticeTemplatesTable;
  statements: StatementsTable;
  decision_grounds: DecisionGroundsTable;
  staff_notifications: StaffNotificationsTable;
  staff_notification_preferences: StaffNotificationPreferencesTable;
}

export type AuditRow = Selectable<AuditLogTable>;
export type AccountRow = Selectable<AccountsTable>;
export type StaffRow = Selectable<StaffTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type NewReportRow = Insertable<ReportsTable>;
export type ActionRow = Selectable<ActionsTable>;
export type ApprovalRow = Selectable<ApprovalsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type SessionRow = Selectable<StaffSessionsTable>;
