/** Reading an action's parameters whatever its kind: the flat view (the brief, strikes, the proposal's checks), the role it gives, what its audit entry records. */
import type { Tier } from '../accounts/model.js';
import type { MisuseCounts } from '../reporters/model.js';
import type { Role } from '../staff/model.js';
import type { StrikeParam } from '../strikes/model.js';
import type { KindParams } from './kinds.js';
import type { AccountState } from './model.js';

/** Any kind's parameters seen side by side, each absent where the kind has none (for the brief's flat view). */
export interface AnyParams {
  durationMs?: number;
  restoresActionId?: string;
  restoreTo?: AccountState;
  tier?: Tier;
  role?: Role;
  hours?: number;
  accessUntil?: number;
  policyFiles?: Record<string, string>;
  strike?: StrikeParam;
  templateTitle?: string;
  templateGround?: string;
  templateBody?: string;
  decisionGround?: string;
  groundReference?: string;
  groundExplanation?: string;
  alsoIllegal?: boolean;
  flaggerName?: string;
  organisation?: string;
  misuse?: MisuseCounts;
}

/** `a`'s parameters in the flat view (the compiler checks each kind's fit it). */
export const anyParams = (a: KindParams): AnyParams => a.params;

/** The role an action gives (grant_role, elevate), '' for any other: a fact the policy reads. */
export const grantedRoleOf = (a: KindParams): Role | '' => (a.kind === 'grant_role' || a.kind === 'elevate' ? a.params.role : '');

/** The parameters as an audit entry records them: a policy set by its file names (its text is in the store). */
export const auditedParams = (a: KindParams) => (a.kind === 'change_policy' ? { policyFiles: Object.keys(a.params.policyFiles) } : a.params);
