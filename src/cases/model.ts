/** Cases, queues and claims: states, transitions, routing and visibility. Pure. */
import type { Tier } from '../accounts/model.js';
import { DomainError } from '../errors.js';
import type { PolicyArea } from '../reports/model.js';
import type { Staff } from '../staff/model.js';

export const CASE_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RESOLUTIONS = ['actioned', 'no_violation', 'brigade_dismissed', 'duplicate'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export type CaseEvent =
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'lease_expired' }
  | { type: 'resolve' }
  | { type: 'reroute' };

/** The state a case moves to on an event, or an error naming why it cannot. */
export function nextCaseStatus(from: CaseStatus, event: CaseEvent): CaseStatus {
  switch (event.type) {
    case 'claim':
      if (from === 'open') return 'claimed';
      break;
    case 'release':
    case 'lease_expired':
      if (from === 'claimed') return 'open';
      break;
    case 'resolve':
      if (from === 'claimed') return 'resolved';
      break;
    case 'reroute':
      if (from === 'open' || from === 'claimed') return 'open';
      break;
  }
  throw new DomainError('invalid_transition', `a ${from} case cannot take '${event.type}'`, { from, event: event.type });
}

export const QUEUES = ['spam', 'safety', 'authenticity', 'integrity', 'general', 'protected', 'critical'] as const;
export type Queue = (typeof QUEUES)[number];

export interface QueueRule {
  /** roles that may see and claim cases in the queue */
  roles: readonly Staff['role'][];
  contractors: boolean;
  description: string;
}

export const QUEUE_RULES: Record<Queue, QueueRule> = {
  spam: { roles: ['triage', 'agent', 'lead', 'admin'], contractors: true, description: 'spam and platform manipulation' },
  safety: { roles: ['triage', 'agent', 'lead', 'admin'], contractors: true, description: 'harassment, hate, threats, self-harm, child safety' },
  authenticity: { roles: ['triage', 'agent', 'lead', 'admin'], contractors: true, description: 'impersonation' },
  integrity: { roles: ['triage', 'agent', 'lead', 'admin'], contractors: true, description: 'misinformation' },
  general: { roles: ['triage', 'agent', 'lead', 'admin'], contractors: true, description: 'everything else' },
  protected: { roles: ['agent', 'lead', 'admin'], contractors: false, description: 'elevated accounts: specialist employees only' },
  critical: { roles: ['lead', 'admin'], contractors: false, description: 'critical accounts: leads and admins, employees only' },
};

/** A case on a protected account never lands in a general queue. */
export function routeCase(tier: Tier, area: PolicyArea): Queue {
  if (tier === 'critical') return 'critical';
  if (tier === 'elevated') return 'protected';
  return area;
}

export function canWorkQueue(staff: Pick<Staff, 'role' | 'employment'>, queue: Queue): boolean {
  const rule = QUEUE_RULES[queue];
  return rule.roles.includes(staff.role) && (rule.contractors || staff.employment === 'employee');
}

/** Auditors read every queue; everyone else sees the queues they may work. */
export function canSeeQueue(staff: Pick<Staff, 'role' | 'employment'>, queue: Queue): boolean {
  return staff.role === 'auditor' || canWorkQueue(staff, queue);
}

export const visibleQueues = (staff: Pick<Staff, 'role' | 'employment'>) => QUEUES.filter((q) => canSeeQueue(staff, q));
export const workableQueues = (staff: Pick<Staff, 'role' | 'employment'>) => QUEUES.filter((q) => canWorkQueue(staff, q));

/** How protected a queue is: a case never drifts by itself to a lower rank. */
export function protectionRank(queue: Queue): number {
  return queue === 'critical' ? 2 : queue === 'protected' ? 1 : 0;
}
