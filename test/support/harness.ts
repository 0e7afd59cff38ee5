/**
 * Every service test runs on both stores: a fresh SQLite file, and a fresh
 * PostgreSQL schema on the machine's server (both as the migrations leave a
 * new store: stores.ts). Time is a manual clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../src/clock.js';
import { type Config } from '../../src/config.js';
import { testConfig, testPostgresUrl } from '../../src/test-config.js';
import { AppContext, type Overrides } from '../../src/context.js';
import { type RunningServer, startHttp } from '../../src/http/server.js';
import { freshSqliteFile, giveBackSchema, takeSchema } from './stores.js';

export const STORES = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

export interface Harness {
  ctx: AppContext;
  clock: ManualClock;
  kind: StoreKind;
  /** the same store opened again, as a second Warden process would */
  reopen(): Promise<AppContext>;
  cleanup(): Promise<void>;
}

export async function makeHarness(kind: StoreKind, config: Partial<Config> = {}, overrides: Overrides = {}): Promise<Harness> {
  const clock = new ManualClock();
  let url: string;
  let schema: string | undefined;
  let dir: string | undefined;
  if (kind === 'sqlite') {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-test-'));
    url = path.join(dir, 'warden.db');
    await freshSqliteFile(url);
  } else {
    url = testPostgresUrl();
    schema = await takeSchema(url);
  }
  const cfg = testConfig(url, { sqlite: { synchronous: 'NORMAL' }, ...config });
  const logger = pino({ level: process.env.WARDEN_TEST_LOG ?? 'silent' });
  const ctx = await AppContext.create(cfg, { clock, logger, schema, ...overrides });
  const others: AppContext[] = [];
  return {
    ctx,
    clock,
    kind,
    async reopen() {
      const other = await AppContext.create(cfg, { clock, logger, schema, ...overrides });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const o of others) await o.close();
      await ctx.close();
      if (schema) await giveBackSchema(url, schema);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ApiHarness extends Harness {
  server: RunningServer;
  api: (token: string) => Api;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface Api {
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  send<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

export async function makeApiHarness(kind: StoreKind, config: Partial<Config> = {}, overrides: Overrides = {}): Promise<ApiHarness> {
  const h = await makeHarness(kind, config, overrides);
  const server = await startHttp(h.ctx, 0, '127.0.0.1');
  const api = (token: string): Api => {
    const send = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(server.url + p, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as any };
    };
    return { send, get: (p) => send('GET', p), post: (p, b) => send('POST', p, b ?? {}) };
  };
  return {
    ...h,
    server,
    api,
    async cleanup() {
      await server.close();
      await h.cleanup();
    },
  };
}
