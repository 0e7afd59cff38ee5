/**
 * `warden actions bulk FILE`: the CLI proposes a bulk through the same
 * service as POST /v1/actions/bulk, acting as the holder of the token it
 * presents; a bad file is refused naming the entry, and nothing is written.
 * Real child processes of `warden` against the test's store, on both stores.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cli, cliFor } from './support/cli.js';
import { auditHead } from './support/db.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'one spam network, the same links from every account';

describe.each(STORES)('warden actions bulk on %s', (kind) => {
  let h: Harness;
  let crew: Crew;
  let cli: Cli;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bulk-cli-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    h = await makeHarness(kind);
    h.clock.set(Date.now() - 10 * 60_000);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 6);
    cli = cliFor(h);
  }, 60_000);
  afterAll(async () => {
    await h.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('locks each listed account as its own action; the critical one waits, named with what it needs', async () => {
    const ids = file('wave.txt', 'acct_vip\nacct_0000\nacct_0001\n\nacct_0002\n');
    const r = await cli(['actions', 'bulk', ids, '--kind', 'lock', '--reason', 'spam', '--justification', JUST, '--no-progress'], crew.lead.token);
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.bulk).toMatchObject({ kind: 'lock', targets: 4, executed: 3, waiting: 1, refused: 0 });
    expect(answer.waiting).toEqual([expect.objectContaining({ accountId: 'acct_vip', why: expect.stringMatching(/more approval/) })]);
    const statuses = await h.ctx.db.selectFrom('accounts').select(['id', 'status']).where('id', 'in', ['acct_0000', 'acct_0001', 'acct_0002', 'acct_vip']).orderBy('id').execute();
    expect(statuses.map((s) => s.status)).toEqual(['locked', 'locked', 'locked', 'active']);
  }, 120_000);

  it('refuses a file naming an unknown account or one twice, naming the entry, and writes nothing; only as a holder of a token that may', async () => {
    const before = await auditHead(h.ctx.db);
    const unknown = await cli(['actions', 'bulk', file('unknown.txt', 'acct_0003\nacct_nobody\n'), '--kind', 'warn', '--reason', 'spam', '--justification', JUST, '--no-progress'], crew.lead.token);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/targetIds\.1.*acct_nobody does not exist/s);
    const twice = await cli(['actions', 'bulk', file('twice.json', '["acct_0003","acct_0003"]'), '--kind', 'warn', '--reason', 'spam', '--justification', JUST, '--no-progress'], crew.lead.token);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/listed twice/);
    const auditor = await cli(['actions', 'bulk', file('ok.txt', 'acct_0003\n'), '--kind', 'warn', '--reason', 'spam', '--justification', JUST, '--no-progress'], crew.auditor.token);
    expect(auditor.stderr).toContain('may not call actions.bulk');
    expect(await auditHead(h.ctx.db)).toEqual(before);
  }, 120_000);
});
