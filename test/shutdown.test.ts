/**
 * Graceful shutdown of `warden start`, as a real child process on each store,
 * with the platform hung (a port that accepts and never answers) while an
 * outbox send to it is in flight: on SIGTERM new connections are refused at
 * once, a request in flight is answered (and its change kept), a request on a
 * connection already open closes after its answer, the hung send is abandoned
 * (its row stays pending, to be sent again) and the process exits 0 within
 * WARDEN_SHUTDOWN_TIMEOUT_MS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, STORES, makeApiHarness, makeHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BOUND_MS = 3000;
/** process exit, signal delivery and logging on a busy 2-core machine */
const SLACK_MS = 1500;
const JUST = 'repeated harassment of several users, see the case';

/** A platform that accepts connections and never answers. */
async function hungPlatform(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

interface Started {
  proc: ChildProcess;
  url: string;
  out: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startWarden(h: Harness, platformUrl: string, dir: string): Promise<Started> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      WARDEN_DATABASE_URL: h.ctx.config.databaseUrl,
      WARDEN_DATABASE_SCHEMA: h.ctx.store.schema ?? '',
      WARDEN_AUDIT_SIGNING_KEY: path.join(dir, 'signing-key.pem'),
      WARDEN_HOST: '127.0.0.1',
      WARDEN_PORT: '0',
      WARDEN_SEED_DEMO: '0',
      WARDEN_PLATFORM_EMBEDDED: '0',
      WARDEN_PLATFORM_URL: platformUrl,
      WARDEN_SHUTDOWN_TIMEOUT_MS: String(BOUND_MS),
      WARDEN_LOG_LEVEL: 'info',
      WARDEN_DELIVERY_INTERVAL_MS: '200',
    },
  });
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  const url = await waitFor(() => /Warden is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 60_000, () => out);
  return { proc, url, out: () => out, exited };
}

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs: number, why: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out; output:\n${why().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(STORES)('graceful shutdown on %s', (kind) => {
  let h: Harness | undefined;
  let child: Started | undefined;
  let platform: Awaited<ReturnType<typeof hungPlatform>> | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await child?.exited;
    await platform?.close();
    await h?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses new connections at once, answers the request in flight, abandons the hung send, exits 0 within the bound', async () => {
    h = await makeHarness(kind);
    const crew: Crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 5);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-shutdown-'));
    platform = await hungPlatform();
    child = await startWarden(h, platform.url, dir);
    const started = child;

    // an action the lead may take alone: executed at once, its send to the (hung) platform in flight
    const executed = await fetch(`${started.url}/v1/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${crew.lead.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'limit', targetId: 'acct_0001', reasonCode: 'harassment', justification: JUST }),
    });
    expect(executed.status).toBe(201);
    await waitFor(() => platform!.connections() > 0, 10_000, started.out);

    // a slow request: headers and half the body now, the rest after SIGTERM; a /readyz pipelined behind it
    const body = JSON.stringify({ kind: 'limit', targetId: 'acct_0002', reasonCode: 'harassment', justification: JUST });
    const { port } = new URL(started.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    const socketClosed = new Promise<void>((r) => socket.once('close', () => r()));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(
      `POST /v1/actions HTTP/1.1\r\nHost: warden\r\nAuthorization: Bearer ${crew.lead.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((r) => setTimeout(r, 300));

    const t0 = Date.now();
    started.proc.kill('SIGTERM');
    await waitFor(() => started.out().includes('shutting down'), 5_000, started.out);
    // a new connection is refused
    await expect(fetch(`${started.url}/readyz`)).rejects.toThrow();

    socket.write(`${body.slice(20)}GET /readyz HTTP/1.1\r\nHost: warden\r\n\r\n`);
    await Promise.race([socketClosed, new Promise((r) => setTimeout(r, BOUND_MS))]);
    // the request in flight is answered; the connection then closes, so the request queued behind it is not taken
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    expect(statuses, answer).toEqual([201]);
    expect(answer).toMatch(/^connection: close\r$/im);
    expect(socket.destroyed || socket.readableEnded).toBe(true);

    const exit = await started.exited;
    const took = Date.now() - t0;
    expect(exit, started.out().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(BOUND_MS + SLACK_MS);

    // the answered request's change is in the store; the hung send is still pending, to be sent again
    const slow = await h.ctx.db.selectFrom('actions').select(['id', 'state']).where('target_id', '=', 'acct_0002').execute();
    expect(slow).toHaveLength(1);
    const rows = await h.ctx.db.selectFrom('outbox').select(['state', 'payload']).where('kind', '=', 'platform_action').execute();
    const first = rows.find((r) => r.payload.includes('acct_0001'));
    expect(first?.state).toBe('pending');
  }, 120_000);
});

describe.each(STORES)('readiness while shutting down on %s', (kind) => {
  it('/readyz answers 503 once shutdown has begun, and the connection is not kept', async () => {
    const h = await makeApiHarness(kind);
    try {
      expect((await fetch(`${h.server.url}/readyz`)).status).toBe(200);
      h.ctx.shuttingDown = true;
      const res = await fetch(`${h.server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { detail: string }).detail).toBe('shutting down');
    } finally {
      await h.cleanup();
    }
  });
});
