/**
 * Queues and claims through the HTTP API, as named roles: routing by protection
 * tier, who may see and claim what, claim-next order, leases (expiry, reaping,
 * renewal), release, resolve with reporter trust, re-route, comments, and a new
 * case after resolution.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { auditByAction, caseTrail } from './support/db.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const LEASE_MS = 10 * 60_000;

interface CaseBody {
  id: number;
  accountId: string;
  status: string;
  queue: string;
  area: string;
  priority: number;
  claimedBy: string | null;
  leaseUntil: number | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
}

describe.each(STORES)('queues and claims on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;

  beforeEach(async () => {
    h = await makeApiHarness(kind, { queues: { leaseMs: LEASE_MS, reapIntervalMs: 5_000 } });
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterEach(() => h.cleanup());

  const as = (who: keyof Crew) => h.api(crew[who].token);
  const service = () => h.api(h.ctx.config.serviceToken);

  /** One report through the API; the case it landed in. */
  const report = async (accountId: string, category = 'harassment', reporterId = 'u1'): Promise<number> => {
    const res = await service().post('/v1/reports', { reporterId, accountId, category, text: 'report', evidence: [] });
    expect(res.status).toBe(202);
    return res.body.caseId as number;
  };
  const caseOf = async (id: number): Promise<CaseBody> => {
    const res = await as('lead').get(`/v1/cases/${id}`);
    expect(res.status).toBe(200);
    return res.body.case as CaseBody;
  };
  const listed = async (who: keyof Crew, query = ''): Promise<number[]> => {
    const res = await as(who).get(`/v1/cases?limit=500${query}`);
    expect(res.status).toBe(200);
    return res.body.cases.map((c: CaseBody) => c.id);
  };
  const claimNext = async (who: keyof Crew, queue?: string): Promise<CaseBody | null> => {
    const res = await as(who).post('/v1/cases/claim', queue ? { queue } : {});
    expect(res.status).toBe(200);
    return res.body.case as CaseBody | null;
  };
  const reap = () => h.ctx.transaction((tx) => h.ctx.cases.reapExpiredLeases(tx));

  describe('routing by protection tier', () => {
    it('puts a report on a critical account in queue critical and on an elevated one in protected, whatever the category', async () => {
      const vip = await report('acct_vip', 'harassment');
      const press = await report('acct_press', 'spam');
      expect(await caseOf(vip)).toMatchObject({ accountId: 'acct_vip', queue: 'critical', area: 'safety', status: 'open' });
      expect(await caseOf(press)).toMatchObject({ accountId: 'acct_press', queue: 'protected', area: 'spam', status: 'open' });

      // every category, folded into the same case, keeps it in its tier's queue
      for (const category of ['spam', 'impersonation', 'misinformation', 'other', 'violent_threat']) {
        expect(await report('acct_vip', category, `r_${category}`)).toBe(vip);
        expect(await report('acct_press', category, `r_${category}`)).toBe(press);
        expect((await caseOf(vip)).queue).toBe('critical');
        expect((await caseOf(press)).queue).toBe('protected');
      }
      expect((await caseOf(vip)).area).toBe('safety');

      const opened = await auditByAction(h.ctx.db, 'case.opened');
      expect(opened.find((e) => e.subject.id === String(vip))?.after).toMatchObject({ accountId: 'acct_vip', queue: 'critical', tier: 'critical' });
      expect(opened.find((e) => e.subject.id === String(press))?.after).toMatchObject({ accountId: 'acct_press', queue: 'protected', tier: 'elevated' });
      expect((await auditByAction(h.ctx.db, 'case.rerouted')).map((e) => e.subject.id)).not.toContain(String(vip));

      for (const q of ['spam', 'safety', 'authenticity', 'integrity', 'general']) {
        const ids = await listed('lead', `&queue=${q}`);
        expect(ids).not.toContain(vip);
        expect(ids).not.toContain(press);
      }
    });

    it('moves an open case into the protected queues when its account is raised to a protected tier', async () => {
      const kase = await report('acct_0003', 'harassment');
      expect((await caseOf(kase)).queue).toBe('safety');
      // an import never raises a tier (test/data-paths.test.ts): the change an approved set_tier applies
      await h.ctx.transaction((tx) => h.ctx.accounts.applyTierChange(tx, SYSTEM, 'acct_0003', 'critical', 'raised for the test'));
      // the account is now critical: its open case must not stay where contractors work
      expect((await as('contractor').get(`/v1/cases/${kase}`)).status).toBe(404);
      expect((await caseOf(kase)).queue).toBe('critical');
    });
  });

  describe('visibility', () => {
    it('hides a critical case from the contractor: not listed, 404 to read or claim, never handed out by claim-next', async () => {
      const vip = await report('acct_vip', 'harassment');
      const press = await report('acct_press', 'spam');
      const plain = await report('acct_0000', 'spam');
      // the vip case is the top of all queues, by far
      expect((await caseOf(vip)).priority).toBeGreaterThan((await caseOf(plain)).priority);

      const contractor = as('contractor');
      expect(await listed('contractor')).toEqual([plain]);
      expect(await listed('contractor', '&accountId=acct_vip')).toEqual([]);
      expect(await listed('contractor', '&queue=critical')).toEqual([]);
      expect(await listed('contractor', '&queue=protected')).toEqual([]);

      const missing = await contractor.get('/v1/cases/987654');
      expect(missing.status).toBe(404);
      for (const id of [vip, press]) {
        const read = await contractor.get(`/v1/cases/${id}`);
        expect(read.status).toBe(404);
        // indistinguishable from a case that does not exist
        expect(read.body.error.code).toBe(missing.body.error.code);
        expect(read.body.error.message).toBe(`case ${id} not found`);
        expect((await contractor.post(`/v1/cases/${id}/claim`)).status).toBe(404);
        expect((await contractor.post(`/v1/cases/${id}/comments`, { body: 'hello' })).status).toBe(404);
        expect((await contractor.post(`/v1/cases/${id}/reroute`, { queue: 'general', reason: 'move' })).status).toBe(404);
        expect((await contractor.post(`/v1/cases/${id}/release`, {})).status).toBe(404);
        expect((await contractor.post(`/v1/cases/${id}/resolve`, { resolution: 'no_violation' })).status).toBe(404);
      }
      const explicit = await contractor.post('/v1/cases/claim', { queue: 'critical' });
      expect(explicit.status).toBe(403);

      expect((await claimNext('contractor'))?.id).toBe(plain);
      expect(await claimNext('contractor')).toBeNull();
      expect(await caseOf(vip)).toMatchObject({ status: 'open', claimedBy: null });
      expect(await caseOf(press)).toMatchObject({ status: 'open', claimedBy: null });

      const queues = await contractor.get('/v1/queues');
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((q: { queue: string }) => q.queue)).toEqual(['spam', 'safety', 'authenticity', 'integrity', 'general']);
    });

    it('hides a critical case from an employee agent but lets them work the protected queue', async () => {
      const vip = await report('acct_vip', 'harassment');
      const press = await report('acct_press', 'spam');
      const plain = await report('acct_0000', 'spam');
      const agent = as('agent');

      expect((await listed('agent')).sort()).toEqual([press, plain].sort());
      expect((await agent.get(`/v1/cases/${vip}`)).status).toBe(404);
      expect((await agent.post(`/v1/cases/${vip}/claim`)).status).toBe(404);
      expect((await agent.post('/v1/cases/claim', { queue: 'critical' })).status).toBe(403);
      expect((await agent.get(`/v1/cases/${press}`)).status).toBe(200);

      const got: number[] = [];
      for (let c = await claimNext('agent'); c; c = await claimNext('agent')) got.push(c.id);
      expect(got).toEqual([press, plain]);
      expect(await caseOf(vip)).toMatchObject({ status: 'open', claimedBy: null });

      // triage does not see the protected queue either
      expect((await as('triage').get(`/v1/cases/${press}`)).status).toBe(404);
      const queues = await agent.get('/v1/queues');
      expect(queues.body.queues.map((q: { queue: string }) => q.queue)).toContain('protected');
      expect(queues.body.queues.map((q: { queue: string }) => q.queue)).not.toContain('critical');
    });

    it('shows a critical case to a lead, who can claim it; an auditor reads it but cannot claim', async () => {
      const vip = await report('acct_vip', 'harassment');
      expect(await listed('lead', '&queue=critical')).toEqual([vip]);
      const read = await as('auditor').get(`/v1/cases/${vip}`);
      expect(read.status).toBe(200);
      expect(read.body.reports).toHaveLength(1);
      expect((await as('auditor').post(`/v1/cases/${vip}/claim`)).status).toBe(403);

      const claimed = await as('lead').post(`/v1/cases/${vip}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body.case).toMatchObject({ id: vip, status: 'claimed', claimedBy: crew.lead.staff.id, leaseUntil: h.clock.now() + LEASE_MS });
      // a second lead cannot take it while it is held
      expect((await as('lead2').post(`/v1/cases/${vip}/claim`)).status).toBe(409);
      expect(await claimNext('lead2')).toBeNull();
      const claims = await auditByAction(h.ctx.db, 'case.claimed');
      expect(claims.map((e) => [e.subject.id, e.actor.id])).toEqual([[String(vip), crew.lead.staff.id]]);
    });
  });

  describe('claim next', () => {
    it('hands out cases highest priority first, ties to the older case, across every queue the caller may work', async () => {
      await h.ctx.transaction((tx) =>
        h.ctx.accounts.importBatch(tx, SYSTEM, [
          { id: 'acct_twin_a', handle: 'twin_a', displayName: 'Twin A', followers: 5000, verified: false, status: 'active', statusUntil: null, version: 1 },
          { id: 'acct_twin_b', handle: 'twin_b', displayName: 'Twin B', followers: 5000, verified: false, status: 'active', statusUntil: null, version: 1 },
        ]),
      );
      const opened = [
        await report('acct_0000', 'spam'),
        await report('acct_0019', 'violent_threat'),
        await report('acct_0010', 'harassment'),
        await report('acct_0004', 'misinformation'),
        await report('acct_0012', 'impersonation'),
        await report('acct_0008', 'other'),
        await report('acct_twin_b', 'hate'),
        await report('acct_twin_a', 'hate'),
      ];
      const cases = await Promise.all(opened.map(caseOf));
      expect(new Set(cases.map((c) => c.queue)).size).toBe(5);
      const twinA = cases[7]!;
      const twinB = cases[6]!;
      expect(twinA.priority).toBe(twinB.priority);
      expect(twinB.id).toBeLessThan(twinA.id);

      const expected = [...cases].sort((a, b) => b.priority - a.priority || a.id - b.id).map((c) => c.id);
      const got: number[] = [];
      for (let c = await claimNext('agent'); c; c = await claimNext('agent')) {
        expect(c.claimedBy).toBe(crew.agent.staff.id);
        got.push(c.id);
      }
      expect(got).toEqual(expected);
    });

    it('limits claim-next to one queue when asked', async () => {
      const spamLow = await report('acct_0000', 'spam');
      const spamHigh = await report('acct_0015', 'spam');
      await report('acct_0019', 'violent_threat');
      expect((await claimNext('agent', 'spam'))?.id).toBe(spamHigh);
      expect((await claimNext('agent', 'spam'))?.id).toBe(spamLow);
      expect(await claimNext('agent', 'spam')).toBeNull();
      const bad = await as('agent').post('/v1/cases/claim', { queue: 'everything' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('queue');
    });
  });

  describe('leases', () => {
    it('refuses to resolve on an expired lease with 409 lease_expired; the reaper returns the case to its queue, audited', async () => {
      const kase = await report('acct_0001', 'harassment');
      const claimedAt = h.clock.now();
      const claim = await as('agent').post(`/v1/cases/${kase}/claim`);
      expect(claim.body.case.leaseUntil).toBe(claimedAt + LEASE_MS);

      h.clock.advance(LEASE_MS); // the lease ends at claimedAt + LEASE_MS, exclusive
      const late = await as('agent').post(`/v1/cases/${kase}/resolve`, { resolution: 'actioned' });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('lease_expired');
      expect(await caseOf(kase)).toMatchObject({ status: 'claimed', resolution: null });
      expect((await as('agent').post(`/v1/cases/${kase}/renew`)).body.error.code).toBe('lease_expired');

      expect(await reap()).toBe(1);
      expect(await caseOf(kase)).toMatchObject({ status: 'open', claimedBy: null, leaseUntil: null });
      const expired = (await caseTrail(h.ctx.db, kase)).filter((e) => e.action === 'case.lease_expired');
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ actor: SYSTEM, before: { claimedBy: crew.agent.staff.id, leaseUntil: claimedAt + LEASE_MS }, after: { claimedBy: null } });
      expect(await reap()).toBe(0);
      expect((await caseTrail(h.ctx.db, kase)).filter((e) => e.action === 'case.lease_expired')).toHaveLength(1);

      // back in the queue: someone else claims it; the former holder can no longer act on it
      expect((await claimNext('lead'))?.id).toBe(kase);
      expect((await as('agent').post(`/v1/cases/${kase}/resolve`, { resolution: 'actioned' })).status).toBe(403);
      expect((await as('lead').post(`/v1/cases/${kase}/resolve`, { resolution: 'actioned' })).status).toBe(200);
    });

    it('renewing extends the lease from now; only the holder may renew', async () => {
      const kase = await report('acct_0001', 'harassment');
      const first = (await as('agent').post(`/v1/cases/${kase}/claim`)).body.case as CaseBody;
      h.clock.advance(LEASE_MS - 1);
      expect((await as('lead').post(`/v1/cases/${kase}/renew`)).status).toBe(403);
      const renewed = await as('agent').post(`/v1/cases/${kase}/renew`);
      expect(renewed.status).toBe(200);
      expect(renewed.body.case.leaseUntil).toBe(h.clock.now() + LEASE_MS);
      expect(renewed.body.case.leaseUntil).toBeGreaterThan(first.leaseUntil!);

      h.clock.advance(2); // past the first lease, inside the renewed one
      expect(await reap()).toBe(0);
      expect(await caseOf(kase)).toMatchObject({ status: 'claimed', claimedBy: crew.agent.staff.id });
      const done = await as('agent').post(`/v1/cases/${kase}/resolve`, { resolution: 'no_violation' });
      expect(done.status).toBe(200);
      expect(done.body.case.status).toBe('resolved');

      const open = await report('acct_0002', 'spam');
      expect((await as('agent').post(`/v1/cases/${open}/renew`)).status).toBe(403);
    });

    it('releasing gives the case back to its queue; only the holder or a lead may release', async () => {
      const kase = await report('acct_0001', 'harassment');
      await as('agent').post(`/v1/cases/${kase}/claim`);
      const other = await as('contractor').post(`/v1/cases/${kase}/release`, { reason: 'not mine' });
      expect(other.status).toBe(403);
      expect((await caseOf(kase)).claimedBy).toBe(crew.agent.staff.id);

      const released = await as('agent').post(`/v1/cases/${kase}/release`, { reason: 'need a specialist' });
      expect(released.status).toBe(200);
      expect(released.body.case).toMatchObject({ status: 'open', claimedBy: null, leaseUntil: null });
      const trail = await caseTrail(h.ctx.db, kase);
      expect(trail.at(-1)).toMatchObject({ action: 'case.released', actor: { kind: 'staff', id: crew.agent.staff.id }, before: { claimedBy: crew.agent.staff.id }, reason: 'need a specialist' });
      // an open case cannot be released again, by its former holder or by a lead; nothing is written
      const trailBefore = await caseTrail(h.ctx.db, kase);
      expect([403, 409]).toContain((await as('agent').post(`/v1/cases/${kase}/release`, {})).status);
      const leadAgain = await as('lead').post(`/v1/cases/${kase}/release`, {});
      expect(leadAgain.status).toBe(409);
      expect(leadAgain.body.error.code).toBe('invalid_transition');
      expect(await caseTrail(h.ctx.db, kase)).toEqual(trailBefore);

      expect((await claimNext('contractor'))?.id).toBe(kase);
      const byLead = await as('lead').post(`/v1/cases/${kase}/release`, { reason: 'reassigning' });
      expect(byLead.status).toBe(200);
      expect((await caseTrail(h.ctx.db, kase)).at(-1)).toMatchObject({ action: 'case.released', actor: { id: crew.lead.staff.id }, before: { claimedBy: crew.contractor.staff.id } });
    });
  });

  describe('resolve', () => {
    const trustOf = async (id: string) => (await h.ctx.db.selectFrom('reporters').select('trust').where('id', '=', id).executeTakeFirstOrThrow()).trust;

    it('resolves a held case, audited, and moves the trust of its reporters by the outcome', async () => {
      const upheld = await report('acct_0001', 'harassment', 'r_good');
      await report('acct_0001', 'hate', 'r_both');
      const dismissed = await report('acct_0002', 'spam', 'r_bad');
      await report('acct_0002', 'spam', 'r_both');
      const dup = await report('acct_0003', 'spam', 'r_dup');
      for (const r of ['r_good', 'r_both', 'r_bad', 'r_dup']) expect(await trustOf(r)).toBeCloseTo(0.5, 10);

      const notHeld = await as('agent').post(`/v1/cases/${upheld}/resolve`, { resolution: 'actioned' });
      expect(notHeld.status).toBe(403);
      for (const id of [upheld, dismissed, dup]) expect((await as('agent').post(`/v1/cases/${id}/claim`)).status).toBe(200);
      const bad = await as('agent').post(`/v1/cases/${upheld}/resolve`, { resolution: 'banished' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('resolution');

      const done = await as('agent').post(`/v1/cases/${upheld}/resolve`, { resolution: 'actioned', note: 'removed the posts' });
      expect(done.status).toBe(200);
      expect(done.body.case).toMatchObject({ status: 'resolved', resolution: 'actioned', resolvedBy: crew.agent.staff.id, resolvedAt: h.clock.now(), claimedBy: null, leaseUntil: null });
      const trail = await caseTrail(h.ctx.db, upheld);
      // the reporters' outcomes follow the resolution in its transaction (src/notices)
      expect(trail.at(-1)).toMatchObject({ action: 'notice.outcomes_recorded', after: { actionTaken: true } });
      expect(trail.at(-2)).toMatchObject({
        action: 'case.resolved',
        actor: { kind: 'staff', id: crew.agent.staff.id },
        before: { status: 'claimed' },
        after: { status: 'resolved', resolution: 'actioned' },
        reason: 'removed the posts',
      });
      expect(await trustOf('r_good')).toBeCloseTo(0.55, 10);
      expect(await trustOf('r_both')).toBeCloseTo(0.55, 10);

      expect((await as('agent').post(`/v1/cases/${dismissed}/resolve`, { resolution: 'no_violation' })).status).toBe(200);
      expect(await trustOf('r_bad')).toBeCloseTo(0.45, 10);
      expect(await trustOf('r_both')).toBeCloseTo(0.5, 10);
      expect(await trustOf('r_good')).toBeCloseTo(0.55, 10);

      expect((await as('agent').post(`/v1/cases/${dup}/resolve`, { resolution: 'duplicate' })).status).toBe(200);
      expect(await trustOf('r_dup')).toBeCloseTo(0.5, 10);

      // resolved is final, and no longer listed as open
      expect((await as('agent').post(`/v1/cases/${upheld}/resolve`, { resolution: 'no_violation' })).status).toBe(403);
      expect(await caseOf(upheld)).toMatchObject({ status: 'resolved', resolution: 'actioned' });
      expect(await listed('lead')).not.toContain(upheld);
      expect(await listed('lead', '&status=resolved')).toEqual(expect.arrayContaining([upheld, dismissed, dup]));
    });

    it('keeps reporter trust within [0.05, 1]', async () => {
      const up = await report('acct_0001', 'harassment', 'r_high');
      const down = await report('acct_0002', 'spam', 'r_low');
      await h.ctx.db.updateTable('reporters').set({ trust: 0.98 }).where('id', '=', 'r_high').execute();
      await h.ctx.db.updateTable('reporters').set({ trust: 0.07 }).where('id', '=', 'r_low').execute();
      for (const id of [up, down]) await as('agent').post(`/v1/cases/${id}/claim`);
      expect((await as('agent').post(`/v1/cases/${up}/resolve`, { resolution: 'actioned' })).status).toBe(200);
      expect((await as('agent').post(`/v1/cases/${down}/resolve`, { resolution: 'brigade_dismissed' })).status).toBe(200);
      expect(await trustOf('r_high')).toBe(1);
      expect(await trustOf('r_low')).toBeCloseTo(0.05, 10);
    });

    it('opens a new case for a report that arrives after the account’s case was resolved', async () => {
      const first = await report('acct_0001', 'harassment', 'r1');
      await as('lead').post(`/v1/cases/${first}/claim`);
      expect((await as('lead').post(`/v1/cases/${first}/resolve`, { resolution: 'no_violation' })).status).toBe(200);

      h.clock.advance(60_000);
      const second = await report('acct_0001', 'harassment', 'r2');
      expect(second).not.toBe(first);
      expect(await caseOf(second)).toMatchObject({ accountId: 'acct_0001', status: 'open', queue: 'safety' });
      expect(await caseOf(first)).toMatchObject({ status: 'resolved', resolution: 'no_violation' });
      expect((await caseTrail(h.ctx.db, second)).map((e) => e.action)).toEqual(['case.opened']);
      const reports = (await as('lead').get(`/v1/cases/${second}`)).body.reports as { reporterId: string }[];
      expect(reports.map((r) => r.reporterId)).toEqual(['r2']);
      expect(await listed('lead', '&accountId=acct_0001')).toEqual([second]);
      // and folding keeps going into the new case
      expect(await report('acct_0001', 'spam', 'r3')).toBe(second);
    });
  });

  describe('re-route', () => {
    it('never re-routes a case on a critical account out of queue critical: 400 naming queue, nothing changed', async () => {
      const vip = await report('acct_vip', 'harassment');
      await as('lead').post(`/v1/cases/${vip}/claim`);
      const before = await caseTrail(h.ctx.db, vip);
      for (const queue of ['general', 'safety', 'protected']) {
        const res = await as('lead').post(`/v1/cases/${vip}/reroute`, { queue, reason: 'wrong queue' });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('invalid_input');
        expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['queue']);
      }
      expect(await caseOf(vip)).toMatchObject({ queue: 'critical', status: 'claimed', claimedBy: crew.lead.staff.id });
      expect(await caseTrail(h.ctx.db, vip)).toEqual(before);

      const press = await report('acct_press', 'spam');
      const down = await as('lead').post(`/v1/cases/${press}/reroute`, { queue: 'spam', reason: 'just spam' });
      expect(down.status).toBe(400);
      expect(down.body.error.fields[0].path).toBe('queue');
      const up = await as('lead').post(`/v1/cases/${press}/reroute`, { queue: 'critical', reason: 'escalating' });
      expect(up.status).toBe(200);
      expect(up.body.case.queue).toBe('critical');
      expect((await as('agent').get(`/v1/cases/${press}`)).status).toBe(404);
    });

    it('lets the holder move a standard case to another queue: open again, unclaimed, audited', async () => {
      const kase = await report('acct_0001', 'harassment');
      expect((await as('agent').post(`/v1/cases/${kase}/reroute`, { queue: 'integrity', reason: 'not mine' })).status).toBe(403);
      await as('agent').post(`/v1/cases/${kase}/claim`);
      const noReason = await as('agent').post(`/v1/cases/${kase}/reroute`, { queue: 'integrity' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields[0].path).toBe('reason');

      const moved = await as('agent').post(`/v1/cases/${kase}/reroute`, { queue: 'integrity', reason: 'it is misinformation' });
      expect(moved.status).toBe(200);
      expect(moved.body.case).toMatchObject({ queue: 'integrity', status: 'open', claimedBy: null, leaseUntil: null });
      expect((await caseTrail(h.ctx.db, kase)).at(-1)).toMatchObject({
        action: 'case.rerouted',
        actor: { kind: 'staff', id: crew.agent.staff.id },
        before: { queue: 'safety', claimedBy: crew.agent.staff.id },
        after: { queue: 'integrity' },
        reason: 'it is misinformation',
      });
      expect((await claimNext('agent', 'integrity'))?.id).toBe(kase);
    });

    it('keeps a manual re-route when more reports of the same area arrive', async () => {
      const press = await report('acct_press', 'harassment', 'r1');
      expect((await as('lead').post(`/v1/cases/${press}/reroute`, { queue: 'critical', reason: 'coordinated campaign' })).status).toBe(200);
      const plain = await report('acct_0001', 'harassment', 'r1');
      await as('agent').post(`/v1/cases/${plain}/claim`);
      expect((await as('agent').post(`/v1/cases/${plain}/reroute`, { queue: 'integrity', reason: 'it is misinformation' })).status).toBe(200);

      // nothing more severe arrives: a report in the same area must not undo a person's decision
      expect(await report('acct_press', 'harassment', 'r2')).toBe(press);
      expect(await report('acct_0001', 'spam', 'r2')).toBe(plain);
      expect((await caseOf(press)).queue).toBe('critical');
      expect((await as('agent').get(`/v1/cases/${press}`)).status).toBe(404);
      expect((await caseOf(plain)).queue).toBe('integrity');
    });
  });

  describe('comments', () => {
    it('lets case workers who can see a case comment on it, audited; others get 404 or 403', async () => {
      const kase = await report('acct_0001', 'harassment');
      const vip = await report('acct_vip', 'harassment');
      const press = await report('acct_press', 'spam');

      const posted = await as('agent').post(`/v1/cases/${kase}/comments`, { body: 'looks like a pile-on' });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ id: expect.any(Number), at: h.clock.now() });
      h.clock.advance(1_000);
      expect((await as('contractor').post(`/v1/cases/${kase}/comments`, { body: 'agreed' })).status).toBe(201);

      const read = await as('contractor').get(`/v1/cases/${kase}`);
      expect(read.body.comments.map((c: { staffId: string; body: string }) => [c.staffId, c.body])).toEqual([
        [crew.agent.staff.id, 'looks like a pile-on'],
        [crew.contractor.staff.id, 'agreed'],
      ]);
      const entries = (await caseTrail(h.ctx.db, kase)).filter((e) => e.action === 'case.commented');
      expect(entries.map((e) => [e.actor.id, (e.after as { body: string }).body])).toEqual([
        [crew.agent.staff.id, 'looks like a pile-on'],
        [crew.contractor.staff.id, 'agreed'],
      ]);

      const empty = await as('agent').post(`/v1/cases/${kase}/comments`, { body: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.fields[0].path).toBe('body');
      expect((await as('auditor').post(`/v1/cases/${kase}/comments`, { body: 'noted' })).status).toBe(403);
      expect((await as('agent').post(`/v1/cases/${vip}/comments`, { body: 'hmm' })).status).toBe(404);
      expect((await as('triage').post(`/v1/cases/${press}/comments`, { body: 'hmm' })).status).toBe(404);
      expect((await as('lead').post(`/v1/cases/${vip}/comments`, { body: 'on it' })).status).toBe(201);
      expect(await h.ctx.db.selectFrom('case_comments').select('case_id').where('case_id', 'in', [vip, press]).execute()).toEqual([{ case_id: vip }]);
    });
  });
});
