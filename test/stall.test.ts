/**
 * No one request can stall the server or answer larger than it asked, on both
 * stores over real HTTP: bodies are capped by route before anything parses
 * them (413 naming the limit), their depth and entries before the schema
 * (400), a change_policy's set by files and bytes per file; whatever Cedar
 * does on hostile policy text is a 400 naming the file and leaves the server's
 * engine intact; a large set compiles off the event loop; and an error body
 * names each bad field once, at most 50 of them, with how many more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POLICY_FILES } from '../src/actions/model.js';
import { MAX_ERROR_FIELDS } from '../src/http/errors.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'routine maintenance of the policy set';

describe.each(STORES)('stall on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;

  const count = async (table: 'reports' | 'actions' | 'audit_log' | 'accounts') =>
    Number((await h.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const written = () => Promise.all([count('reports'), count('actions'), count('audit_log'), count('accounts')]);
  const raw = async (path: string, body: BodyInit, headers: Record<string, string> = {}) => {
    const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
    if (body instanceof ReadableStream) init.duplex = 'half';
    const res = await fetch(h.server.url + path, init);
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as { error: { code: string; message: string; fields?: { path: string; message: string }[]; moreFields?: number } } };
  };
  const shippedFiles = async () => (await h.api(crew.admin.token).get('/v1/policy')).body.files as Record<string, string>;
  const changePolicy = (policyFiles: Record<string, string>) => ({ kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', justification: JUST, policyFiles });

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 3);
  });
  afterAll(() => h?.cleanup());

  it('refuses a sign-in body over its few KB with 413 before parsing a byte, whether sized or streamed', async () => {
    const before = await written();
    const huge = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const started = performance.now();
    const sized = await raw('/v1/session/login', huge);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(sized.status).toBe(413);
    expect(sized.body.error).toMatchObject({ code: 'too_large' });
    expect(sized.body.error.message).toMatch(/over 8 KiB, the limit of \/v1\/session\/login/);
    const chunk = new TextEncoder().encode(' '.repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent++ < 64) ctl.enqueue(chunk);
        else ctl.close();
      },
    });
    const streamed = await raw('/v1/enrolments/redeem', stream);
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.message).toMatch(/over 8 KiB/);
    expect(await written()).toEqual(before);
  });

  it('refuses bodies too many in keys or too deep with a 400 naming the limit, before the schema', async () => {
    const before = await written();
    const manyKeys = `{${Array.from({ length: 500 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const keys = await raw('/v1/session/login', manyKeys);
    expect(keys.status).toBe(400);
    expect(keys.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: '(body)' }] });
    expect(keys.body.error.message).toMatch(/more than 64 keys and items/);

    const deep = `{"reporterId":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const nested = await raw('/v1/reports', deep, { authorization: `Bearer ${crew.triage.token}` });
    expect(nested.status).toBe(400);
    expect(nested.body.error.message).toMatch(/nests deeper than 8 levels/);

    // a batch route's cap is its items', not a million keys: counted on the raw text, cheaply
    const million = `{"reports":[{${Array.from({ length: 300_000 }, (_, i) => `"${i}":1`).join(',')}}]}`;
    const started = performance.now();
    const batch = await raw('/v1/reports/batch', million, { authorization: `Bearer ${crew.triage.token}` });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(batch.status).toBe(400);
    expect(batch.body.error.message).toMatch(/more than 40000 keys and items/);
    expect(await written()).toEqual(before);
  });

  it('caps a policy set by files and bytes per file, naming the field', async () => {
    const admin = h.api(crew.admin.token);
    const before = await written();
    const files = await shippedFiles();
    const tooMany = { ...files, ...Object.fromEntries(Array.from({ length: MAX_POLICY_FILES }, (_, i) => [`extra-${i}.cedar`, '// nothing'])) };
    const many = await admin.post('/v1/actions', changePolicy(tooMany));
    expect(many.status).toBe(400);
    expect(many.body.error.fields).toEqual([{ path: 'policyFiles', message: `a policy set has at most ${MAX_POLICY_FILES} files` }]);
    const big = await admin.post('/v1/actions', changePolicy({ ...files, 'big.cedar': `// ${'é'.repeat(40_000)}` }));
    expect(big.status).toBe(400);
    expect(big.body.error.fields[0]).toMatchObject({ path: 'policyFiles.big.cedar', message: expect.stringMatching(/at most 64 KiB/) });
    expect(await written()).toEqual(before);
  });

  it('turns every Cedar failure into a 400 naming the file, and leaves the engine in force working', async () => {
    const admin = h.api(crew.admin.token);
    const files = await shippedFiles();
    const before = await written();
    const rule = (body: string) => `@id("hostile") @reason("r")\nforbid(principal, action, resource) when { ${body} };`;
    const deep = await admin.post('/v1/actions', changePolicy({ ...files, 'deep.cedar': rule(`${'('.repeat(1000)}false${')'.repeat(1000)}`) }));
    expect(deep.status).toBe(400);
    expect(deep.body.error.fields[0]).toMatchObject({ path: 'policyFiles.deep.cedar', message: expect.stringMatching(/^line 2: brackets nest deeper/) });
    // no brackets at all, yet Cedar's parser runs out of stack (its wasm memory is corrupt after it)
    const chain = await admin.post('/v1/actions', changePolicy({ ...files, 'chain.cedar': rule(Array(5000).fill('false').join(' && ')) }));
    expect(chain.status).toBe(400);
    expect(chain.body.error.fields[0]).toMatchObject({ path: 'policyFiles.chain.cedar', message: expect.stringMatching(/Cedar could not process this file/) });
    expect(await written()).toEqual(before);
    // the server's own engine was never asked: decisions go on
    const warn = await h.api(crew.lead.token).post('/v1/actions', { kind: 'warn', targetId: 'acct_0001', reasonCode: 'spam', justification: 'first warning for spam' });
    expect(warn.status).toBe(201);
  });

  it('compiles and verifies a large proposed set off the event loop: /healthz answers meanwhile', async () => {
    const files = await shippedFiles();
    // many legitimate-looking files of rules that deny nothing the shipped set allows
    const extra = Object.fromEntries(
      Array.from({ length: 12 }, (_, f) => [
        `extra-${f}.cedar`,
        Array.from({ length: 2 }, (_, r) => `@id("extra-${f}-${r}")\n@reason("reserved for later")\nforbid(principal, action, resource) when { context has nothing${r} };\n`).join('\n'),
      ]),
    );
    let done = false;
    const proposal = h
      .api(crew.admin.token)
      .post('/v1/actions', changePolicy({ ...files, ...extra }))
      .finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const start = performance.now();
      const res = await fetch(`${h.server.url}/healthz`);
      expect(res.status).toBe(200);
      latencies.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await proposal;
    expect(res.status).toBe(201);
    expect(Math.max(...latencies)).toBeLessThan(400);
    expect(latencies.length).toBeGreaterThan(5);
  }, 120_000);

  it('names each bad field once, at most 50, and says how many more: a batch answers kilobytes, not megabytes', async () => {
    const before = await written();
    const reports = Array.from({ length: 1000 }, (_, i) => ({ reporterId: `u_${i}`, accountId: 'acct_0001', category: 'nonsense', evidence: ['not a url'] }));
    const batch = await raw('/v1/reports/batch', JSON.stringify({ reports }), { authorization: `Bearer ${crew.triage.token}` });
    expect(batch.status).toBe(400);
    expect(batch.body.error.fields).toHaveLength(MAX_ERROR_FIELDS);
    expect(new Set(batch.body.error.fields!.map((f) => f.path)).size).toBe(MAX_ERROR_FIELDS);
    expect(batch.body.error.fields![0]!.path).toBe('reports.0.category');
    expect(batch.body.error.moreFields).toBe(2000 - MAX_ERROR_FIELDS);
    expect(batch.body.error.message).toMatch(/; and 1990 more fields$/);
    expect(batch.text.length).toBeLessThan(20_000);

    const accounts = Array.from({ length: 10_000 }, (_, i) => ({ id: `acct_x${i}`, handle: `x${i}`, followers: 1, tier: 'royal' }));
    const imported = await raw('/v1/accounts/import', JSON.stringify({ accounts }), { authorization: `Bearer ${crew.admin.token}` });
    expect(imported.status).toBe(400);
    expect(imported.body.error.fields).toHaveLength(MAX_ERROR_FIELDS);
    expect(imported.body.error.fields![1]).toMatchObject({ path: 'accounts.1.tier' });
    expect(imported.body.error.moreFields).toBe(10_000 - MAX_ERROR_FIELDS);
    expect(imported.text.length).toBeLessThan(20_000);
    expect(await written()).toEqual(before);
  });
});
