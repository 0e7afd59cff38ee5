/**
 * Changes to the guard itself, as they take effect once approved: an account's
 * tier, a role, a just-in-time elevation, an access window (a contract
 * extended or cut short), the active policy set. Each returns what it changed,
 * which the execution's audit entry records.
 */
import { randomUUID } from 'node:crypto';
import type { AccountService } from '../accounts/service.js';
import type { Db } from '../db/database.js';
import type { PolicyService } from '../policy/service.js';
import type { NoticeService } from '../notices/service.js';
import type { StatementService } from '../statements/service.js';
import type { ReporterService } from '../reporters/service.js';
import { parseGroundTarget } from '../statements/grounds.js';
import { REASON_CODES } from './model.js';
import { setAccessUntil, setRole, staffById } from '../staff/store.js';
import type { Action } from './store.js';
import type { ExecutedChange } from './events.js';
import type { Enforcing } from './kinds.js';
import { parseTemplateId } from '../notices/model.js';

/** An action that changes the guard: any that does not enforce on an account. */
export type GuardAction = Exclude<Action, Enforcing>;

export interface GuardChangeDeps {
  accounts: AccountService;
  policy: PolicyService;
  notices: NoticeService;
  statements: StatementService;
  reporters: ReporterService;
}

/** Exhaustive over the guard kinds: a new one does not compile until it says what it changes. */
export async function applyGuardChange(tx: Db, action: GuardAction, now: number, deps: GuardChangeDeps): Promise<ExecutedChange> {
  switch (action.kind) {
    case 'set_tier': {
      const change = await deps.accounts.applyTierChange(tx, { kind: 'staff', id: action.proposer.id }, action.targetId, action.params.tier, `action ${action.id}`);
      return { tier: change };
    }
    case 'grant_role': {
      const s = await staffById(tx, action.targetId);
      // provenance: this action's proposer and approvers are who gave the role (src/staff/independence.ts)
      await setRole(tx, action.targetId, action.params.role, action.id);
      return { role: { from: s.role, to: action.params.role } };
    }
    case 'set_access': {
      // a contract extended or cut short; an end still ahead is swept again when it comes
      const s = await staffById(tx, action.targetId);
      const until = action.params.accessUntil;
      await setAccessUntil(tx, action.targetId, until, action.id, now);
      return { access: { from: s.access.until, to: until } };
    }
    case 'elevate': {
      const id = `elv_${randomUUID().slice(0, 8)}`;
      const endsAt = now + action.params.hours * 3_600_000;
      await tx.insertInto('elevations').values({ id, staff_id: action.targetId, role: action.params.role, starts_at: now, ends_at: endsAt, action_id: action.id, revoked_at: null }).execute();
      return { elevation: { id, role: action.params.role, endsAt } };
    }
    case 'change_policy':
      return { policyVersion: await deps.policy.activate(tx, action.params.policyFiles, action.id) };
    case 'set_notice_template': {
      // the target was checked at proposal (src/actions/proposal.ts); a stored one that names nothing fails here, loudly
      const named = parseTemplateId(action.targetId);
      if (typeof named === 'string') throw new Error(`action ${action.id}: ${named}`);
      const { templateTitle: title, templateGround: ground, templateBody: body } = action.params;
      return { template: await deps.notices.setTemplate(tx, { ...named, template: { title, ground, body }, actionId: action.id }, now) };
    }
    case 'set_decision_ground': {
      // the target was checked at proposal; a stored one that names no reason code fails here, loudly
      const reasonCode = REASON_CODES.find((r) => r === action.targetId);
      if (!reasonCode) throw new Error(`action ${action.id}: ${parseGroundTarget(action.targetId)}`);
      const { decisionGround: ground, groundReference: reference, groundExplanation: explanation, alsoIllegal } = action.params;
      return { ground: await deps.statements.setGround(tx, { reasonCode, ground: { ground, reference, explanation, alsoIllegal }, actionId: action.id }, now) };
    }
    case 'add_trusted_flagger':
    case 'remove_trusted_flagger':
    case 'warn_reporter':
    case 'suspend_reporting':
    case 'restore_reporting':
      return { standing: await deps.reporters.apply(tx, action, now) };
  }
}
