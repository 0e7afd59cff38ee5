/**
 * The reference platform and the HTTP adapter, over real HTTP on loopback and
 * real SQLite files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PlatformRejectedError, PlatformUnavailableError, type PlatformActionRequest } from '../src/platform/adapter.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { demoAccounts, demoTiers } from '../src/platform/reference/seed.js';
import { startReferencePlatform, type ReferencePlatformConfig, type RunningReferencePlatform } from '../src/platform/reference/server.js';
import type { AccountUpdatedPayload } from '../src/platform/reference/webhooks.js';

const ADMIN_TOKEN = 'test-admin-token';
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const dir = mkdtempSync(join(tmpdir(), 'warden-platform-'));
const running: { close(): Promise<void> }[] = [];
let dbCount = 0;

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startPlatform(extra: Partial<ReferencePlatformConfig> = {}, accounts = demoAccounts(50)) {
  const platform = await startReferencePlatform({
    port: 0,
    dbPath: join(dir, `platform-${++dbCount}.db`),
    adminToken: ADMIN_TOKEN,
    webhookSecret: SECRET,
    webhookRetry: { baseDelayMs: 10 },
    ...extra,
  });
  running.push(platform);
  if (accounts.length > 0) expect((await call(platform, 'POST', '/admin/accounts/import', { accounts })).status).toBe(200);
  const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN_TOKEN, timeoutMs: 2_000 });
  return { platform, adapter };
}

function call(platform: RunningReferencePlatform, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(platform.url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function eventCount(platform: RunningReferencePlatform, id: string): Promise<number> {
  const res = await call(platform, 'GET', `/admin/accounts/${id}/events`);
  return ((await res.json()) as { events: unknown[] }).events.length;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real webhook receiver; `failFirst` answers 500 that many times first. */
async function startReceiver(failFirst = 0) {
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = failures++ < failFirst ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

function verify(r: Received, secret = SECRET): AccountUpdatedPayload {
  const headers = {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(r.body, headers) as AccountUpdatedPayload;
}

const suspend = (accountId: string, reason = 'spam wave'): PlatformActionRequest => ({
  accountId,
  kind: 'suspend',
  until: Date.now() + 86_400_000,
  reason,
});

describe('actions are idempotent', () => {
  it('applies a repeated key once and says so on the repeat', async () => {
    const { platform, adapter } = await startPlatform();
    const req = suspend('acct_0042');
    const first = await adapter.applyAction(req, 'key-1');
    const again = await adapter.applyAction(req, 'key-1');

    expect(first.applied).toBe(true);
    expect(first.account).toMatchObject({ status: 'suspended', statusUntil: req.until });
    expect(again.applied).toBe(false);
    expect(again.account).toEqual(first.account);
    expect(await eventCount(platform, 'acct_0042')).toBe(1);
    expect((await adapter.getAccount('acct_0042'))?.version).toBe(first.account.version);
  });

  it('lists every applied action once, in the order applied (what the crash suite holds Warden to)', async () => {
    const { platform, adapter } = await startPlatform();
    const req = suspend('acct_0042');
    await adapter.applyAction(req, 'key-b');
    await adapter.applyAction({ accountId: 'acct_0007', kind: 'lock', reason: 'x' }, 'key-a');
    await adapter.applyAction(req, 'key-b');
    await adapter.applyAction({ accountId: 'acct_0042', kind: 'restore', reason: 'y' }, 'key-c');

    const res = await call(platform, 'GET', '/admin/actions');
    expect(res.status).toBe(200);
    const { actions } = (await res.json()) as { actions: { idempotencyKey: string; accountId: string; request: { kind: string } }[] };
    expect(actions.map((a) => [a.idempotencyKey, a.accountId, a.request.kind])).toEqual([
      ['key-b', 'acct_0042', 'suspend'],
      ['key-a', 'acct_0007', 'lock'],
      ['key-c', 'acct_0042', 'restore'],
    ]);
    expect(platform.store.appliedActions().map((a) => a.idempotencyKey)).toEqual(['key-b', 'key-a', 'key-c']);
    expect((await call(platform, 'GET', '/admin/actions', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('refuses a key reused for a different request with 409', async () => {
    const { platform, adapter } = await startPlatform();
    await adapter.applyAction(suspend('acct_0042'), 'key-1');

    const res = await call(platform, 'POST', '/admin/accounts/acct_0042/actions', { kind: 'lock', reason: 'other' }, { 'idempotency-key': 'key-1' });
    expect(res.status).toBe(409);
    await expect(adapter.applyAction({ accountId: 'acct_0043', kind: 'warn', reason: 'x' }, 'key-1')).rejects.toMatchObject({
      name: 'PlatformRejectedError',
      status: 409,
    });
    expect(await eventCount(platform, 'acct_0042')).toBe(1);
    expect(await eventCount(platform, 'acct_0043')).toBe(0);
  });

  it('moves status as each kind says', async () => {
    const { adapter } = await startPlatform();
    const apply = (kind: PlatformActionRequest['kind'], key: string, extra: Partial<PlatformActionRequest> = {}) =>
      adapter.applyAction({ accountId: 'acct_0040', kind, reason: 'r', ...extra }, key);

    expect((await apply('limit', 'k1')).account.status).toBe('limited');
    const warned = await apply('warn', 'k2');
    expect(warned.account).toMatchObject({ status: 'limited', version: 3 });
    expect((await apply('lock', 'k3')).account.status).toBe('locked');
    expect((await apply('restore', 'k4')).account).toMatchObject({ status: 'active', statusUntil: null });
    expect((await apply('set_status', 'k5', { status: 'deactivated' })).account.status).toBe('deactivated');
    expect((await apply('restore', 'k6', { status: 'limited' })).account.status).toBe('limited');
  });
});

describe('requests are checked', () => {
  it('answers 400 naming the field', async () => {
    const { platform } = await startPlatform();
    const fieldsOf = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path);
    };
    const act = (body: unknown, key: string | null = 'k') =>
      call(platform, 'POST', '/admin/accounts/acct_0042/actions', body, key ? { 'idempotency-key': key } : {});

    expect(await fieldsOf(await act({ kind: 'explode', reason: 'x' }))).toEqual(['kind']);
    expect(await fieldsOf(await act({ kind: 'warn', reason: 'x' }, null))).toEqual(['Idempotency-Key']);
    expect(await fieldsOf(await act({ kind: 'suspend', reason: 'x' }))).toEqual(['until']);
    expect(await fieldsOf(await act({ kind: 'set_status', reason: 'x' }))).toEqual(['status']);
    const badImport = { accounts: [{ id: 'acct_9999', handle: 'no spaces!', displayName: 'X', followers: 1, verified: false }] };
    expect(await fieldsOf(await call(platform, 'POST', '/admin/accounts/import', badImport))).toEqual(['accounts.0.handle']);
    expect(await fieldsOf(await call(platform, 'GET', '/v1/accounts?limit=5000'))).toEqual(['limit']);
  });

  it('answers 401 without the admin token', async () => {
    const { platform } = await startPlatform();
    expect((await fetch(`${platform.url}/v1/accounts`)).status).toBe(401);
    const wrong = await fetch(`${platform.url}/admin/accounts/acct_0001/actions`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'idempotency-key': 'k' },
      body: JSON.stringify({ kind: 'lock', reason: 'x' }),
    });
    expect(wrong.status).toBe(401);
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: 'nope', timeoutMs: 2_000 });
    await expect(adapter.listAccounts({})).rejects.toBeInstanceOf(PlatformRejectedError);
  });

  it('answers 404 for an unknown account', async () => {
    const { adapter } = await startPlatform();
    expect(await adapter.getAccount('acct_nobody')).toBeNull();
    await expect(adapter.applyAction(suspend('acct_nobody'), 'k')).rejects.toMatchObject({ status: 404 });
  });
});

describe('listing', () => {
  it('pages through 2,500 accounts visiting each exactly once', async () => {
    const { adapter } = await startPlatform({}, demoAccounts(2500));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.listAccounts({ cursor, limit: 300 });
      seen.push(...page.accounts.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
  });

  it('keeps moderation state when an account is imported again', async () => {
    const { platform, adapter } = await startPlatform();
    await adapter.applyAction({ accountId: 'acct_0007', kind: 'lock', reason: 'x' }, 'k');
    const [seed] = demoAccounts(7).slice(6);
    await call(platform, 'POST', '/admin/accounts/import', { accounts: [{ ...seed, displayName: 'Renamed', status: 'active' }] });
    expect(await adapter.getAccount('acct_0007')).toMatchObject({ displayName: 'Renamed', status: 'locked', version: 3 });
  });
});

describe('outages', () => {
  it('fault mode makes the adapter throw PlatformUnavailableError until lifted', async () => {
    const { platform, adapter } = await startPlatform();
    expect((await call(platform, 'POST', '/admin/fault', { down: true })).status).toBe(200);

    await expect(adapter.getAccount('acct_0001')).rejects.toMatchObject({ name: 'PlatformUnavailableError', status: 503 });
    const req = suspend('acct_0001');
    await expect(adapter.applyAction(req, 'k')).rejects.toBeInstanceOf(PlatformUnavailableError);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);

    await call(platform, 'POST', '/admin/fault', { down: false });
    expect((await adapter.applyAction(req, 'k')).applied).toBe(true);
  });

  it('a platform that is not listening is unavailable, not rejected', async () => {
    const { platform, adapter } = await startPlatform();
    await platform.close();
    await expect(adapter.getAccount('acct_0001')).rejects.toBeInstanceOf(PlatformUnavailableError);
  });
});

describe('webhooks', () => {
  it('announces actions and direct changes, signed', async () => {
    const receiver = await startReceiver();
    const { platform, adapter } = await startPlatform({ webhookUrls: [receiver.url] });
    const req = suspend('acct_0003');
    await adapter.applyAction(req, 'k1');
    await adapter.applyAction(req, 'k1'); // a repeat changes nothing, announces nothing
    const direct = await call(platform, 'POST', '/admin/accounts/acct_0003/direct', { status: 'active' });
    expect(direct.status).toBe(200);
    await platform.webhooks.idle();

    const payloads = receiver.received.map((r) => verify(r));
    expect(payloads.map((p) => p.data.source)).toEqual(['admin_api', 'direct']);
    expect(payloads[0]).toMatchObject({ type: 'account.updated', data: { before: { status: 'active' }, account: { status: 'suspended' } } });
    expect(payloads[1]?.data).toMatchObject({ before: { status: 'suspended' }, account: { id: 'acct_0003', status: 'active', version: 3 } });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(payloads.map((p) => p.id));
  });

  it('announces changes made on the store itself', async () => {
    const receiver = await startReceiver();
    const { platform } = await startPlatform({ webhookUrls: [receiver.url] });
    platform.store.directChange('acct_0001', { status: 'locked' }, Date.now());
    await platform.webhooks.idle();
    expect(verify(receiver.received[0]!).data).toMatchObject({ source: 'direct', account: { status: 'locked' } });
  });

  it('retries a failed delivery with the same message id', async () => {
    const receiver = await startReceiver(2);
    const { platform, adapter } = await startPlatform({ webhookUrls: [receiver.url] });
    await adapter.applyAction({ accountId: 'acct_0010', kind: 'warn', reason: 'x' }, 'k');
    await platform.webhooks.idle();

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(verify(receiver.received[2]!).data.source).toBe('admin_api');
  });

  it('a tampered signature or body fails verification', async () => {
    const receiver = await startReceiver();
    const { platform } = await startPlatform({ webhookUrls: [receiver.url] });
    await call(platform, 'POST', '/admin/accounts/acct_0002/direct', { status: 'deactivated' });
    await platform.webhooks.idle();
    const genuine = receiver.received[0]!;
    const signature = String(genuine.headers['webhook-signature']);
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);

    expect(() => verify({ ...genuine, headers: { ...genuine.headers, 'webhook-signature': flipped } })).toThrow(WebhookVerificationError);
    expect(() => verify({ ...genuine, body: genuine.body.replace('deactivated', 'active') })).toThrow(WebhookVerificationError);
    expect(() => verify(genuine, `whsec_${randomBytes(24).toString('base64')}`)).toThrow(WebhookVerificationError);
    expect(verify(genuine).data.account.status).toBe('deactivated');
  });
});

describe('demo seed', () => {
  it('is deterministic with 5 critical and 30 elevated accounts', () => {
    const accounts = demoAccounts();
    expect(accounts).toEqual(demoAccounts());
    expect(accounts).toHaveLength(2000);
    expect(new Set(accounts.map((a) => a.handle)).size).toBe(2000);
    const counts = { critical: 0, elevated: 0, standard: 0 };
    for (const tier of demoTiers(accounts).values()) counts[tier]++;
    expect(counts).toEqual({ critical: 5, elevated: 30, standard: 1965 });
    expect(accounts[0]).toMatchObject({ id: 'acct_0001', handle: 'POTUS_Quill' });
  });
});
