/**
 * What the signed-in person may do, as the console needs it to draw itself:
 * the operations they may call, the queues they see and work, the roles a
 * staff record they create may carry, and — from the access review, with the
 * policy in force — which kinds of action they may propose and approve on
 * which targets. Every answer is the policy's; the console compares none of
 * it with a role name.
 */
import type { Queue } from '../cases/model.js';
import type { Db } from '../db/database.js';
import { staffCaller } from '../policy/authorizer.js';
import type { ActionKind } from '../policy/model.js';
import { OPERATION_NAMES, type Operation } from '../policy/operations.js';
import type { PolicyService } from '../policy/service.js';
import { ROLES, type Role, type Staff } from '../staff/model.js';
import { type AccessReviewEntry, reviewAccess } from './access-review.js';

export interface Capabilities {
  /** the shipped operation rules that answered `operations`, `queues` and `staffRoles` */
  operationsVersion: string;
  /** the adopted policy set that answered `actions` */
  policyVersion: string;
  operations: Operation[];
  queues: { see: Queue[]; work: Queue[] };
  /** the roles a new staff record may carry */
  staffRoles: Role[];
  actions: { kind: ActionKind; target: AccessReviewEntry['target']; propose: boolean; approve: boolean }[];
}

export async function capabilitiesOf(db: Db, policy: PolicyService, staff: Staff, now: number): Promise<Capabilities> {
  const { authorizer } = policy;
  const caller = staffCaller(staff, now);
  const review = await reviewAccess(db, policy, staff, now, { needs: false });
  return {
    operationsVersion: authorizer.version,
    policyVersion: review.policyVersion,
    operations: OPERATION_NAMES.filter((op) => authorizer.call(caller, op).allowed),
    queues: { see: authorizer.queuesSeen(caller), work: authorizer.queuesWorked(caller) },
    staffRoles: ROLES.filter((role) => authorizer.createStaffAs(role).allowed),
    actions: review.entries.map((e) => ({ kind: e.kind, target: e.target, propose: e.propose.allowed, approve: e.approve.allowed })),
  };
}
