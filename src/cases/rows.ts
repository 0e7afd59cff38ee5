import type { Actor } from '../audit/model.js';
import type { CaseRow } from '../db/schema.js';
import type { Category, PolicyArea } from '../reports/model.js';
import type { Staff } from '../staff/model.js';
import type { CaseStatus, Queue, Resolution } from './model.js';
import { fromJson } from '../db/json.js';

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

export const staffActor = (s: Pick<Staff, 'id'>): Actor => ({ kind: 'staff', id: s.id });
