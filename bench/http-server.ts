/**
 * A server for intake.http, in a process of its own so the load generator does
 * not share its event loop. Forked by bench/intake-http.ts with a store spec
 * and a mode:
 *
 *   warden  the real Warden HTTP server (`startHttp`) over the store
 *   raw     a bare Hono app on @hono/node-server: JSON body → one raw INSERT
 *           (autocommit, same durability as the store's default) → 202
 *   bare    the same bare app answering 202 without touching a store: the
 *           ceiling of HTTP alone on this machine
 *
 * IPC: sends {ready, url}; answers 'stats' with CPU time and intake group
 * sizes since the last 'stats', and 'stop' with its peak RSS and the number of
 * reports stored.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../src/context.js';
import { startHttp } from '../src/http/server.js';
import type { ReportInput } from '../src/reports/model.js';
import { seedAccounts } from './intake-batch.js';
import { type StoreSpec, openSpec, peakRssMb, rawPool, rawSqlite } from './support.js';

export type ServerMode = 'warden' | 'raw' | 'bare';

export type ServerMessage =
  | { type: 'ready'; url: string }
  | { type: 'stats'; cpuMs: number; groups: number; grouped: number }
  | { type: 'stopped'; peakRssMb: number; storedReports: number };

const spec = JSON.parse(process.argv[2]!) as StoreSpec;
const mode = process.argv[3] as ServerMode;
const send = (m: ServerMessage) => process.send!(m);

const COLUMNS = 'received_at, reporter_id, account_id, category, text, evidence, duplicate_of, case_id, source';

function rawApp(ctx: AppContext | null) {
  const app = new Hono();
  let insert: (r: ReportInput) => Promise<number> = async () => 0;
  if (ctx?.store.dialect === 'sqlite') {
    const stmt = rawSqlite(ctx).prepare(`INSERT INTO reports (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'service')`);
    insert = async (r) => Number(stmt.run(Date.now(), r.reporterId, r.accountId, r.category, r.text ?? '', JSON.stringify(r.evidence ?? []), Number(r.accountId.slice(5)) + 1).lastInsertRowid);
  } else if (ctx) {
    const pool = rawPool(ctx);
    insert = async (r) =>
      (
        await pool.query<{ id: number }>(`INSERT INTO reports (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, 'service') RETURNING id`, [
          Date.now(), r.reporterId, r.accountId, r.category, r.text ?? '', JSON.stringify(r.evidence ?? []), Number(r.accountId.slice(5)) + 1,
        ])
      ).rows[0]!.id;
  }
  app.post('/v1/reports', async (c) => {
    const r = await c.req.json<ReportInput>();
    return c.json({ reportId: await insert(r), caseId: 0, duplicate: false }, 202);
  });
  return app;
}

const ctx = mode === 'bare' ? null : await openSpec(spec);
let groups = 0;
let grouped = 0;
let url: string;
let close: () => Promise<void>;
if (mode === 'warden') {
  await seedAccounts(ctx!);
  // observe (not change) group commit: how many reports share each transaction
  const submitEach = ctx!.intake.submitEach.bind(ctx!.intake);
  ctx!.intake.submitEach = (tx, actor, reports, pathOf) => {
    groups++;
    grouped += reports.length;
    return submitEach(tx, actor, reports, pathOf);
  };
  const server = await startHttp(ctx!, 0, '127.0.0.1');
  url = server.url;
  close = () => server.close();
} else {
  const app = rawApp(ctx);
  const started = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            (server as unknown as { closeAllConnections(): void }).closeAllConnections();
          }),
      });
    });
  });
  url = started.url;
  close = started.close;
}

let cpu = process.cpuUsage();
process.on('message', async (msg: string) => {
  if (msg === 'stats') {
    const d = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    send({ type: 'stats', cpuMs: (d.user + d.system) / 1000, groups, grouped });
    groups = 0;
    grouped = 0;
  } else if (msg === 'stop') {
    await close();
    let storedReports = 0;
    if (ctx) {
      const row = await ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      storedReports = Number(row.n);
      await ctx.close();
    }
    send({ type: 'stopped', peakRssMb: peakRssMb(), storedReports });
    process.disconnect();
  }
});
send({ type: 'ready', url });
