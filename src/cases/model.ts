/** Cases, queues and claims: states, transitions and routing. Pure. */
import type { Tier } from '../accounts/model.js';
import { DomainError } from '../errors.js';
import type { PolicyArea } from '../reports/model.js';

export const CASE_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RESOLUTIONS = ['actioned', 'no_violation', 'brigade_dismissed', 'duplicate', 'appeal_granted', 'appeal_denied'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** How an appeal case ends: only an appeal's decision resolves one, and nothing else ends that way. */
export const APPEAL_RESOLUTIONS: readonly Resolution[] = ['appeal_granted', 'appeal_denied'];

export type CaseEvent =
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'lease_expired' }
  | { type: 'resolve' }
  | { type: 'reroute' }
  /** a decision not to act, overturned on appeal: the case is worked again */
  | { type: 'reopen' };

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
    case 'reopen':
      if (from === 'resolved') return 'open';
      break;
  }
  throw new DomainError('invalid_transition', `a ${from} case cannot take '${event.type}'`, { from, event: event.type });
}

export const QUEUES = ['spam', 'safety', 'authenticity', 'integrity', 'general', 'protected', 'critical', 'appeals'] as const;
export type Queue = (typeof QUEUES)[number];

/** What each queue holds. Who may see and work it is asked of policies/operations/queues.cedar. */
export const QUEUE_DESCRIPTIONS: Record<Queue, string> = {
  spam: 'spam and platform manipulation',
  safety: 'harassment, hate, threats, self-harm, child safety',
  authenticity: 'impersonation',
  integrity: 'misinformation',
  general: 'everything else',
  protected: 'elevated accounts: specialist employees only',
  critical: 'critical accounts: leads and admins, employees only',
  appeals: 'appeals against decisions, on accounts of every tier: leads and admins, employees only',
};

/** What a queue holds: cases opened by reports, or appeals against decisions (src/appeals). */
export type QueuePurpose = 'reports' | 'appeals';
export const queuePurpose = (queue: Queue): QueuePurpose => (queue === 'appeals' ? 'appeals' : 'reports');

/** A case on a protected account never lands in a general queue. */
export function routeCase(tier: Tier, area: PolicyArea): Queue {
  if (tier === 'critical') return 'critical';
  if (tier === 'elevated') return 'protected';
  return area;
}

/** The protection tier of the accounts a queue holds (the inverse of routeCase): what the queue rules judge. */
export function queueTier(queue: Queue): Tier {
  // the appeals queue holds appeals on critical accounts too: judged as the most protected
  return queue === 'critical' || queue === 'appeals' ? 'critical' : queue === 'protected' ? 'elevated' : 'standard';
}

/** How protected a queue is: a case never drifts by itself to a lower rank. */
export function protectionRank(queue: Queue): number {
  return queue === 'critical' || queue === 'appeals' ? 2 : queue === 'protected' ? 1 : 0;
}
