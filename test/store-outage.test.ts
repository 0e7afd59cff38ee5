/**
 * A lost PostgreSQL connection is ridden out (issue 11, item 7): a Warden
 * process under load has its backends terminated (pg_terminate_backend from
 * another connection) again and again, during requests and between them. It
 * stays up, each request in flight on a cut connection answers 503 with a
 * JSON error and no stack, the pool reconnects, and the next requests work.
 * PostgreSQL only: SQLite has no connection to lose.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { auditServices } from '../src/audit/index.js';
import { testConfig, testPostgresUrl } from '../src/test-config.js';
import { AppContext } from '../src/context.js';
import { dropPostgresSchema } from '../src/db/database.js';
import { type WardenChild, spawnWarden } from './support/child.js';
import { seedAccounts, seedCrew } from './support/seed.js';

const url = testPostgresUrl();
const schema = `t_${randomBytes(6).toString('hex')}`;

describe('PostgreSQL connections cut under load', () => {
  let child: WardenChild | undefined;
  afterAll(async () => {
    await child?.kill9();
    await dropPostgresSchema(url, schema);
  });

  it('keeps the process up: requests on a cut connection answer 503, the next ones work', async () => {
    let leadToken: string;
    {
      const ctx = await AppContext.create(testConfig(url), { schema, logger: pino({ level: 'silent' }) });
      await seedAccounts(ctx, 50);
      leadToken = (await seedCrew(ctx)).lead.token;
      await ctx.close();
    }
    const serviceToken = testConfig(url).serviceToken;
    child = await spawnWarden(url, schema, 60_000);
    const running = child;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();

    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let stop = false;
    let n = 0;
    const send = async (token: string, method: string, p: string, body?: unknown) => {
      const res = await fetch(running.url + p, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 503) {
        const parsed = JSON.parse(text) as { error?: { code?: string } };
        if (parsed.error?.code !== 'unavailable' || /\bat .+:\d+:\d+|node_modules|SELECT|INSERT/i.test(text)) bad.push(`503 body: ${text}`);
      } else if (res.status >= 300) bad.push(`${res.status} ${method} ${p}: ${text.slice(0, 300)}`);
      return res.status;
    };
    const sender = async (s: number) => {
      while (!stop) {
        const i = n++;
        const accountId = `acct_${String(i % 50).padStart(4, '0')}`;
        if (s % 3 === 2) await send(leadToken, 'GET', `/v1/accounts/${accountId}`);
        else await send(serviceToken, 'POST', '/v1/reports', { reporterId: `cut_${i}`, accountId, category: 'spam', text: `report ${i}`, evidence: [] });
      }
    };
    const senders = Array.from({ length: 8 }, (_, s) => sender(s));

    // cut every connection of the child's pool, 15 times over about 6 s
    let terminated = 0;
    for (let k = 0; k < 15; k++) {
      await sleep(400);
      const r = await admin.query<{ ok: boolean }>('select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1', [`warden:${schema}`]);
      terminated += r.rows.filter((x) => x.ok).length;
      expect(running.proc.exitCode, `the process died; stderr:\n${running.stderr().slice(-3000)}`).toBeNull();
    }
    stop = true;
    await Promise.all(senders);
    await admin.end();

    expect(running.proc.exitCode).toBeNull();
    expect(running.proc.signalCode).toBeNull();
    expect(terminated).toBeGreaterThan(15);
    expect(bad).toEqual([]);
    // recovered without a restart: the next requests work
    for (let i = 0; i < 5; i++) expect(await send(serviceToken, 'POST', '/v1/reports', { reporterId: `after_${i}`, accountId: 'acct_0001', category: 'spam', text: '', evidence: [] })).toBe(202);
    expect(await send(leadToken, 'GET', '/v1/accounts/acct_0001')).toBe(200);
    console.info(`store outage: ${terminated} backends terminated in 15 rounds; answers ${JSON.stringify(Object.fromEntries(statuses))}`);

    await running.stop();
    const ctx = await AppContext.create(testConfig(url), { schema, logger: pino({ level: 'silent' }) });
    try {
      expect((await auditServices(ctx).verifier.verify(ctx.db)).problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 90_000);
});
