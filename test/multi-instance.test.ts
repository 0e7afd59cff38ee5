/**
 * Several Warden processes on one store, each a real child process with all
 * its workers, against the reference platform (issue 11, item 7, and its
 * Done-means): 3 processes on one PostgreSQL schema, 2 on one SQLite file.
 * Under mixed load — reports, claims, proposals, approvals, executions,
 * scheduled actions, suspensions ending, contractors' access ending, changes
 * made on the platform behind Warden's back — and with the scheduler's holder
 * shut down half-way:
 *
 * - no case is claimed by two people at once;
 * - no action executes twice; the platform applies each outbox key once;
 * - every sweep (access ends, case leases, tree heads, drifts) is done once,
 *   and each lease's terms never overlap: one holder at a time;
 * - the audit log verifies.
 *
 * Also: processes starting together on an empty store seed the demo once.
 * A long suite: about 2 minutes per store on this machine (child processes
 * take 10–40 s to start when it is busy; the load itself runs 30 s).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { auditServices } from '../src/audit/index.js';
import { TreeHeadSigner } from '../src/audit/signer.js';
import { ManualClock } from '../src/clock.js';
import { type Config } from '../src/config.js';
import { testConfig, testPostgresUrl } from '../src/test-config.js';
import { AppContext } from '../src/context.js';
import { dropPostgresSchema } from '../src/db/database.js';
import { PLATFORM_WEBHOOK_PATH } from '../src/http/routes/tripwires.js';
import type { PlatformActionResult } from '../src/platform/adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { type WardenChild, spawnWarden } from './support/child.js';
import { seedAccounts, seedCrew } from './support/seed.js';

const LOAD_MS = 30_000;
const JUST = 'coordinated harassment campaign, see case notes';

interface Store {
  url: string;
  schema?: string;
  dir: string;
  drop(): Promise<void>;
}

function makeStore(kind: 'sqlite' | 'postgres'): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-multi-'));
  if (kind === 'sqlite') return { url: path.join(dir, 'warden.db'), dir, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  const url = testPostgresUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    url,
    schema,
    dir,
    drop: async () => {
      await dropPostgresSchema(url, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const open = (store: Store, config: Config, clock?: ManualClock) =>
  AppContext.create(config, { schema: store.schema, logger: pino({ level: 'silent' }), ...(clock ? { clock } : {}) });

describe.each([
  ['postgres', 3],
  ['sqlite', 2],
] as const)('%s: %i Warden processes on one store', (kind, processes) => {
  let store: Store | undefined;
  let children: WardenChild[] = [];
  let platform: RunningReferencePlatform | undefined;

  afterEach(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await platform?.close();
    await store?.drop();
    children = [];
    platform = undefined;
    store = undefined;
  });

  it('processes starting together on an empty store seed the demo once', async () => {
    store = makeStore(kind);
    const s = store;
    // every process opened the store and is about to seed: then all go at once
    const gate = path.join(s.dir, 'seed-gate');
    const starting = Promise.all(Array.from({ length: processes }, () => spawnWarden(s.url, s.schema, 120_000, { seedDemo: 100, seedGate: gate })));
    const waiting = () => fs.readdirSync(s.dir).filter((f) => f.startsWith('seed-gate.')).length;
    const openGate = (async () => {
      while (waiting() < processes) await sleep(20);
      fs.writeFileSync(gate, '');
    })();
    children = await Promise.race([starting, openGate.then(() => starting)]);
    expect(children.filter((c) => c.seeded).length).toBe(1);
    const ctx = await open(s, testConfig(s.url));
    try {
      expect(await ctx.db.selectFrom('staff').select('id').execute()).toHaveLength(8);
      expect(await ctx.db.selectFrom('accounts').select('id').execute()).toHaveLength(100);
      expect(await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'policy.activated').execute()).toHaveLength(1);
      // everyone can sign in: the credentials were seeded once, with the rest
      expect(await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'staff.password_set').execute()).toHaveLength(8);
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('shares the work under mixed load: nothing claimed, executed, delivered or swept twice, one worker at a time', async () => {
    store = makeStore(kind);
    const s = store;
    const adminToken = `multi-admin-${randomBytes(8).toString('hex')}`;
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    platform = await startReferencePlatform({ port: 0, dbPath: path.join(s.dir, 'platform.db'), adminToken, webhookSecret, webhookRetry: { baseDelayMs: 50, maxAttempts: 5 } });
    const plat = platform;
    // every call the platform gets, by key: how often it was sent, how often applied
    const sends = new Map<string, { sent: number; applied: number }>();
    const applyAction = plat.store.applyAction.bind(plat.store);
    plat.store.applyAction = (req, key, now): PlatformActionResult => {
      const r = applyAction(req, key, now);
      const c = sends.get(key) ?? { sent: 0, applied: 0 };
      c.sent++;
      if (r.applied) c.applied++;
      sends.set(key, c);
      return r;
    };

    const base = testConfig(s.url);
    const signingKeyPath = path.join(s.dir, 'audit-signing-key.pem');
    TreeHeadSigner.loadOrCreate(signingKeyPath, () => {});
    const config: Partial<Config> = {
      platform: { url: plat.url, adminToken, webhookSecret, embedded: false, port: 0, dbPath: ':memory:', timeoutMs: base.platform.timeoutMs },
      scheduler: { intervalMs: 250 },
      workers: { leaseMs: 3_000 },
      queues: { leaseMs: 4_000, reapIntervalMs: 500 },
      delivery: { ...base.delivery, intervalMs: 200, baseMs: 200, maxMs: 2_000, maxAttempts: 40 },
      audit: { ...base.audit, signingKeyPath, treeHeadIntervalMs: 1_000 },
      tripwires: { ...base.tripwires, reconcileIntervalMs: 2_000 },
    };

    // the store before the processes start: staff and accounts on both sides
    const setupStarted = Date.now();
    let crew: Awaited<ReturnType<typeof seedCrew>>;
    {
      const ctx = await open(s, testConfig(s.url, config));
      crew = await seedCrew(ctx);
      const accounts = await seedAccounts(ctx, 40);
      plat.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), Date.now());
      for (const a of accounts) await ctx.db.updateTable('accounts').set({ platform_version: plat.store.getAccount(a.id)!.version }).where('id', '=', a.id).execute();
      await ctx.close();
    }
    // the processes start together
    children = await Promise.all(Array.from({ length: processes }, () => spawnWarden(s.url, s.schema, 120_000, { workers: true, config })));
    for (const c of children) plat.webhooks.subscribe(c.url + PLATFORM_WEBHOOK_PATH);

    // work that comes due during the run
    const t0 = Date.now();
    const clock = new ManualClock(t0);
    const contractors: { id: string; token: string }[] = [];
    const endingSuspensions: string[] = [];
    {
      const ctx = await open(s, testConfig(s.url, config), clock);
      // contractors whose access ends during the run, each with a scheduled proposal and a claimed case
      for (let i = 0; i < 6; i++) {
        const id = `stf_ctr${i}`;
        const token = await ctx.transaction(async (tx) => {
          await ctx.staff.seed(tx, { id, name: id, email: `${id}@warden.test`, role: 'agent', employment: 'contractor', accessFrom: t0 - 86_400_000, accessUntil: t0 + 6_000 + 3_000 * i });
          return (await ctx.staff.issueToken(tx, SYSTEM, id, 'test')).token;
        });
        contractors.push({ id, token });
        const staff = await ctx.staff.get(ctx.db, id);
        await ctx.transaction((tx) => ctx.actions.propose(tx, staff, { kind: 'limit', targetId: `acct_00${20 + i}`, reasonCode: 'spam', justification: '', scheduledFor: t0 + 3_600_000 }));
        await ctx.transaction((tx) => ctx.intake.submit(tx, { kind: 'service', id: 'platform' }, [{ reporterId: `seed_${i}`, accountId: `acct_00${20 + i}`, category: 'spam', text: '', evidence: [] }]));
        await ctx.transaction((tx) => ctx.cases.claimNext(tx, staff));
      }
      // one-minute suspensions (the shortest the API allows) that began a minute ago, ending 5–22 s into the run
      for (let i = 0; i < 8; i++) {
        clock.set(t0 - 60_000 + 5_000 + 2_500 * i);
        const a = await ctx.transaction((tx) => ctx.actions.propose(tx, crew.lead.staff, { kind: 'suspend', targetId: `acct_00${30 + i}`, reasonCode: 'harassment', justification: JUST, durationMs: 60_000 }));
        expect(a.state).toBe('executed');
        endingSuspensions.push(a.id);
      }
      await ctx.close();
    }
    const loadStarted = Date.now();
    const holders = new Set(children.map((c) => c.holder));
    let live = [...children];
    const pick = () => live[Math.floor(Math.random() * live.length)]!;

    const ops = new Map<string, number>();
    const failures: string[] = [];
    const count = (what: string) => ops.set(what, (ops.get(what) ?? 0) + 1);
    const call = async (token: string, method: string, p: string, body?: unknown, ok: number[] = [200, 201, 202]) => {
      const target = pick();
      let res: Response;
      try {
        res = await fetch(target.url + p, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        // a process being shut down may cut the request it was answering; anything else is a failure
        if (!live.includes(target)) return { status: 0, body: null as any };
        throw err;
      }
      const text = await res.text();
      const parsed = text ? JSON.parse(text) : null;
      if (!ok.includes(res.status)) failures.push(`${res.status} ${method} ${p}: ${text.slice(0, 300)}`);
      return { status: res.status, body: parsed as any };
    };
    const deadline = Date.now() + LOAD_MS;
    const loop = async (step: (i: number) => Promise<void>) => {
      for (let i = 0; Date.now() < deadline; i++) await step(i);
    };
    const rand = (n: number) => Math.floor(Math.random() * n);
    const acct = (n: number) => `acct_${String(n).padStart(4, '0')}`;

    const reporter = (r: number) =>
      loop(async (i) => {
        const res = await call(base.serviceToken, 'POST', '/v1/reports', { reporterId: `u${r}_${i % 40}`, accountId: acct(rand(20)), category: 'spam', text: `report ${i}`, evidence: [] });
        if (res.status === 202) count('report');
      });
    const caseWorker = (m: { token: string }, accessUntil = Infinity) =>
      loop(async (i) => {
        // a contractor works until their window closes; from then on every request of theirs is refused
        const now = Date.now();
        const ended = now >= accessUntil + 1_500;
        const claimed = await call(m.token, 'POST', '/v1/cases/claim', {}, ended ? [401] : now < accessUntil - 500 ? [200] : [200, 401]);
        if (claimed.status !== 200 || !claimed.body.case) return void (await sleep(ended ? 1_000 : 100));
        count('claim');
        const id = claimed.body.case.id;
        // most are resolved, some given back, some left for their lease to run out
        const ok = accessUntil === Infinity ? [200, 409] : [200, 401, 409];
        if (i % 4 < 2) {
          if ((await call(m.token, 'POST', `/v1/cases/${id}/resolve`, { resolution: 'no_violation' }, ok)).status === 200) count('resolve');
        } else if (i % 4 === 2) {
          if ((await call(m.token, 'POST', `/v1/cases/${id}/release`, {}, ok)).status === 200) count('release');
        }
      });
    const enforcer = (m: { token: string }, second: { token: string } | null, offset: number) =>
      loop(async (i) => {
        const target = acct(offset + (i % 10));
        switch (second ? i % 4 : i % 3) {
          case 0: {
            const r = await call(m.token, 'POST', '/v1/actions', { kind: 'suspend', targetId: target, reasonCode: 'harassment', justification: JUST, durationMs: 3_600_000 }, [201, 403]);
            if (r.status === 201) count('execute');
            break;
          }
          case 1: {
            const r = await call(m.token, 'POST', '/v1/actions', { kind: 'restore', targetId: target, reasonCode: 'error_correction', justification: 'undo the earlier step' }, [201, 400, 403]);
            if (r.status === 201) count('execute');
            break;
          }
          case 2: {
            // scheduled: the scheduler of whichever process holds its lease executes it
            const r = await call(m.token, 'POST', '/v1/actions', { kind: 'limit', targetId: target, reasonCode: 'spam', justification: '', scheduledFor: Date.now() + 1_500 }, [201, 403]);
            if (r.status === 201) count('schedule');
            break;
          }
          default: {
            // needs a second person: proposed on one process, approved on another
            if (!second) break;
            const p = await call(m.token, 'POST', '/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'compromised_account', justification: 'credentials leaked publicly' }, [201, 403]);
            if (p.status !== 201) break;
            count('propose');
            const a = await call(second.token, 'POST', `/v1/actions/${p.body.action.id}/approve`, { comment: 'ok' }, [200, 403, 409]);
            if (a.status === 200) count('approve');
            if (a.body?.action?.state === 'executed') count('execute');
            const undo = await call(m.token, 'POST', '/v1/actions', { kind: 'restore', targetId: 'acct_press', reasonCode: 'error_correction', justification: 'undo the lock' }, [201, 400, 403]);
            if (undo.status === 201) {
              count('propose');
              const b = await call(second.token, 'POST', `/v1/actions/${undo.body.action.id}/approve`, { comment: 'ok' }, [200, 403, 409]);
              if (b.status === 200) count('approve');
              if (b.body?.action?.state !== 'executed' && b.status === 200) {
                const e = await call(m.token, 'POST', `/v1/actions/${undo.body.action.id}/execute`, {}, [200, 409]);
                if (e.status === 200) count('execute');
              }
            }
          }
        }
      });
    // changes made on the platform behind Warden's back: every process hears of them (webhooks, reconciliation)
    const intruder = loop(async () => {
      await sleep(4_000);
      plat.store.directChange('acct_vip', { status: 'deactivated' }, Date.now());
      count('drift');
    });
    // half-way, the process that holds the scheduler's lease shuts down: another takes the work over
    const handover = (async () => {
      await sleep(LOAD_MS / 2);
      const probe = await open(s, testConfig(s.url, config));
      const lease = await probe.db.selectFrom('worker_leases').selectAll().where('name', '=', 'scheduler').executeTakeFirst();
      await probe.close();
      const holder = children.find((c) => c.holder === lease?.holder);
      if (!holder) return null;
      live = live.filter((c) => c !== holder);
      await holder.stop();
      return holder.holder;
    })();

    await Promise.all([
      reporter(0),
      reporter(1),
      caseWorker(crew.agent),
      caseWorker(crew.lead2),
      caseWorker(contractors[0]!, t0 + 6_000),
      enforcer(crew.lead, crew.lead2, 0),
      // one enforcer only works the protected account: its lock always needs the second person
      enforcer(crew.admin, null, 10),
      intruder,
    ]);
    const stoppedHolder = await handover;

    // quiet: every suspension that ended is restored, and the outbox is empty
    const check = await open(s, testConfig(s.url, config));
    try {
      const settleBy = Date.now() + 30_000;
      for (;;) {
        const pending = await check.db.selectFrom('outbox').select('id').where('state', '=', 'pending').execute();
        const due = await check.db.selectFrom('actions').select('id').where('state', 'in', ['scheduled', 'approved']).where('scheduled_for', '<=', Date.now()).execute();
        if (pending.length === 0 && due.length === 0) break;
        if (Date.now() > settleBy) throw new Error(`not settled: ${pending.length} outbox rows pending, ${due.length} actions due`);
        await sleep(250);
      }
      const settled = Date.now();
      await Promise.all(live.map((c) => c.stop()));
      live = [];
      const db = check.db;
      expect(failures).toEqual([]);

      // no double claim: per case, a claim only while nobody holds it
      const caseEvents = await db.selectFrom('audit_log').select(['subject_id', 'action', 'after']).where('subject_type', '=', 'case').orderBy('seq').execute();
      const holder = new Map<string, string | null>();
      const doubleClaims: string[] = [];
      for (const e of caseEvents) {
        const after = e.after ? (JSON.parse(e.after) as { claimedBy?: string | null }) : {};
        if (e.action === 'case.claimed') {
          if (holder.get(e.subject_id)) doubleClaims.push(`case ${e.subject_id}: claimed by ${after.claimedBy} while ${holder.get(e.subject_id)} held it`);
          holder.set(e.subject_id, after.claimedBy ?? null);
        } else if (['case.released', 'case.resolved', 'case.lease_expired', 'case.claim_voided'].includes(e.action)) holder.set(e.subject_id, null);
        else if (e.action === 'case.rerouted' && after.claimedBy === null) holder.set(e.subject_id, null);
      }
      expect(doubleClaims).toEqual([]);

      // no double execution; every executed enforcement reached the platform once
      const executed = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'action.executed').execute();
      const executedIds = executed.map((e) => e.subject_id);
      expect(new Set(executedIds).size).toBe(executedIds.length);
      const outbox = await db.selectFrom('outbox').select(['idempotency_key', 'state', 'last_error']).where('kind', '=', 'platform_action').execute();
      expect(new Set(outbox.map((o) => o.idempotency_key)).size).toBe(outbox.length);
      const notApplied = outbox.filter((o) => sends.get(o.idempotency_key)?.applied !== 1).map((o) => `${o.idempotency_key} (${o.state}, ${JSON.stringify(sends.get(o.idempotency_key) ?? null)}, ${o.last_error})`);
      expect(notApplied).toEqual([]);
      expect([...sends.values()].every((c) => c.applied <= 1)).toBe(true);
      const repeatSends = [...sends.values()].reduce((n, c) => n + c.sent - 1, 0);
      for (const id of endingSuspensions) {
        const restore = await db.selectFrom('actions').select('state').where('reverses_action_id', '=', id).executeTakeFirstOrThrow();
        expect(['executed', 'delivered']).toContain(restore.state);
      }

      // every sweep once: access ends, expired case leases, tree heads, drifts
      const ended = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'staff.access_ended').execute();
      expect(ended.map((e) => e.subject_id).sort()).toEqual(contractors.map((c) => c.id).sort());
      const expiries = await db.selectFrom('audit_log').select(['subject_id', 'before']).where('action', '=', 'case.lease_expired').execute();
      const expiryKeys = expiries.map((e) => `${e.subject_id}@${JSON.parse(e.before!).leaseUntil}`);
      expect(new Set(expiryKeys).size).toBe(expiryKeys.length);
      const heads = await db.selectFrom('audit_tree_heads').select('tree_size').execute();
      expect(new Set(heads.map((h) => h.tree_size)).size).toBe(heads.length);
      const drifts = await db.selectFrom('tripwire_drifts').select(['account_id', 'platform_version', 'state']).execute();
      const reverts = [...sends.entries()].filter(([k]) => k.startsWith('tripwire:'));
      expect(reverts.every(([, c]) => c.applied <= 1)).toBe(true);

      // one holder at a time: each lease's terms follow one another, held only by these processes
      const terms = await db.selectFrom('worker_lease_terms').selectAll().orderBy('name').orderBy('generation').execute();
      const overlaps: string[] = [];
      for (let i = 1; i < terms.length; i++) {
        const [a, b] = [terms[i - 1]!, terms[i]!];
        if (a.name === b.name && Number(b.acquired_at) < Number(a.expires_at)) overlaps.push(`${b.name}: term ${b.generation} began before term ${a.generation} ended`);
      }
      expect(overlaps).toEqual([]);
      expect(terms.every((t) => holders.has(t.holder))).toBe(true);
      const names = [...new Set(terms.map((t) => t.name))].sort();
      expect(names).toEqual(expect.arrayContaining(['lease-reaper', 'scheduler', 'tree-head-signer', 'tripwire-reconciler']));
      // the scheduler's work passed to another process when its holder shut down
      const schedulerTerms = terms.filter((t) => t.name === 'scheduler');
      expect(stoppedHolder).not.toBeNull();
      expect(schedulerTerms.some((t) => t.holder === stoppedHolder && t.released_at !== null)).toBe(true);
      expect(schedulerTerms.some((t) => t.holder !== stoppedHolder)).toBe(true);

      const verified = await auditServices(check).verifier.verify(db);
      expect(verified.problems).toEqual([]);

      const delivered = outbox.length;
      console.info(
        `${kind}: ${processes} processes, setup ${Math.round((loadStarted - setupStarted) / 1000)} s, ${LOAD_MS / 1000} s of load, ` +
          `settled ${Math.round((settled - loadStarted - LOAD_MS) / 1000)} s after; operations ${JSON.stringify(Object.fromEntries(ops))}; ` +
          `${executedIds.length} actions executed, ${delivered} platform deliveries (${repeatSends} repeat sends, 0 applied twice); ` +
          `${ended.length} access ends, ${expiries.length} case leases expired, ${heads.length} tree heads, ${drifts.length} drifts (${reverts.length} reverts); ` +
          `${terms.length} lease terms, 0 overlapping; duplicates found: 0; audit entries ${verified.headSize}, verified`,
      );
    } finally {
      await check.close();
    }
  }, 150_000);
});
