/**
 * `warden actions execute ID`: the CLI executes an approved action through the
 * same command as `POST /v1/actions/{id}/execute` (src/actions/commands.ts),
 * acting as the holder of the token it presents. Real child processes of
 * `warden` against the test's store, on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../src/actions/store.js';
import { type Cli, cliFor } from './support/cli.js';
import { auditHead } from './support/db.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'repeated credible threats reported by many users';
const MINUTE = 60_000;

describe.each(STORES)('warden actions execute on %s', (kind) => {
  let h: Harness;
  let crew: Crew;
  let cli: Cli;

  beforeAll(async () => {
    h = await makeHarness(kind);
    // the child processes run on the real clock; what is set up here happens ten minutes before they run
    h.clock.set(Date.now() - 10 * MINUTE);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx, 5);
    cli = cliFor(h);
  }, 60_000);
  afterAll(() => h.cleanup());

  const propose = (by: keyof Crew, targetId: string, scheduledFor?: number) => {
    const proposal = { kind: 'deactivate', targetId, reasonCode: 'harassment', justification: JUST, scheduledFor } as const;
    return h.ctx.transaction((tx) => h.ctx.actions.propose(tx, crew[by].staff, proposal));
  };

  it('refuses an action still missing approvals, naming what is missing, and writes nothing; only as a holder of a token that may', async () => {
    const waiting = await propose('lead', 'acct_vip');
    expect(waiting.state).toBe('awaiting_approval');
    const before = await auditHead(h.ctx.db);

    const early = await cli(['actions', 'execute', waiting.id], crew.lead.token);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/needs 2 more approvals from lead or admin/);
    expect((await cli(['actions', 'execute', waiting.id])).stderr).toContain('present their own API token');
    expect((await cli(['actions', 'execute', waiting.id], crew.triage.token)).stderr).toContain('a triage may not call actions.execute');

    expect(await auditHead(h.ctx.db)).toEqual(before);
    expect((await h.ctx.actions.get(h.ctx.db, waiting.id)).state).toBe('awaiting_approval');
  }, 120_000);

  it('executes a scheduled action whose time has come, as the API does; then there is nothing left to execute', async () => {
    // proposed by a lead who needs no approval for it (not the one whose hour is spent on acct_vip)
    const scheduled = await propose('lead2', 'acct_0001', h.clock.now() + 5 * MINUTE);
    expect(scheduled.state).toBe('scheduled');

    const done = await cli(['actions', 'execute', scheduled.id], crew.lead.token);
    expect(done.code, done.stderr).toBe(0);
    const action = JSON.parse(done.stdout) as Action;
    expect(action).toMatchObject({ id: scheduled.id, state: 'executed', resultState: { status: 'deactivated', statusUntil: null } });
    const account = await h.ctx.db.selectFrom('accounts').select('status').where('id', '=', 'acct_0001').executeTakeFirstOrThrow();
    expect(account.status).toBe('deactivated');
    const trail = await h.ctx.audit.list(h.ctx.db, { subjectType: 'action', subjectId: scheduled.id });
    expect(trail.find((e) => e.action === 'action.executed')?.after).toMatchObject({ executedBy: 'approval' });
    // on its way to the platform: the running Warden's dispatcher delivers it (the CLI process starts none)
    const row = await h.ctx.db.selectFrom('outbox').select('state').where('idempotency_key', '=', scheduled.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('pending');

    const again = await cli(['actions', 'execute', scheduled.id], crew.agent.token);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is executed; nothing to execute');
  }, 120_000);
});
