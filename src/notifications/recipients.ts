/**
 * Who is told, asked of the same rules that decide who may act: approvers are
 * those in whose inbox the proposal stands (ActionService.approversOf); an
 * appeal's deciders, those who see the appeals queue and whom
 * `decide_appeal` lets decide this one; on-call, those who may read and
 * acknowledge alerts. Nobody whose access is not open now is told anything.
 */
import type { ActionService } from '../actions/service.js';
import type { Action } from '../actions/store.js';
import type { Appeal } from '../appeals/rows.js';
import { asPolicyFacts, ineligibleFor } from '../appeals/rows.js';
import type { Db } from '../db/database.js';
import { type Authorizer, staffCaller } from '../policy/authorizer.js';
import { type Staff, hasAccess } from '../staff/model.js';
import { allStaff, findStaff } from '../staff/store.js';

export interface RecipientDeps {
  actions: Pick<ActionService, 'approversOf'>;
  authorizer: Authorizer;
}

/** Of the people who could be told (`among`: those with a channel), everyone whose access is open at `now`. */
async function withAccess(db: Db, now: number, among: ReadonlySet<string>): Promise<Staff[]> {
  return (await allStaff(db)).filter((s) => among.has(s.id) && hasAccess(s, now));
}

export async function approversOf(db: Db, deps: RecipientDeps, action: Action, now: number, among: ReadonlySet<string>): Promise<Staff[]> {
  const open = (await withAccess(db, now, among)).filter((s) => deps.authorizer.call(staffCaller(s, now), 'approvals.inbox').allowed);
  return deps.actions.approversOf(db, action, open);
}

/** The proposer, if a person whose access is open and who may still read actions. */
export async function proposerOf(db: Db, deps: RecipientDeps, action: Action, now: number, among: ReadonlySet<string>): Promise<Staff[]> {
  if (action.proposer.kind !== 'staff' || !among.has(action.proposer.id)) return [];
  const proposer = await findStaff(db, action.proposer.id);
  return proposer && hasAccess(proposer, now) && deps.authorizer.call(staffCaller(proposer, now), 'actions.read').allowed ? [proposer] : [];
}

export async function decidersOf(db: Db, deps: RecipientDeps, appeal: Appeal, now: number, among: ReadonlySet<string>): Promise<Staff[]> {
  const out: Staff[] = [];
  for (const s of await withAccess(db, now, among)) {
    const caller = staffCaller(s, now);
    if (!deps.authorizer.seeQueue(caller, 'appeals').allowed || !deps.authorizer.call(caller, 'appeals.decide').allowed) continue;
    const ineligible = await ineligibleFor(db, appeal, s.id, now);
    if (deps.authorizer.decideAppeal({ id: s.id, ...caller }, asPolicyFacts(ineligible)).allowed) out.push(s);
  }
  return out;
}

export async function onCallAt(db: Db, deps: RecipientDeps, now: number, among: ReadonlySet<string>): Promise<Staff[]> {
  return (await withAccess(db, now, among)).filter((s) => {
    const caller = staffCaller(s, now);
    return deps.authorizer.call(caller, 'alerts.read').allowed && deps.authorizer.call(caller, 'alerts.acknowledge').allowed;
  });
}
