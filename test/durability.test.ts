/**
 * Nothing acknowledged is lost: a Warden process takes reports over HTTP and is
 * killed with SIGKILL while requests are still arriving; every report it had
 * answered 202 for is in the store when it is opened again, folded into its
 * case, with the audit chain intact.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, testPostgresUrl } from '../src/test-config.js';
import { AppContext } from '../src/context.js';
import { dropPostgresSchema } from '../src/db/database.js';
import { type WardenChild, spawnWarden } from './support/child.js';
import { seedAccounts } from './support/seed.js';

interface Store {
  url: string;
  schema?: string;
  open(): Promise<AppContext>;
  drop(): Promise<void>;
}

function sqliteStore(): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-durable-'));
  const url = path.join(dir, 'warden.db');
  return {
    url,
    open: () => AppContext.create(testConfig(url), { logger: pino({ level: 'silent' }) }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresStore(): Store {
  const url = testPostgresUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    url,
    schema,
    open: () => AppContext.create(testConfig(url), { schema, logger: pino({ level: 'silent' }) }),
    drop: () => dropPostgresSchema(url, schema),
  };
}

interface Ack {
  reportId: number;
  caseId: number;
  reporterId: string;
  accountId: string;
  category: string;
}

const CATEGORIES = ['spam', 'harassment', 'hate', 'impersonation', 'misinformation', 'other'];

/**
 * Keeps `senders` clients posting reports (single and batched) until the
 * process dies; returns every acknowledged report. Once `target` reports are
 * acknowledged, `onTarget` runs (it kills the process) while requests are in
 * flight. A request answered with anything but 202 is not acknowledged: it is
 * counted in `refused` and the client goes on (concurrency errors are covered
 * by claims-concurrency.test.ts; here only what was acknowledged matters).
 */
async function flood(child: WardenChild, token: string, target: number, onTarget: () => void, senders = 16): Promise<{ acks: Ack[]; refused: string[] }> {
  const acks: Ack[] = [];
  const refused: string[] = [];
  let fired = false;
  let dead = false;
  let n = 0;
  const post = (p: string, body: unknown) =>
    fetch(child.url + p, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const one = () => {
    const i = n++;
    return { reporterId: `dur_${i}`, accountId: `acct_${String(i % 50).padStart(4, '0')}`, category: CATEGORIES[i % CATEGORIES.length]!, text: `report ${i}`, evidence: [`https://example.test/p/${i}`] };
  };
  const sender = async (s: number) => {
    while (!dead) {
      try {
        if (s % 4 === 0) {
          const reports = Array.from({ length: 25 }, one);
          const res = await post('/v1/reports/batch', { reports });
          if (res.status === 202) {
            const { results } = (await res.json()) as { results: { reportId: number; caseId: number }[] };
            results.forEach((r, k) => acks.push({ ...r, reporterId: reports[k]!.reporterId, accountId: reports[k]!.accountId, category: reports[k]!.category }));
          } else refused.push(`batch ${res.status} ${await res.text()}`);
        } else {
          const report = one();
          const res = await post('/v1/reports', report);
          if (res.status === 202) {
            const r = (await res.json()) as { reportId: number; caseId: number };
            acks.push({ reportId: r.reportId, caseId: r.caseId, reporterId: report.reporterId, accountId: report.accountId, category: report.category });
          } else refused.push(`single ${res.status} ${await res.text()}`);
        }
      } catch (err) {
        // after the kill a refused or reset connection is expected; before it, the process must be up
        if (fired) {
          dead = true;
          return;
        }
        throw new Error(`request failed before the kill: ${String(err)}\nserver log:\n${child.stderr().slice(-4000)}`);
      }
      if (refused.length > 1000) throw new Error(`the server refused ${refused.length} requests, e.g. ${refused[0]}`);
      if (!fired && acks.length >= target) {
        fired = true;
        onTarget();
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, (_, s) => sender(s)));
  return { acks, refused };
}

describe.each([
  ['sqlite', sqliteStore],
  ['postgres', postgresStore],
] as const)('kill -9 on %s', (_kind, makeStore) => {
  let store: Store | undefined;
  let child: WardenChild | undefined;

  afterEach(async () => {
    await child?.kill9();
    await store?.drop();
    child = undefined;
    store = undefined;
  });

  it('loses no acknowledged report', async () => {
    store = makeStore();
    {
      const ctx = await store.open();
      await seedAccounts(ctx, 50);
      await ctx.close();
    }
    const token = testConfig(store.url).serviceToken;
    child = await spawnWarden(store.url, store.schema, 120_000);
    const running = child;
    const { acks } = await flood(running, token, 600, () => running.proc.kill('SIGKILL'));
    const exit = await running.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(600);
    expect(new Set(acks.map((a) => a.reportId)).size).toBe(acks.length);

    const ctx = await store.open();
    try {
      const ids = acks.map((a) => a.reportId);
      const stored = new Map<number, { reporter_id: string; account_id: string; category: string; case_id: number }>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await ctx.db.selectFrom('reports').select(['id', 'reporter_id', 'account_id', 'category', 'case_id']).where('id', 'in', ids.slice(i, i + 500)).execute();
        for (const { id, ...r } of rows) stored.set(Number(id), { ...r, case_id: Number(r.case_id) });
      }
      const missing = acks.filter((a) => !stored.has(a.reportId));
      expect(missing, `${missing.length} of ${acks.length} acknowledged reports lost`).toEqual([]);
      for (const a of acks) {
        expect(stored.get(a.reportId)).toEqual({ reporter_id: a.reporterId, account_id: a.accountId, category: a.category, case_id: a.caseId });
      }

      // each report committed with its fold: every case counts exactly the reports that point at it
      const counts = await ctx.db
        .selectFrom('reports')
        .select(['case_id', (eb) => eb.fn.countAll().as('n')])
        .groupBy('case_id')
        .execute();
      const cases = await ctx.db.selectFrom('cases').select(['id', 'report_count']).execute();
      expect(cases.map((c) => [Number(c.id), Number(c.report_count)]).sort((x, y) => x[0]! - y[0]!)).toEqual(
        counts.map((c) => [Number(c.case_id), Number(c.n)]).sort((x, y) => x[0]! - y[0]!),
      );
      expect((await ctx.audit.verifyChain(ctx.db)).problems).toEqual([]);

      // and the store takes work again
      const [again] = await ctx.transaction((tx) => ctx.intake.submit(tx, { kind: 'service', id: 'platform' }, [{ reporterId: 'after', accountId: 'acct_0001', category: 'spam', text: '', evidence: [] }]));
      expect(again!.reportId).toBeGreaterThan(Math.max(...ids));
    } finally {
      await ctx.close();
    }
  }, 300_000);
});
