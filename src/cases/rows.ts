import type { CaseRow, NewCaseRow } from '../db/schema.js';
import type { Category, PolicyArea } from '../reports/model.js';
import type { CaseStatus, Queue, Resolution } from './model.js';
import { fromJson, toJson } from '../db/json.js';

export interface Case {
  id: number;
  accountId: string;
  status: CaseStatus;
  queue: Queue;
  area: PolicyArea;
  priority: number;
  severity: number;
  reportCount: number;
  countedReports: number;
  distinctReporters: number;
  /** counted reports from registered trusted flaggers: the case is decided before ordinary ones */
  trustedFlaggerReports: number;
  categories: Category[];
  brigade: boolean;
  claimedBy: string | null;
  leaseUntil: number | null;
  openedAt: number;
  updatedAt: number;
  lastReportAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolution: Resolution | null;
}

export function rowToCase(r: CaseRow): Case {
  return {
    id: r.id,
    accountId: r.account_id,
    status: r.status,
    queue: r.queue,
    area: r.area,
    priority: r.priority,
    severity: r.severity,
    reportCount: r.report_count,
    countedReports: r.counted_reports,
    distinctReporters: r.distinct_reporters,
    trustedFlaggerReports: Number(r.trusted_flagger_reports),
    categories: fromJson(r.categories),
    brigade: r.brigade === 1,
    claimedBy: r.claimed_by,
    leaseUntil: r.lease_until,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    lastReportAt: r.last_report_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolution: r.resolution,
  };
}

export { staffActor } from '../audit/model.js';

/** A new open case, unclaimed, with no reports folded in yet. */
export function newCaseRow(
  c: { accountId: string; queue: Queue; area: PolicyArea; severity: number; categories: Category[]; priority: number },
  now: number,
): NewCaseRow {
  return {
    account_id: c.accountId,
    status: 'open',
    queue: c.queue,
    area: c.area,
    priority: c.priority,
    severity: c.severity,
    report_count: 0,
    counted_reports: 0,
    distinct_reporters: 0,
    reporter_trust_sum: 0,
    categories: toJson(c.categories),
    brigade: 0,
    velocity_window_start: now,
    velocity_count: 0,
    claimed_by: null,
    lease_until: null,
    opened_at: now,
    updated_at: now,
    last_report_at: now,
    resolved_at: null,
    resolved_by: null,
    resolution: null,
  };
}
