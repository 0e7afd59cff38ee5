/**
 * Statements of reasons (issue 14, item 1): every executed restriction yields
 * exactly one statement that a receiver holding the DSA Transparency
 * Database's documented rules accepts — across an outage of the receiver, a
 * lost answer and a Warden restart — with each field derived from the record,
 * nothing personal in it, and the audit inclusion proof of its decision.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { checkInclusion } from '../src/audit/verify-proofs.js';
import { type Config } from '../src/config.js';
import { testConfig } from '../src/test-config.js';
import type { AppContext } from '../src/context.js';
import { type DsaStatement, dsaDate } from '../src/statements/model.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { STORES } from './support/harness.js';
import { type TransparencyDb, startTransparencyDb, validateStatement } from './support/transparency-db.js';
import { type World, drainOutbox, makeWorld } from './support/world.js';

const DAY = 86_400_000;

const dsaConfig = (db: TransparencyDb | null, token?: string): Pick<Config, 'dsa'> => ({
  dsa: { ...testConfig(':memory:').dsa, ...(db ? { tdbUrl: db.url, tdbToken: token ?? db.token } : {}) },
});

describe.each(STORES)('statements of reasons on %s', (kind) => {
  let w: World;
  let tdb: TransparencyDb;
  let admin2: { token: string; id: string };

  beforeEach(async () => {
    tdb = await startTransparencyDb();
    w = await makeWorld(kind, { accounts: 8, config: dsaConfig(tdb) });
    admin2 = await w.h.ctx.transaction(async (tx) => {
      const staff = await w.h.ctx.staff.seed(tx, { id: 'stf_admin2', name: 'admin2', email: 'admin2@warden.test', role: 'admin', employment: 'employee', accessFrom: w.clock.now() - DAY, accessUntil: null });
      return { id: staff.id, token: (await w.h.ctx.staff.issueToken(tx, SYSTEM, staff.id, 'test')).token };
    });
  });
  afterEach(async () => {
    await w.close();
    await tdb.close();
  });

  const as = (token: string) => w.h.api(token);
  const report = async (reporterId: string, accountId: string, category: string) => {
    const res = await as(w.h.ctx.config.serviceToken).post('/v1/reports', { reporterId, accountId, category, text: `reported by ${reporterId}`, evidence: [] });
    expect(res.status).toBe(202);
    return res.body as { caseId: number };
  };
  const act = async (body: Record<string, unknown>) => {
    const res = await as(w.crew.lead.token).post('/v1/actions', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.action.state).toBe('executed');
    return res.body.action.id as string;
  };
  /** batch what waits, then deliver everything due: the workers' two steps */
  const send = async (ctx: AppContext = w.h.ctx) => {
    await ctx.transaction((tx) => ctx.statements.flush(tx));
    return drainOutbox(createDispatcher(ctx));
  };
  const statementOf = async (actionId: string) => (await w.h.ctx.statements.get(w.h.ctx.db, actionId))!;

  it('every executed restriction yields exactly one statement the database accepts, across its outage, a lost answer and a Warden restart', async () => {
    const { caseId } = await report('rep_a', 'acct_0001', 'harassment');
    await report('rep_b', 'acct_0001', 'hate');
    tdb.fault('503');
    const restrictions = [
      await act({ kind: 'suspend', targetId: 'acct_0001', caseId, reasonCode: 'harassment', justification: 'abusive replies to @user2 for days', durationMs: 7 * DAY }),
      await act({ kind: 'limit', targetId: 'acct_0002', reasonCode: 'spam', justification: 'bulk replies' }),
      await act({ kind: 'lock', targetId: 'acct_0003', reasonCode: 'compromised_account', justification: 'logins from a botnet' }),
      await act({ kind: 'deactivate', targetId: 'acct_0004', reasonCode: 'spam', justification: 'a bot network account' }),
    ];
    // a warning restricts nothing, a restore lifts a restriction: neither is a statement of a restriction
    const warn = await act({ kind: 'warn', targetId: 'acct_0005', reasonCode: 'spam', justification: 'first time' });
    const restore = await act({ kind: 'restore', targetId: 'acct_0002', reasonCode: 'error_correction', justification: 'wrong account' });
    for (const id of [warn, restore]) expect(await w.h.ctx.statements.get(w.h.ctx.db, id)).toBeNull();
    for (const id of restrictions) expect((await statementOf(id)).state).toBe('pending');

    // the database is down for minutes: the batch is retried with backoff, nothing is lost
    for (let minute = 0; minute < 4; minute++) {
      await send();
      w.clock.advance(60_000);
    }
    expect(tdb.held.size).toBe(0);
    const [row] = await w.h.ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'statement').execute();
    expect(row!.state).toBe('pending');
    expect(row!.attempts).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(row!.payload).statements).toHaveLength(4);

    // it comes back and takes the batch, but its answer is lost
    tdb.fault('lose-answer');
    w.clock.advance(10 * 60_000);
    await send();
    expect(tdb.held.size).toBe(4);
    for (const id of restrictions) expect((await statementOf(id)).state).toBe('queued');

    // Warden restarts (a second process on the same store); the resend is told the puids are held: delivered, once
    tdb.fault('none');
    const again = await w.h.reopen();
    w.clock.advance(10 * 60_000);
    await send(again);
    expect(tdb.held.size).toBe(4);
    for (const id of restrictions) {
      const s = await statementOf(id);
      expect(s.state).toBe('delivered');
      expect(s.tdbUuid).toBe(tdb.held.get(id)!.uuid);
      // the database holds exactly what Warden recorded, and its rules accept it
      expect(tdb.held.get(id)!.statement).toEqual(s.body);
      expect(validateStatement(s.body as unknown as Record<string, unknown>)).toEqual({});
    }
    expect(tdb.posts.filter((s) => s === 201)).toHaveLength(0);
    const delivered = await w.h.ctx.audit.list(w.h.ctx.db, { subjectType: 'statement_batch', subjectId: row!.idempotency_key });
    expect(delivered.filter((e) => e.action === 'statement.delivered')).toHaveLength(1);

    // a new restriction goes out in the next batch, answered 201
    const later = await act({ kind: 'suspend', targetId: 'acct_0006', reasonCode: 'spam', justification: 'a spam wave', durationMs: DAY });
    await send();
    expect(tdb.posts.at(-1)).toBe(201);
    expect((await statementOf(later)).state).toBe('delivered');
    expect(tdb.held.size).toBe(5);
  });

  it('derives each field from the record: effect and end date, ground, category, source, automation', async () => {
    const { caseId } = await report('rep_a', 'acct_0001', 'harassment');
    await report('rep_b', 'acct_0001', 'violent_threat');
    const suspend = await act({ kind: 'suspend', targetId: 'acct_0001', caseId, reasonCode: 'violent_threat', justification: 'threats against a named person', durationMs: 7 * DAY });
    const s = (await statementOf(suspend)).body;
    const executed = (await w.h.ctx.actions.get(w.h.ctx.db, suspend)).executedAt!;
    expect(s).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      end_date_account_restriction: dsaDate(executed + 7 * DAY),
      application_date: dsaDate(executed),
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_illegal: 'Yes',
      // the gravest report category first, the others beside it, with their keywords
      category: 'STATEMENT_CATEGORY_VIOLENCE',
      category_addition: ['STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'],
      category_specification: ['KEYWORD_INCITEMENT_VIOLENCE_HATRED', 'KEYWORD_ONLINE_BULLYING_INTIMIDATION'],
      source_type: 'SOURCE_ARTICLE_16',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      puid: suspend,
    });
    expect(s.decision_facts).toContain('2 notices by users of the service');

    // staff acting without a report: the provider's own initiative; a termination has no end
    const deactivate = await act({ kind: 'deactivate', targetId: 'acct_0002', reasonCode: 'spam', justification: 'a bot network account' });
    expect((await statementOf(deactivate)).body).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_TERMINATED',
      end_date_account_restriction: null,
      source_type: 'SOURCE_VOLUNTARY',
      category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
    });

    // Warden's own suggestion (its strike count), approved by a person: detected automatically, decided partly so
    const strikeAt = w.h.ctx.config.strikes.suggestSuspensionAt;
    for (let i = 0; i < strikeAt; i++) {
      await act({ kind: 'warn', targetId: 'acct_0003', reasonCode: 'spam', justification: `spam ${i}`, strike: { expiresInDays: 90 } });
    }
    const suggested = await w.h.ctx.db.selectFrom('actions').select('id').where('proposer_kind', '=', 'system').where('target_id', '=', 'acct_0003').executeTakeFirstOrThrow();
    const approved = await as(w.crew.lead.token).post(`/v1/actions/${suggested.id}/approve`, { comment: 'agreed' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await w.h.ctx.actions.get(w.h.ctx.db, suggested.id)).state).toBe('executed');
    expect((await statementOf(suggested.id)).body).toMatchObject({
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_PARTIALLY',
      source_type: 'SOURCE_VOLUNTARY',
    });

    await send();
    for (const id of [suspend, deactivate, suggested.id]) expect((await statementOf(id)).state).toBe('delivered');
  });

  it('the ground of a reason code changes only with a second admin’s approval, and the next statement gives it', async () => {
    const ground = {
      kind: 'set_decision_ground',
      targetId: 'spam',
      reasonCode: 'policy_maintenance',
      justification: 'spam waves break the law on unsolicited messages here',
      decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT',
      groundReference: 'Directive 2002/58/EC, Art. 13 (unsolicited communications)',
      groundExplanation: 'Bulk unsolicited commercial messages sent without consent.',
    };
    const proposed = await as(w.crew.admin.token).post('/v1/actions', ground);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.action.state).toBe('awaiting_approval');
    const id = proposed.body.action.id as string;
    expect((await as(w.crew.admin.token).post(`/v1/actions/${id}/approve`, { comment: 'mine' })).status).toBe(403);
    expect((await as(w.crew.lead.token).post(`/v1/actions/${id}/approve`, { comment: 'fine' })).status).toBe(403);
    for (const who of [w.crew.lead, w.crew.agent]) expect((await as(who.token).post('/v1/actions', ground)).status).toBe(403);
    // until then, statements keep the shipped ground
    const before = await act({ kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam', justification: 'bulk replies' });
    expect((await statementOf(before)).body.decision_ground).toBe('DECISION_GROUND_INCOMPATIBLE_CONTENT');

    const approved = await as(admin2.token).post(`/v1/actions/${id}/approve`, { comment: 'right' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await w.h.ctx.actions.get(w.h.ctx.db, id)).state).toBe('executed');
    const after = await act({ kind: 'limit', targetId: 'acct_0002', reasonCode: 'spam', justification: 'bulk replies' });
    const s = (await statementOf(after)).body;
    expect(s).toMatchObject({
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: ground.groundReference,
      illegal_content_explanation: ground.groundExplanation,
    });
    expect(s).not.toHaveProperty('incompatible_content_ground');
    await send();
    expect((await statementOf(after)).state).toBe('delivered');

    // bad input names its field and changes nothing
    for (const [over, field] of [
      [{ targetId: 'not_a_reason' }, 'targetId'],
      [{ groundReference: 'x'.repeat(501) }, 'groundReference'],
      [{ decisionGround: 'DECISION_GROUND_FEELINGS' }, 'decisionGround'],
    ] as const) {
      const res = await as(w.crew.admin.token).post('/v1/actions', { ...ground, ...over });
      expect(res.status).toBe(400);
      expect((res.body.error.fields as { path: string }[]).map((f) => f.path)).toContain(field);
    }
  });

  it('a statement refused for good raises an alert naming the field; the rest of its batch is delivered', async () => {
    const good = await act({ kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam', justification: 'bulk replies' });
    const bad = await act({ kind: 'limit', targetId: 'acct_0002', reasonCode: 'spam', justification: 'bulk replies' });
    // as a statement would read had Warden's vocabulary drifted from the database's
    const body = { ...(await statementOf(bad)).body, decision_ground: 'DECISION_GROUND_UNKNOWN' };
    await w.h.ctx.db.updateTable('statements').set({ body: JSON.stringify(body) as never }).where('action_id', '=', bad).execute();
    await send();
    expect((await statementOf(good)).state).toBe('delivered');
    const refused = await statementOf(bad);
    expect(refused.state).toBe('refused');
    expect(Object.keys(refused.refused!)).toEqual(['decision_ground']);
    const alerts = await w.h.ctx.alerts.list(w.h.ctx.db);
    const alert = alerts.find((a) => a.kind === 'statement_refused');
    expect(alert?.subject).toEqual({ type: 'action', id: bad });
    expect(alert?.summary).toContain('decision_ground');
    expect(tdb.held.has(bad)).toBe(false);
  });

  it('a wrong token is refused for good: the batch is given up on with an alert, nothing is half-sent', async () => {
    await w.close();
    w = await makeWorld(kind, { accounts: 3, config: dsaConfig(tdb, 'X|not-the-token') });
    const id = await act({ kind: 'lock', targetId: 'acct_0001', reasonCode: 'compromised_account', justification: 'logins from a botnet' });
    await send();
    expect((await statementOf(id)).state).toBe('failed');
    const alert = (await w.h.ctx.alerts.list(w.h.ctx.db)).find((a) => a.kind === 'delivery_failed' && a.subject.type === 'statement_batch');
    expect(alert?.summary).toMatch(/401/);
    expect(tdb.held.size).toBe(0);
  });

  it('carries the verifying audit inclusion proof of its decision, and nothing personal', async () => {
    const { caseId } = await report('rep_a', 'acct_0001', 'harassment');
    const id = await act({ kind: 'suspend', targetId: 'acct_0001', caseId, reasonCode: 'harassment', justification: 'abusive replies to @user2, see rep_a', durationMs: DAY });
    await send();
    const res = await as(w.crew.auditor.token).get(`/v1/statements/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ actionId: id, state: 'delivered', tdbUuid: tdb.held.get(id)!.uuid, sending: true });
    const p = res.body.proof;
    expect(p.entry.action).toBe('action.executed');
    expect(p.entry.subject).toEqual({ type: 'action', id });
    const leaf = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(p.canonical, 'utf8')])).digest('hex');
    expect(leaf).toBe(p.leafHash);
    expect(checkInclusion(p.leafHash, p.seq, p.treeSize, p.proof, p.rootHash).ok).toBe(true);
    // a tampered proof does not verify
    expect(checkInclusion(p.leafHash, p.seq, p.treeSize, p.proof.map((h: string, i: number) => (i === 0 ? h.replace(/^./, h[0] === '0' ? '1' : '0') : h)), p.rootHash).ok).toBe(p.proof.length === 0);

    const sent = JSON.stringify(tdb.held.get(id)!.statement);
    for (const personal of ['acct_0001', 'user1', 'User 1', 'user2', 'rep_a', 'stf_lead', 'lead@warden.test', 'abusive replies']) expect(sent).not.toContain(personal);
    expect(Object.keys(tdb.held.get(id)!.statement)).not.toContain('source_identity');

    expect((await as(w.crew.agent.token).get(`/v1/statements/${id}`)).status).toBe(403);
    expect((await as(w.crew.auditor.token).get('/v1/statements/act_nothing')).status).toBe(404);
    const listed = await as(w.crew.lead.token).get('/v1/statements?state=delivered');
    expect(listed.body.statements.map((s: { actionId: string }) => s.actionId)).toEqual([id]);
  });

  it('without a configured database, statements are recorded, not sent, and /readyz says so', async () => {
    await w.close();
    w = await makeWorld(kind, { accounts: 3, config: dsaConfig(null) });
    const id = await act({ kind: 'lock', targetId: 'acct_0001', reasonCode: 'compromised_account', justification: 'logins from a botnet' });
    expect(await w.h.ctx.transaction((tx) => w.h.ctx.statements.flush(tx))).toEqual([]);
    expect((await statementOf(id)).state).toBe('pending');
    const ready = await fetch(`${w.h.server.url}/readyz`).then((r) => r.json());
    expect(ready.statements).toMatch(/recorded, not sent/);
    const body: DsaStatement = (await statementOf(id)).body;
    expect(validateStatement(body as unknown as Record<string, unknown>)).toEqual({});
  });
});

describe('the receiver holds statements to the database’s rules', () => {
  const valid = (): Record<string, unknown> => ({
    decision_account: 'DECISION_ACCOUNT_SUSPENDED',
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: 'terms',
    incompatible_content_explanation: 'why',
    category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
    content_type: ['CONTENT_TYPE_TEXT'],
    territorial_scope: ['DE'],
    content_date: '2024-01-01',
    application_date: '2024-02-01',
    decision_facts: 'facts',
    source_type: 'SOURCE_VOLUNTARY',
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    puid: 'act_1',
  });

  it('names each field it refuses', () => {
    expect(validateStatement(valid())).toEqual({});
    const cases: [Record<string, unknown>, string][] = [
      [{ decision_account: undefined }, 'decision_visibility'],
      [{ decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT' }, 'illegal_content_legal_ground'],
      [{ content_type: ['CONTENT_TYPE_OTHER'] }, 'content_type_other'],
      [{ automated_decision: 'Yes' }, 'automated_decision'],
      [{ territorial_scope: ['US'] }, 'territorial_scope'],
      [{ application_date: '2024-2-1' }, 'application_date'],
      [{ end_date_account_restriction: '2023-01-01' }, 'end_date_account_restriction'],
      [{ puid: 'act 1/x' }, 'puid'],
      [{ decision_facts: 'x'.repeat(5001) }, 'decision_facts'],
      [{ handle: '@someone' }, 'handle'],
    ];
    for (const [over, field] of cases) expect(Object.keys(validateStatement({ ...valid(), ...over })), field).toContain(field);
  });

  it('takes a batch all or nothing, refuses a held puid with 422, and a wrong token with 401', async () => {
    const tdb = await startTransparencyDb();
    try {
      const post = (body: unknown, token = tdb.token) =>
        fetch(`${tdb.url}/api/v1/statements`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ statements: [valid()] }, 'nope')).status).toBe(401);
      const mixed = await post({ statements: [{ ...valid(), puid: 'a' }, { ...valid(), puid: 'b', category: 'X' }] });
      expect(mixed.status).toBe(422);
      expect((await mixed.json()).errors).toEqual({ statement_1: { category: ['The selected category is invalid.'] } });
      expect(tdb.held.size).toBe(0);
      expect((await post({ statements: [{ ...valid(), puid: 'a' }] })).status).toBe(201);
      const again = await post({ statements: [{ ...valid(), puid: 'a' }, { ...valid(), puid: 'c' }] });
      expect(again.status).toBe(422);
      expect((await again.json()).errors.existing_puids).toEqual(['a']);
      expect([...tdb.held.keys()]).toEqual(['a']);
      expect((await post({ statements: Array.from({ length: 101 }, (_, i) => ({ ...valid(), puid: `p${i}` })) })).status).toBe(422);
    } finally {
      await tdb.close();
    }
  });
});
