/**
 * `npm run test:quick`: the suite while working, in under two minutes on a
 * 2-core machine. The same files as `npm test` (vitest.config.ts, what CI
 * runs) without the long property and multi-process runs, on both stores.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/** Each of these runs Warden as processes of its own, or a property or proof over a large space; `npm test` runs them. */
const LONG_RUNS = [
  'test/crash.test.ts', // warden start killed with SIGKILL 20 times per store under mixed load
  'test/outage.test.ts', // the platform stalled, failing and down for minutes; backends terminated
  'test/multi-instance.test.ts', // several Warden processes on one store
  'test/hostile.test.ts', // thousands of generated hostile requests
  'test/guard-property.test.ts', // the guard property over thousands of generated operations, and its mutants
  'test/claims-concurrency.test.ts', // several processes claiming from one store
  'test/credentials-cli.test.ts', // the credentials commands, each a process of its own
  'test/actions-cli.test.ts', // warden actions execute, each a process of its own
  'test/store-outage.test.ts', // PostgreSQL cut away under load
  'test/durability.test.ts', // kill -9 and power-cut recovery of each store
  // the verifier's own proof over the whole space of facts, for 11 sets (the shipped one and each mutant): ~45 s of
  // CPU, a quarter of the run's. The shipped set is still verified (global-setup.ts) and enforced by every test here.
  'test/policy-verify.test.ts',
  'test/browser/**', // the console in a real browser
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...LONG_RUNS],
      // The files left wait on PostgreSQL, loopback HTTP and child processes
      // as much as they compute: two at a time keep both cores busy (vitest
      // runs one at a time on 2 cores, cores - 1). And one module graph per
      // worker, not one per file: the shipped policy set is loaded (Cedar
      // validates and pre-parses it, about a second) once per worker instead
      // of once per file. No file leaves state behind that another reads;
      // `npm test` still isolates every file.
      maxWorkers: 2,
      isolate: false,
    },
  }),
);
