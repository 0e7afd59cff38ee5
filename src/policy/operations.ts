/**
 * The operations of Warden's API and CLI, each in the groups of purpose that
 * the shipped rules (policies/operations/operations.cedar) permit to roles.
 * A route names one operation when it is declared (src/http/route.ts); a CLI
 * command or a service step that does the same thing names the same one.
 * Nothing here says who may call anything: that is asked of the rules.
 */

export const OPERATION_GROUPS = [
  'everyday',
  'casework',
  'supervision',
  'deciding',
  'oversight',
  'integrity',
  'alerting',
  'administration',
  'platform',
] as const;
export type OperationGroup = (typeof OPERATION_GROUPS)[number];

export const OPERATIONS = {
  // your own session, tokens and record; reading what everyone reads
  'session.read': ['everyday'],
  'session.logout': ['everyday'],
  'session.step-up': ['everyday'],
  'me.read': ['everyday'],
  'tokens.issue-own': ['everyday'],
  'tokens.revoke-own': ['everyday'],
  /** your own notification preferences and notifications (src/notifications): nobody else's */
  'notifications.own': ['everyday'],
  'accounts.read': ['everyday'],
  /** what an account's owner and its reporters were told */
  'notices.read': ['everyday'],
  'actions.read': ['everyday'],
  'approvals.inbox': ['everyday'],
  'policy.read': ['everyday'],
  'cases.read': ['everyday'],
  // working cases, filing reports, proposing
  'cases.claim': ['casework'],
  'cases.renew': ['casework'],
  'cases.release': ['casework'],
  'cases.resolve': ['casework'],
  'cases.reroute': ['casework'],
  'cases.comment': ['casework'],
  'reports.submit': ['casework', 'platform'],
  'actions.propose': ['casework'],
  /** one proposal over many accounts (src/actions/bulk.ts): each target still judged by the policy alone */
  'actions.bulk': ['casework'],
  /** release or re-route a case that someone else has claimed */
  'cases.supervise': ['supervision'],
  /** one member of staff's own figures: the cases they claimed and resolved, their verdicts' wait, appeals against their proposals (src/metrics) */
  'metrics.staff': ['supervision'],
  'actions.approve': ['deciding'],
  'actions.reject': ['deciding'],
  'actions.execute': ['deciding'],
  'decisions.explain': ['deciding', 'oversight'],
  'staff.list': ['oversight'],
  'alerts.read': ['oversight'],
  'drifts.read': ['oversight'],
  'audit.read': ['oversight'],
  'audit.proofs': ['oversight', 'platform'],
  'forensics.timeline': ['oversight'],
  'forensics.access-review': ['oversight'],
  /** the DSA Art. 15/24 figures over a period, derived from the audit log */
  'transparency.report': ['oversight'],
  /** statements of reasons for the DSA Transparency Database, with their delivery and audit proofs */
  'statements.read': ['oversight'],
  /** time to first review, to decision, queue age, approval wait, appeal overturn rate: per queue, reason and staff member (src/metrics) */
  'metrics.leads': ['oversight'],
  /** reporters' standing: trusted flaggers, measures against misuse of reporting, their counts and figures */
  'reporters.read': ['oversight'],
  'audit.verify': ['integrity'],
  'audit.sign-head': ['integrity'],
  'enrolments.read': ['integrity'],
  'tokens.read': ['integrity'],
  'alerts.acknowledge': ['alerting'],
  'staff.create': ['administration'],
  'staff.offboard': ['administration'],
  'enrolments.start': ['administration'],
  'enrolments.revoke': ['administration'],
  'tokens.revoke': ['administration'],
  'accounts.import': ['administration', 'platform'],
  'accounts.sync': ['administration'],
  'policy.freeze': ['administration'],
  // appeals (src/appeals): filed by the platform for its users; read where the appeals queue is seen; decided under appeals.cedar
  'appeals.submit': ['platform'],
  'appeals.read': ['everyday'],
  'appeals.decide': ['deciding'],
} as const satisfies Record<string, readonly OperationGroup[]>;

export type Operation = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[];

export const isOperation = (name: string): name is Operation => Object.hasOwn(OPERATIONS, name);

/**
 * The Cedar actions the shipped operation rules decide. An adopted policy set
 * may carry no rule for them, and the shipped operation rules no rule for
 * anything else (src/policy/load.ts refuses either, naming file and line).
 */
export const OPERATION_ACTIONS = ['call', 'see_queue', 'work_queue', 'create_staff', 'decide_appeal'] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number];

/** Where the shipped operation rules and their schema live, inside the policy directory. */
export const OPERATIONS_DIR = 'operations';

const isOperationAction = (a: string) => (OPERATION_ACTIONS as readonly string[]).includes(a);

/** An adopted set (policy_versions) decides propose, approve and execute; never an operation. */
export function adoptedScope(actions: string[] | null): string | null {
  const named = (actions ?? []).find(isOperationAction);
  if (!named) return null;
  return (
    `Action::"${named}" is decided by the operation rules Warden ships (policies/${OPERATIONS_DIR}/), not by an adopted policy set: ` +
    `a set may carry no rule for ${OPERATION_ACTIONS.join(', ')}`
  );
}

/** The shipped operation rules decide operations only, each rule naming which. */
export function operationsScope(actions: string[] | null): string | null {
  if (actions !== null && actions.length > 0 && actions.every(isOperationAction)) return null;
  return (
    `an operation rule must name its actions, among ${OPERATION_ACTIONS.join(', ')}: ` +
    'propose, approve and execute are decided by the adopted policy set, which only an approved change_policy changes'
  );
}
