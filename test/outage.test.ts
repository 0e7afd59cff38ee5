/**
 * The outage test (issue 11, Done means): `warden start` as a real process
 * under mixed load while the reference platform stalls (answers only after
 * Warden's timeout: it did the work, Warden never heard), then fails (503 to
 * everything), then goes away (its port closed), then comes back; on
 * PostgreSQL, Warden's backends are terminated (pg_terminate_backend) every
 * couple of seconds throughout. It ends with every action delivered exactly
 * once and in order, the outage alerted once while it lasted (and said in
 * /readyz), every give-up alerted (actions on an account the platform does
 * not know), and the same Warden process serving throughout: no restart.
 *
 * Compressed time: the issue's outages lasted minutes; here each stretch
 * lasts OUTAGE_STRETCH_MS of real time (60 s of outage in all), with the
 * platform timeout at 1.5 s (default 5 s), the outage declared after 3 s of
 * failing sends (default 15 s) and a retry budget (500 attempts, backoff
 * capped at 2 s) that outlasts the outage, as the default budget (about half
 * an hour) outlasts one of minutes. Duration: about 2 minutes per store.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../src/test-config.js';
import { STORES } from './support/harness.js';
import { MixedLoad } from './support/live-load.js';
import { auditVerifyCli, settle, verifyLive } from './support/live-verify.js';
import { makeLive } from './support/live.js';

const SEED = Number(process.env.WARDEN_OUTAGE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OUTAGE_STRETCH_MS = 20_000;
const PLATFORM_TIMEOUT_MS = 1500;
/** how late the stalled platform answers: well past Warden's timeout */
const STALL_MS = 6000;
const TERMINATE_EVERY_MS = 2000;
const GHOST = 'acct_ghost';

/** Terminates the backends of the store's connections (named `warden:<schema>` in pg_stat_activity) every `everyMs`, until stopped. */
function backendTerminator(schema: string, everyMs: number) {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  let stopped = false;
  const figures = { rounds: 0, terminated: 0 };
  const run = (async () => {
    await client.connect();
    while (!stopped) {
      await sleep(everyMs);
      if (stopped) break;
      const r = await client.query<{ ok: boolean }>(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
        [`warden:${schema}`.slice(0, 63)],
      );
      figures.rounds++;
      figures.terminated += r.rows.filter((x) => x.ok).length;
    }
    await client.end();
  })();
  return {
    figures,
    async stop() {
      stopped = true;
      await run;
    },
  };
}

describe.each(STORES)('platform outage%s', (kind) => {
  it(`on ${kind}: every action delivered once after the platform stalled, failed and went away; outage and give-ups alerted; no restart`, async () => {
    const seed = (SEED + (kind === 'sqlite' ? 0 : 1)) >>> 0;
    console.log(`[outage ${kind}] seed ${seed} (replay: WARDEN_OUTAGE_SEED=${SEED})`);
    const live = await makeLive(kind, {
      unknownToPlatform: [GHOST],
      env: {
        WARDEN_PLATFORM_TIMEOUT_MS: String(PLATFORM_TIMEOUT_MS),
        WARDEN_DELIVERY_LOCK_MS: '5000',
        WARDEN_DELIVERY_OUTAGE_AFTER_MS: '3000',
        WARDEN_DELIVERY_MAX_ATTEMPTS: '500',
      },
    });
    try {
      const warden = await live.start();
      const pid = warden.proc.pid;
      const terminator = kind === 'postgres' ? backendTerminator(live.env.WARDEN_DATABASE_SCHEMA!, TERMINATE_EVERY_MS) : null;
      const load = new MixedLoad(live, { seed, ghosts: [GHOST] });
      load.start();

      // /readyz as a load balancer sees it, throughout
      const readyz: { at: number; status: number; body: string }[] = [];
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          try {
            const res = await fetch(`${warden.url}/readyz`, { signal: AbortSignal.timeout(5000) });
            readyz.push({ at: Date.now(), status: res.status, body: await res.text() });
          } catch (err) {
            readyz.push({ at: Date.now(), status: 0, body: String(err) });
          }
          await sleep(500);
        }
      })();

      await sleep(5000);
      const outageStart = Date.now();
      // 1. stalls: every call answered STALL_MS late, after Warden gave up waiting (the work is done all the same)
      await live.fault({ down: false, latencyMs: STALL_MS });
      await sleep(OUTAGE_STRETCH_MS);
      // 2. fails: 503 to everything
      await live.fault({ down: true });
      await sleep(OUTAGE_STRETCH_MS);
      // 3. gone: nothing listens on its port
      await live.platformDown();
      await sleep(OUTAGE_STRETCH_MS);
      await live.platformUp();
      const outageEnd = Date.now();
      await sleep(10_000);

      await load.stop();
      await terminator?.stop();
      const settled = await settle(live, 120_000);
      watching = false;
      await watcher;
      const alive = warden.proc.exitCode === null && warden.proc.signalCode === null && live.warden === warden;

      const store = await live.openStore();
      const alerts = await store.db.selectFrom('alerts').select(['id', 'kind', 'created_at', 'summary']).where('kind', 'in', ['platform_unreachable', 'platform_reachable']).orderBy('id').execute();
      await store.close();
      const exit = await warden.stop();
      const verdict = await verifyLive(live, load.ledger, { giveUpsExpectedOn: [GHOST], allowLapsed: true });
      const audit = auditVerifyCli(live);

      const unanswered = readyz.filter((r) => r.status !== 200);
      const down = alerts.filter((a) => a.kind === 'platform_unreachable');
      const back = alerts.filter((a) => a.kind === 'platform_reachable');
      // from a moment after the outage was declared until the platform came back
      const declared = down[0]?.created_at ?? outageEnd;
      const during = readyz.filter((r) => r.at > declared + 1000 && r.at < outageEnd);
      const f = load.figures;
      console.log(
        [
          `[outage ${kind}] seed ${seed}: outage ${Math.round((outageEnd - outageStart) / 1000)} s (stalled ${OUTAGE_STRETCH_MS / 1000} s at ${STALL_MS} ms a call against a ${PLATFORM_TIMEOUT_MS} ms timeout, 503 for ${OUTAGE_STRETCH_MS / 1000} s, port closed ${OUTAGE_STRETCH_MS / 1000} s)`,
          terminator ? `  PostgreSQL backends terminated: ${terminator.figures.terminated} in ${terminator.figures.rounds} rounds, every ${TERMINATE_EVERY_MS} ms` : '  (SQLite: no backends to terminate)',
          `  requests ${f.requests} (answers by status ${JSON.stringify(f.statuses)}; ${f.cut} got no answer ${JSON.stringify(f.cutBy)})`,
          `  acknowledged: ${verdict.figures.reportsAcked} reports, ${verdict.figures.actionsAcked} actions, ${verdict.figures.approvalsAcked} approvals`,
          `  executed ${verdict.figures.executedInStore}: delivered ${verdict.figures.delivered}, given up ${verdict.figures.failed} (on ${GHOST}), lapsed ${verdict.figures.lapsed} (${verdict.figures.lapsedAfterASend} after a send); delivery ms p50 ${verdict.figures.deliveryMs.p50} p95 ${verdict.figures.deliveryMs.p95} max ${verdict.figures.deliveryMs.max}; sends whose outcome failed to record ${verdict.figures.unrecordedSends} (${verdict.figures.unrecordedByDeadlock} deadlocks); platform applied ${verdict.figures.appliedByPlatform}; give-up alerts ${verdict.figures.giveUpAlerts}; drifts ${verdict.figures.drifts}`,
          `  outage alerts: ${down.length} unreachable (${down.map((a) => `+${Math.round((a.created_at - outageStart) / 1000)} s`).join(', ')}), ${back.length} reachable again (${back.map((a) => `+${Math.round((a.created_at - outageStart) / 1000)} s`).join(', ')})`,
          `  /readyz: ${readyz.length} probes, ${unanswered.length} not 200; during the outage e.g. ${during[Math.floor(during.length / 2)]?.body ?? 'none'}`,
          `  same process throughout: ${alive ? `yes (pid ${pid})` : `NO: ${JSON.stringify({ exitCode: warden.proc.exitCode, signal: warden.proc.signalCode })}\n${warden.output().slice(-2000)}`}`,
          `  settled: ${settled.ok ? 'yes' : 'NO'} after ${settled.waitedMs} ms ${settled.ok ? '' : settled.detail}; SIGTERM exit ${JSON.stringify(exit)}`,
          `  audit verify: ${audit.output.split('\n')[0]}`,
          ...(f.serverErrors.length ? [`  5xx answers: ${f.serverErrors.slice(0, 5).join(' | ')}`] : []),
          ...verdict.problems.map((p) => `  PROBLEM: ${p}`),
        ].join('\n'),
      );

      expect(alive, 'the Warden process rode out the outage and the cut connections').toBe(true);
      // the cuts happened: Warden names its connections `warden:<schema>` in pg_stat_activity (src/db/database.ts)
      if (terminator) expect(terminator.figures.terminated).toBeGreaterThan(10);
      expect(verdict.problems).toEqual([]);
      expect(settled.ok, `still in flight: ${settled.detail}`).toBe(true);
      expect(verdict.figures.failed, 'the actions on the unknown account were given up on').toBeGreaterThan(0);
      // one outage, alerted once, while it lasted; and its end
      expect(down.length).toBe(1);
      expect(down[0]!.created_at).toBeGreaterThan(outageStart);
      // while the outage is still young: failing sends for WARDEN_DELIVERY_OUTAGE_AFTER_MS (3 s) declare it, so it is
      // declared before the platform has even gone away (the stall and the 503s are 40 s). Not a speed target: on a loaded
      // machine the first timed-out sends come late, 17 s has been seen.
      expect(down[0]!.created_at).toBeLessThan(outageStart + 2 * OUTAGE_STRETCH_MS);
      expect(back.length).toBe(1);
      expect(back[0]!.created_at).toBeGreaterThan(outageEnd - 1);
      // /readyz said so while it lasted
      // (a probe that met a terminated backend answers 503 for the store, not for the platform: it says nothing of the platform)
      const answered = during.filter((r) => r.status === 200);
      expect(answered.length).toBeGreaterThan(0);
      const silent = answered.filter((r) => !/"platform":"unreachable"/.test(r.body));
      expect(silent, `readyz during the outage: ${silent[0]?.body}`).toEqual([]);
      expect(audit.ok, audit.output).toBe(true);
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      await live.close();
    }
  }, 420_000);
});
