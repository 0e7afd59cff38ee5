/**
 * Entries the catalog does not describe — an action a later version wrote,
 * or a payload of another shape written behind Warden's back — are read
 * generically on both stores: the timeline shows them by their action and
 * reason, explain lists them without reading them, GET /v1/audit returns them
 * as stored with `catalogued: false`. No reader throws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { uncatalogued } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

describe.each(STORES)('entries outside the catalog on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let actionId: string;
  const odd: Record<string, number> = {};

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    const proposed = await h.api(crew.lead.token).post('/v1/actions', { kind: 'warn', targetId: 'acct_0001', reasonCode: 'spam', justification: '' });
    expect(proposed.status).toBe(201);
    actionId = proposed.body.action.id;
    const log = uncatalogued(h.ctx);
    const write = (name: string, entry: Parameters<typeof log.append>[1]) =>
      h.ctx.transaction(async (tx) => (odd[name] = (await log.append(tx, entry)).seq));
    h.clock.advance(1000);
    await write('unknown', { actor: SYSTEM, action: 'account.renamed', subject: { type: 'account', id: 'acct_0001' }, after: { handle: 'new' }, reason: 'a later version' });
    // a known action with a payload no version of Warden wrote: once read by guessing, and thrown on
    await write('proposed', { actor: SYSTEM, action: 'action.proposed', subject: { type: 'action', id: actionId }, after: { kind: 'warn', state: 'awaiting_approval', requirements: 'none' } });
    await write('executed', { actor: SYSTEM, action: 'action.executed', subject: { type: 'action', id: actionId }, after: { kind: 'warn', rules: 3, notCounted: 'no list' } });
    await write('refused', { actor: SYSTEM, action: 'approval.refused', subject: { type: 'action', id: actionId }, after: { decision: { rules: 'none' } } });
  });
  afterAll(() => h.cleanup());

  it('shows them in the timeline by their action and reason, and nothing read from their payloads', async () => {
    const res = await h.api(crew.auditor.token).get('/v1/accounts/acct_0001/timeline');
    expect(res.status).toBe(200);
    const bySeq = new Map((res.body.events as { seq: number | null; summary: string; decision?: unknown; details: unknown }[]).map((e) => [e.seq, e]));
    expect(bySeq.get(odd.unknown!)).toMatchObject({ summary: 'account.renamed: a later version', details: { after: { handle: 'new' } } });
    for (const name of ['proposed', 'executed', 'refused']) {
      const e = bySeq.get(odd[name]!);
      expect(e?.summary).toBe(`${name === 'refused' ? 'approval' : 'action'}.${name}`);
      expect(e?.decision).toBeUndefined();
    }
    // Warden's own entries about the action are read as before
    expect([...bySeq.values()].some((e) => e.summary.startsWith('warn proposed'))).toBe(true);
  });

  it('explains the action from the entries it can read, and lists the rest', async () => {
    const res = await h.api(crew.auditor.token).get(`/v1/actions/${actionId}/explain`);
    expect(res.status).toBe(200);
    expect(res.body.proposal.seq).not.toBe(odd.proposed);
    expect(res.body.refusals).toEqual([]);
    expect(res.body.entries.map((e: { seq: number }) => e.seq)).toEqual(expect.arrayContaining([odd.proposed, odd.executed, odd.refused]));
  });

  it('returns them from the audit log as stored, marked uncatalogued; Warden’s own as typed events', async () => {
    const res = await h.api(crew.auditor.token).get(`/v1/audit?subjectType=action&subjectId=${actionId}`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as { seq: number; action: string; catalogued: boolean; after: unknown }[];
    expect(entries.find((e) => e.seq === odd.executed)).toMatchObject({ catalogued: false, action: 'action.executed', after: { kind: 'warn', rules: 3, notCounted: 'no list' } });
    expect(entries.filter((e) => e.catalogued).map((e) => e.action)).toContain('action.proposed');
  });
});
