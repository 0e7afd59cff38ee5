/**
 * Invariant 1, as a property: random sequences of staff changes, proposals,
 * approvals, clock moves, freezes and offboardings are driven through the
 * services, and after every step an independent oracle (support/guard-oracle.ts,
 * which restates the shipped rules and never asks Warden's own policy or
 * executor) checks that no critical or elevated account changed status without
 * an action the policy in force allowed, with valid approvals, at the instant
 * of execution. Every ~250 operations the whole store is compared and the audit
 * chain verified.
 *
 * Reproduce a failure with the seed it prints: WARDEN_PROPERTY_SEED=<seed>.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { PolicyEngine } from '../src/policy/engine.js';
import { type Driver, type RunResult, type Scenario, describeOps, runScenario, scenarioArb } from './support/guard-driver.js';
import { GuardOracle } from './support/guard-oracle.js';
import { type Harness, STORES, type StoreKind, makeHarness } from './support/harness.js';

const SEED = process.env.WARDEN_PROPERTY_SEED !== undefined && process.env.WARDEN_PROPERTY_SEED !== '' ? Number(process.env.WARDEN_PROPERTY_SEED) : 20_171_102;

/**
 * Operations per store: runs × (60..100 ops + the drain). The minimum length
 * guarantees the 10,000 the issue asks for on each store.
 */
const VOLUME: Record<StoreKind, { runs: number; minOps: number; maxOps: number }> = {
  sqlite: { runs: 5, minOps: 80, maxOps: 120 },
  postgres: { runs: 5, minOps: 80, maxOps: 120 },
};
const MIN_TOTAL_OPS = 10_000;

async function makeDriver(kind: StoreKind, engine?: PolicyEngine): Promise<{ h: Harness; driver: Driver }> {
  const h = await makeHarness(kind, {}, engine ? { policyEngine: engine } : {});
  // the oracle restates the *shipped* rules: it judges against the shipped version, whatever the store runs
  const shipped = PolicyEngine.load('policies');
  const oracle = new GuardOracle(h.ctx.db, engine ? (await h.ctx.policy.current(h.ctx.db)).version : shipped.version);
  await oracle.init();
  return { h, driver: { ctx: h.ctx, clock: h.clock, oracle, deepEvery: 250, sinceDeep: 0 } };
}

function failureText(r: RunResult, sc: Scenario): string {
  const lines = r.violations.slice(0, 5).map((v) => `after op #${v.step} ${JSON.stringify(v.op)}:\n    ${v.violations.map((x) => x.message).join('\n    ')}`);
  return `invariant 1 violated:\n  ${lines.join('\n  ')}\nwindows: ${JSON.stringify(sc.windows)}\nops:\n${describeOps(sc.ops)}`;
}

describe.each(STORES)('the guard holds under random operations on %s', (kind) => {
  let h: Harness;
  let driver: Driver;

  beforeAll(async () => {
    ({ h, driver } = await makeDriver(kind));
  });
  afterAll(() => h?.cleanup());

  it(`no protected account changes status without an authorized, approved action (≥ ${MIN_TOTAL_OPS} operations)`, async () => {
    const v = VOLUME[kind];
    const started = Date.now();
    let run = 0;
    let ops = 0;
    const outcomes: Record<string, number> = {};
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb(v), async (sc) => {
          const r = await runScenario(driver, `${kind[0]}${run++}_`, sc);
          ops += r.ops;
          for (const [k, n] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
          if (r.violations.length > 0) throw new Error(failureText(r, sc));
        }),
        { numRuns: v.runs, seed: SEED },
      );
    } catch (err) {
      console.error(`guard property failed on ${kind}; reproduce with WARDEN_PROPERTY_SEED=${SEED}`);
      throw err;
    }
    const s = driver.oracle.stats;
    console.info(
      `guard property on ${kind}: seed ${SEED}, ${run} runs, ${ops} operations in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `judged on protected accounts ${JSON.stringify(s.judged)} (critical two-key ${s.criticalTwoKey}), status changes ${s.statusChanges}, guard changes ${JSON.stringify(s.guardChanges)}\n` +
        `outcomes ${JSON.stringify(Object.fromEntries(Object.entries(outcomes).sort()))}`,
    );
    expect(ops).toBeGreaterThanOrEqual(MIN_TOTAL_OPS);
    // not vacuous: the hard paths were reached and judged
    expect(s.criticalTwoKey).toBeGreaterThan(0);
    expect(s.judged['auto-restore'] ?? 0).toBeGreaterThan(0);
    expect(s.judged.lock ?? 0).toBeGreaterThan(0);
  }, 900_000);
});
