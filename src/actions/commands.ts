/**
 * The actions' use cases as a caller meets them: propose, approve, reject,
 * execute. Each opens its own transaction and makes every check it owes in
 * it: the policy's (asked by ActionService and the Executor), a console
 * session's step-up, the execute rules. The HTTP routes and the CLI both call
 * these, so neither holds a rule of its own. Delivery to the platform follows
 * the commit by itself: writing the outbox row attaches it (src/db/transaction.ts).
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { DomainError } from '../errors.js';
import type { IdempotencyStore, IdempotentRequest } from '../idempotency.js';
import type { Session } from '../sessions/model.js';
import type { SessionService } from '../sessions/service.js';
import type { Staff } from '../staff/model.js';
import { instantText } from '../bounds.js';
import type { Executor } from './execution.js';
import { targetTypeOf } from './kinds.js';
import { isAwaiting } from './model.js';
import type { Proposal } from './proposal.js';
import type { Action } from './store.js';
import type { ActionService } from './service.js';

/**
 * Who acts: a staff member, and the console session they act in. Null for
 * an API token (the API's and the CLI's callers): a token owes no step-up.
 */
export interface Caller {
  staff: Staff;
  session: Session | null;
}

/** The request's idempotency key, if it carried one: a retry is answered from the store (src/idempotency.ts) */
type Key = IdempotentRequest | null;

// the status each answer is kept under with its key: the API's (201 Created for a proposal)
const CREATED = 201;
const OK = 200;

export interface ActionCommandDeps {
  db: Db;
  clock: Clock;
  actions: ActionService;
  executor: Executor;
  sessions: Pick<SessionService, 'requireStepUp'>;
  idempotency: Pick<IdempotencyStore, 'run'>;
}

export class ActionCommands {
  constructor(private readonly deps: ActionCommandDeps) {}

  async propose({ staff, session }: Caller, proposal: Proposal, key: Key = null): Promise<Action> {
    const { actions, sessions } = this.deps;
    await actions.precheck(this.deps.db, staff, proposal);
    return this.deps.idempotency.run(key, CREATED, async (tx) => {
      const destructive = session ? await actions.isDestructive(tx, proposal) : false;
      const proposed = await actions.propose(tx, staff, proposal);
      // the policy speaks first; then a console session owes a fresh code for a
      // destructive step on a protected account (refused: all rolls back)
      if (session) {
        const { kind, targetId } = proposal;
        await sessions.requireStepUp(tx, session, { kind, destructive, targetType: targetTypeOf(kind), targetId });
      }
      return proposed;
    });
  }

  async approve({ staff, session }: Caller, id: string, comment: string, key: Key = null): Promise<Action> {
    const { actions, sessions } = this.deps;
    return this.deps.idempotency.run(key, OK, async (tx) => {
      const pending = await actions.get(tx, id);
      const destructive = session ? await actions.isDestructive(tx, pending) : false;
      const decided = await actions.decide(tx, staff, id, 'approve', comment);
      if (session) {
        const { kind, targetType, targetId } = decided;
        await sessions.requireStepUp(tx, session, { kind, destructive, targetType, targetId });
      }
      return decided;
    });
  }

  async reject({ staff }: Caller, id: string, comment: string, key: Key = null): Promise<Action> {
    return this.deps.idempotency.run(key, OK, (tx) => this.deps.actions.decide(tx, staff, id, 'reject', comment));
  }

  /**
   * Execute an approved action now. Who asks does not enter the rules: the
   * policy judges the proposer and the approvals that still count, at this
   * instant; refused as a conflict naming what is missing.
   */
  async execute(id: string, key: Key = null): Promise<Action> {
    const { actions, executor, clock } = this.deps;
    return this.deps.idempotency.run(key, OK, async (tx) => {
      const before = await actions.get(tx, id);
      if (!isAwaiting(before.state)) {
        const state = before.state;
        throw new DomainError('invalid_transition', `action ${id} is ${state.replace('_', ' ')}; nothing to execute`, {
          state,
        });
      }
      if (before.scheduledFor !== null && before.scheduledFor > clock.now()) {
        throw new DomainError('conflict', `action ${id} is scheduled for ${instantText(before.scheduledFor)}`);
      }
      const check = await executor.check(tx, before);
      if (!check.allowed) {
        const decision = check.proposer.allowed ? check.execute : check.proposer;
        throw new DomainError('conflict', check.missing ?? 'not allowed', { decision });
      }
      return executor.advance(tx, id, 'approval');
    });
  }
}
