/**
 * The CLI acts only as the holder of the token it presents (issue 10, class
 * 3). Real child processes of `warden` against the test's store, on both
 * stores: `--as` without a token, or with someone else's, is refused and
 * writes nothing; one operator holding one lead's token cannot propose as
 * that lead and approve as two others; `staff token` is gone; console
 * credentials (`staff password`, from a flag or stdin, and `staff totp`) are
 * only the holder's own, except the demo people's published TOTP codes in a
 * store the demo seed marked; and a fresh store bootstraps its first admins
 * without a token, and no more.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { demoEmail, seedDemo } from '../src/demo/seed.js';
import { passwordMatches, totpCode } from '../src/sessions/credentials.js';
import { type Cli, cliFor } from './support/cli.js';
import { auditByAction, auditHead } from './support/db.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'repeated credible threats reported by many users';
const STEP = 30_000;

describe.each(STORES)('the CLI acts only as the holder of the token it presents, on %s', (kind) => {
  let h: Harness;
  let crew: Crew;
  let cli: Cli;

  beforeAll(async () => {
    h = await makeHarness(kind);
    // the child processes run on the real clock: access windows must be open then
    h.clock.set(Date.now());
    await seedDemo(h.ctx, []);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 5);
    cli = cliFor(h);
  }, 60_000);
  afterAll(() => h.cleanup());

  const propose = ['actions', 'propose', '--kind', 'deactivate', '--target', 'acct_vip', '--reason', 'harassment', '--justification', JUST];

  it('refuses --as without a token, and with somebody else’s, writing nothing; one lead cannot propose and approve as others', async () => {
    const before = await auditHead(h.ctx.db);
    const bare = await cli([...propose, '--as', crew.lead.staff.id]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('present their own API token');
    const borrowed = await cli([...propose, '--as', crew.lead.staff.id], crew.admin.token);
    expect(borrowed.code).toBe(2);
    expect(borrowed.stderr).toContain(`the token presented is ${crew.admin.staff.id}'s`);
    expect(await auditHead(h.ctx.db)).toEqual(before);

    // with the lead's own token the lead proposes (as the token's holder, --as or not)
    const proposed = await cli(propose, crew.lead.token);
    expect(proposed.code, proposed.stderr).toBe(0);
    const action = JSON.parse(proposed.stdout) as { id: string; state: string; proposer: { id: string } };
    expect(action).toMatchObject({ state: 'awaiting_approval', proposer: { id: crew.lead.staff.id } });

    // the same operator, still holding only the lead's token, tries to approve as lead2 and as the admin
    for (const other of [crew.lead2, crew.admin]) {
      const approve = await cli(['actions', 'approve', action.id, '--as', other.staff.id, '--comment', 'ok'], crew.lead.token);
      expect(approve.code).toBe(2);
      expect(approve.stderr).toContain(`the token presented is ${crew.lead.staff.id}'s`);
    }
    expect(await cli(['actions', 'approve', action.id, '--as', crew.lead2.staff.id])).toMatchObject({ code: 2 });
    expect(await h.ctx.actions.approvals(h.ctx.db, action.id)).toEqual([]);
    expect((await h.ctx.actions.get(h.ctx.db, action.id)).state).toBe('awaiting_approval');

    // freeze and policy propose are the same
    expect((await cli(['freeze', 'on', '--as', crew.admin.staff.id, '--reason', 'test'])).stderr).toContain('present their own API token');
    expect((await cli(['policy', 'propose', '--as', crew.admin.staff.id, '--justification', 'adopt'], crew.lead.token)).code).toBe(2);
    expect(await h.ctx.policy.isFrozen(h.ctx.db)).toBe(false);
  }, 180_000);

  it('never prints or sets another person’s credentials; the demo people’s published TOTP codes print in the demo store', async () => {
    const gone = await cli(['staff', 'token', crew.lead.staff.id]);
    expect(gone.code).not.toBe(0);
    expect(await auditByAction(h.ctx.db, 'staff.token_issued')).toHaveLength(8 + 7); // the demo's and the crew's seeds, no more

    const theirs = await cli(['staff', 'totp', demoEmail('stf_lee'), '--code'], crew.admin.token);
    expect(theirs.stderr.slice(0, 400)).toContain('only for yourself');
    const setOther = await cli(['staff', 'password', crew.lead.staff.email, '--password', 'taken over by admin'], crew.admin.token);
    expect(setOther.code).toBe(2);
    expect(await h.ctx.db.selectFrom('staff_credentials').select('staff_id').where('staff_id', '=', crew.lead.staff.id).executeTakeFirst()).toBeUndefined();
    expect((await cli(['staff', 'totp', crew.lead.staff.email, '--code'])).code).toBe(2);

    const demoCode = await cli(['staff', 'totp', demoEmail('stf_lee'), '--code']);
    expect(demoCode.stdout.trim(), demoCode.stderr).toMatch(/^\d{6}$/);
    // the exception is for printing a demo code, not for enrolling a new secret
    expect((await cli(['staff', 'totp', demoEmail('stf_lee')])).code).toBe(2);

    const own = await cli(['staff', 'password', crew.lead.staff.email, '--password', 'the lead chose this'], crew.lead.token);
    expect(own.stdout, own.stderr).toContain('password set');
  }, 180_000);

  it("takes each kind's parameters by the flags the kind table declares, and refuses a missing one naming it", async () => {
    const suspend = ['actions', 'propose', '--kind', 'suspend', '--target', 'acct_0001', '--reason', 'spam', '--justification', JUST];
    const missing = await cli(suspend, crew.agent.token);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('a suspension needs durationMs');
    const done = await cli([...suspend, '--duration-ms', '3600000'], crew.agent.token);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ kind: 'suspend', params: { durationMs: 3_600_000 } });
    const elevate = await cli(['actions', 'propose', '--kind', 'elevate', '--target', crew.agent.staff.id, '--reason', 'access_management', '--role', 'lead', '--hours', '4', '--justification', 'on call tonight', '--preview'], crew.lead.token);
    expect(elevate.code, elevate.stderr).toBe(0);
    expect(JSON.parse(elevate.stdout)).toHaveProperty('decision');
  }, 120_000);

  it('offboards and enrols only as an admin holding their own token', async () => {
    expect((await cli(['staff', 'offboard', crew.triage.staff.id, '--reason', 'no token'])).code).toBe(2);
    expect((await cli(['staff', 'offboard', crew.triage.staff.id, '--reason', 'not an admin'], crew.lead.token)).stderr).toContain('a lead may not call staff.offboard: no rule permits it');
    const enrol = await cli(['staff', 'enrol', crew.lead.staff.id], crew.admin.token);
    // no channel is configured here: refused, naming it; never a code on the terminal
    expect(enrol.stderr).toContain('no channel reaches the holder');
    expect((await h.ctx.staff.get(h.ctx.db, crew.triage.staff.id)).offboardedAt).toBeNull();
  }, 120_000);
});

describe.each(STORES)('bootstrapping a fresh store from the CLI on %s', (kind) => {
  it('creates the first two admins without a token, audited as bootstrap, and nothing after', async () => {
    const h = await makeHarness(kind);
    try {
      const cli = cliFor(h);
      const create = (n: number, role = 'admin', token?: string) =>
        cli(['staff', 'create', '--name', `Admin ${n}`, '--email', `admin${n}@warden.test`, '--role', role], token);
      expect((await create(0, 'lead')).stderr).toContain('bootstrap');
      for (const n of [1, 2]) expect((await create(n)).code).toBe(0);
      const third = await create(3);
      expect(third.code).toBe(2);
      expect(third.stderr).toContain("needs an admin's own token");
      const boot = await auditByAction(h.ctx.db, 'staff.bootstrapped');
      expect(boot.map((e) => e.actor)).toEqual([{ kind: 'system', id: 'bootstrap' }, { kind: 'system', id: 'bootstrap' }]);
      expect((await h.ctx.staff.list(h.ctx.db)).map((s) => s.email).sort()).toEqual(['admin1@warden.test', 'admin2@warden.test']);
    } finally {
      await h.cleanup();
    }
  }, 120_000);
});

describe('the staff password and totp commands (CLI, on sqlite)', () => {
  const run = promisify(execFile);
  const root = path.resolve(import.meta.dirname, '..');

  it('sets a password from --password or stdin, enrols a TOTP secret, and prints its current code', async () => {
    const h = await makeHarness('sqlite');
    try {
      // the command runs on the real clock, and acts only for the holder of the token it presents
      h.clock.set(Date.now());
      const { staff, token } = await h.ctx.transaction(async (tx) => {
        const staff = await h.ctx.staff.create(tx, SYSTEM, { name: 'Op', email: 'op@warden.test', role: 'agent', employment: 'employee', accessFrom: 0 });
        return { staff, token: (await h.ctx.staff.issueToken(tx, SYSTEM, staff.id, 'cli')).token };
      });
      const env = { ...process.env, WARDEN_DATABASE_URL: h.ctx.config.databaseUrl, WARDEN_LOG_LEVEL: 'silent', NODE_OPTIONS: '', WARDEN_TOKEN: token };
      const cli = (args: string[], input?: string) => {
        const p = run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env });
        if (input !== undefined) {
          p.child.stdin!.end(input);
        }
        return p;
      };
      const hash = async () => (await h.ctx.db.selectFrom('staff_credentials').select('password_hash').where('staff_id', '=', staff.id).executeTakeFirstOrThrow()).password_hash;

      expect((await cli(['staff', 'password', 'op@warden.test', '--password', 'first-password'])).stdout).toContain('password set');
      expect(await passwordMatches(await hash(), 'first-password')).toBe(true);
      await cli(['staff', 'password', 'OP@warden.test'], 'second-password\n');
      expect(await passwordMatches(await hash(), 'second-password')).toBe(true);
      await expect(cli(['staff', 'password', 'op@warden.test', '--password', 'short'])).rejects.toMatchObject({ stderr: expect.stringContaining('password: must be 8 to 1024 characters') });
      await expect(cli(['staff', 'password', 'nobody@warden.test', '--password', 'long enough'])).rejects.toMatchObject({ stderr: expect.stringContaining('not found') });
      await h.ctx.transaction((tx) => h.ctx.staff.create(tx, SYSTEM, { name: 'Other', email: 'other@warden.test', role: 'agent', employment: 'employee' }));
      await expect(cli(['staff', 'password', 'other@warden.test', '--password', 'long enough'])).rejects.toMatchObject({ stderr: expect.stringContaining('only for yourself') });

      const enrolled = (await cli(['staff', 'totp', 'op@warden.test'])).stdout;
      const secret = /secret: ([A-Z2-7]+)/.exec(enrolled)![1]!;
      expect(enrolled).toMatch(/uri: +otpauth:\/\/totp\/Warden:op%40warden\.test\?.*secret=/);
      const printed = (await cli(['staff', 'totp', 'op@warden.test', '--code'])).stdout.trim();
      // the command runs on the real clock: the code of this step or a neighbour
      const now = Date.now();
      expect(await Promise.all([-STEP, 0, STEP].map((d) => totpCode(secret, now + d)))).toContain(printed);
      expect(JSON.stringify(await h.ctx.audit.list(h.ctx.db, { limit: 1000 }))).not.toContain(secret);
      expect((await auditByAction(h.ctx.db, 'staff.totp_enrolled')).length).toBe(1);
      expect((await auditByAction(h.ctx.db, 'staff.password_set')).length).toBe(2);
    } finally {
      await h.cleanup();
    }
  }, 60_000);
});
