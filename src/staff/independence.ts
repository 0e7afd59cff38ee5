/**
 * Independence: an approval counts only from someone independent of the
 * proposer (../shared/PRODUCT.md, invariant 1) — not the proposer, and not
 * anyone whose current role, elevation, staff record, access window or
 * credential the proposer created, granted, approved or issued.
 *
 * A person's current access is made of parts, each with a provenance: the
 * record (who created it), the role (the grant_role that set it, if any), each
 * live elevation and the access window (the set_access that set it, if any);
 * an action's proposer and approvers are who made that part. Each kind of
 * part is one ProvenanceSource. Dependence is followed through others too:
 * if the proposer made Y an admin and Y then made Z a lead, Z's approval is
 * as much the proposer's as Y's would be — otherwise one admin acts as three.
 *
 * The policy decides what a dependent approval may do (`approver-independent`
 * in policies/approvals.cedar); this module only establishes the fact and
 * the sentence that says why.
 */
import { SYSTEM } from '../audit/model.js';
import type { Db } from '../db/database.js';
import { staffProvenance } from './store.js';
import { proposerOf, standingApprovalsOf } from '../actions/store.js';

/** Someone who made part of a person's current access. */
export interface Sponsor {
  /** who created, granted, approved or issued it: a staff id ('warden' for Warden's own seeds is never followed) */
  by: string;
  /** what they did, with `{who}` where they go: "lead role was granted by action act_x, which {who} approved on …" */
  how: string;
}

/** One kind of provenance: who made this part of the person's current access, as it stands at `now`. */
export type ProvenanceSource = (db: Db, staffId: string, now: number) => Promise<Sponsor[]>;

const day = (ms: number) => new Date(ms).toISOString();

/** The proposer and the approvers of an executed action, each as a sponsor of `what`. */
async function actionSponsors(db: Db, actionId: string, what: string, exceptId: string): Promise<Sponsor[]> {
  const proposer = await proposerOf(db, actionId);
  if (!proposer) return [];
  const out: Sponsor[] = [];
  // an elevation is requested by its holder: that is not someone else making their access
  if (proposer.kind === 'staff' && proposer.id !== exceptId) {
    out.push({ by: proposer.id, how: `${what} by action ${actionId}, which {who} proposed on ${day(proposer.at)}` });
  }
  for (const a of await standingApprovalsOf(db, actionId)) {
    if (a.approverId !== exceptId) out.push({ by: a.approverId, how: `${what} by action ${actionId}, which {who} approved on ${day(a.at)}` });
  }
  return out;
}

export const staffRecord: ProvenanceSource = async (db, staffId) => {
  const s = await staffProvenance(db, staffId);
  if (!s?.createdBy) return [];
  return [{ by: s.createdBy, how: `staff record was created by {who} on ${day(s.createdAt)}` }];
};

export const currentRole: ProvenanceSource = async (db, staffId) => {
  const s = await staffProvenance(db, staffId);
  // a role the record was made with is the record's creator's doing (staffRecord)
  if (!s?.roleActionId) return [];
  return actionSponsors(db, s.roleActionId, `${s.role} role was granted`, staffId);
};

export const liveElevations: ProvenanceSource = async (db, staffId, now) => {
  const live = await db
    .selectFrom('elevations')
    .select(['role', 'action_id'])
    .where('staff_id', '=', staffId)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .where('revoked_at', 'is', null)
    .execute();
  const out: Sponsor[] = [];
  for (const e of live) out.push(...(await actionSponsors(db, e.action_id, `elevation to ${e.role} was granted`, staffId)));
  return out;
};

export const accessWindow: ProvenanceSource = async (db, staffId) => {
  const s = await staffProvenance(db, staffId);
  if (!s?.accessActionId) return [];
  return actionSponsors(db, s.accessActionId, 'access window was set', staffId);
};

/**
 * Credentials: who issued the person's live API tokens and the enrolments they
 * redeemed or may still redeem (a token from an enrolment names its issuer).
 * Warden's own seeds and bootstraps (`system:…`) make nobody dependent.
 */
export const credentials: ProvenanceSource = async (db, staffId) => {
  const tokens = await db.selectFrom('api_tokens').select(['issued_by', 'created_at']).where('staff_id', '=', staffId).where('revoked_at', 'is', null).execute();
  const enrolments = await db
    .selectFrom('staff_enrolments')
    .select(['issued_by', 'redeemed_at'])
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .execute();
  const person = (by: string | null): by is string => by !== null && by !== staffId && !by.startsWith('system:');
  return [
    ...tokens.filter((t) => person(t.issued_by)).map((t) => ({ by: t.issued_by!, how: `API token was issued by {who} on ${day(t.created_at)}` })),
    ...enrolments
      .filter((e) => person(e.issued_by))
      .map((e) => ({ by: e.issued_by, how: `enrolment was issued by {who}${e.redeemed_at === null ? '' : ` (redeemed on ${day(e.redeemed_at)})`}` })),
  ];
};

/** Every kind of provenance that makes an approver dependent. */
export const PROVENANCE_SOURCES: readonly ProvenanceSource[] = [staffRecord, currentRole, liveElevations, accessWindow, credentials];

interface Step {
  subject: string;
  sponsor: Sponsor;
}

/**
 * Everyone a person's current access depends on, directly or through others,
 * each with the shortest chain that shows it. Writes nothing.
 */
export async function dependencies(db: Db, staffId: string, now: number, sources: readonly ProvenanceSource[] = PROVENANCE_SOURCES): Promise<Dependencies> {
  const chains = new Map<string, Step[]>();
  const queue: { id: string; path: Step[] }[] = [{ id: staffId, path: [] }];
  const seen = new Set([staffId, SYSTEM.id]);
  while (queue.length > 0) {
    const { id, path } = queue.shift()!;
    for (const source of sources) {
      for (const sponsor of await source(db, id, now)) {
        if (seen.has(sponsor.by)) continue;
        seen.add(sponsor.by);
        const chain = [...path, { subject: id, sponsor }];
        chains.set(sponsor.by, chain);
        queue.push({ id: sponsor.by, path: chain });
      }
    }
  }
  return new Dependencies(chains);
}

export class Dependencies {
  constructor(private readonly chains: Map<string, Step[]>) {}

  /** null when independent of `proposerId`; else why not, the proposer named as "the proposer". */
  on(proposerId: string): string | null {
    const chain = this.chains.get(proposerId);
    if (!chain) return null;
    return chain.map((s, i) => `${s.subject}'s ${s.sponsor.how.replace('{who}', i === chain.length - 1 ? 'the proposer' : s.sponsor.by)}`).join('; ');
  }
}

/**
 * Whether an approver is independent of a proposer, now: null when they are,
 * else the sentence why not ("stf_b's elevation to lead was granted by action
 * act_…, which the proposer approved on …"). The proposer themselves is
 * `isProposer`'s case, not this one: null.
 */
export async function dependenceOf(db: Db, approverId: string, proposerId: string, now: number): Promise<string | null> {
  if (approverId === proposerId || proposerId === SYSTEM.id) return null;
  return (await dependencies(db, approverId, now)).on(proposerId);
}

/**
 * The first of `others` that `staffId` depends on, or that depends on
 * `staffId`, with the sentence why: approvers count as distinct people only
 * when neither made any part of the other's access.
 */
export async function dependentAmong(db: Db, staffId: string, others: readonly { id: string }[], now: number): Promise<{ id: string; why: string } | null> {
  if (others.length === 0) return null;
  const mine = await dependencies(db, staffId, now);
  for (const o of others) {
    const why = mine.on(o.id) ?? (await dependencies(db, o.id, now)).on(staffId);
    if (why) return { id: o.id, why: why.replaceAll('the proposer', 'the other approver') };
  }
  return null;
}
