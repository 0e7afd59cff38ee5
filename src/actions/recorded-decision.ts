/**
 * The policy's verdict an action's audit entry records, with the rules that
 * gave it: the "decided by" of the timeline and `explain`. Read from the
 * typed event (events.ts), each event where it wrote it.
 */
import { type CataloguedEntry, unhandledEvent } from '../audit/catalog.js';
import type { ActionAuditEvent, RecordedRule } from './events.js';

/** A rule, for readers. */
export interface RuleRef {
  id: string;
  effect?: string;
  reason: string;
}

export interface RecordedDecision {
  allowed?: boolean;
  policyVersion?: string;
  rules: RuleRef[];
}

/** The verdict an entry records, or undefined when it records none (a step the policy was not asked about). */
export function recordedDecision(e: CataloguedEntry<ActionAuditEvent>): RecordedDecision | undefined {
  switch (e.action) {
    case 'action.proposed':
      // Warden's own restore at a suspension's end asked no one
      return 'decision' in e.after ? verdict(e.after.decision) : undefined;
    case 'action.refused':
    case 'approval.given':
    case 'approval.rejected':
    case 'approval.refused':
    case 'action.awaiting_approval':
      return verdict(e.after.decision);
    case 'action.executed':
      return weighed([...e.after.proposerRules, ...e.after.rules], e.after.policyVersion);
    case 'action.voided':
    case 'action.expired':
      // closed by the policy's re-check: its rules; by an offboarding or an expiry: none
      return 'rules' in e.after ? weighed(e.after.rules, e.after.policyVersion) : undefined;
    case 'approval.voided':
    case 'action.rejected':
    case 'action.scheduled':
    case 'action.delivered':
    case 'action.delivery_failed':
    case 'action.lapsed':
      return undefined;
    default:
      return unhandledEvent(e);
  }
}

const verdict = (d: { allowed: boolean; policyVersion: string; rules: RecordedRule[] }): RecordedDecision => ({
  allowed: d.allowed,
  policyVersion: d.policyVersion,
  rules: distinct(d.rules),
});

/** Rules recorded without a verdict of their own (the execution's, a close's): nothing when there are none. */
function weighed(rules: RecordedRule[], policyVersion: string | undefined): RecordedDecision | undefined {
  if (rules.length === 0 && policyVersion === undefined) return undefined;
  return { allowed: undefined, policyVersion, rules: distinct(rules) };
}

/** Each rule once, in the order first named. */
function distinct(rules: RecordedRule[]): RuleRef[] {
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true))).map((r) => ({ id: r.id, effect: r.effect, reason: r.reason }));
}
