/**
 * Once per `vitest run`: the shipped policy set is held to Warden's invariants
 * here, and each test process is handed the verification (setup-verified.ts)
 * instead of asking the same ~23,000 decisions again in every file. The answer
 * is the same set's, so nothing is taken on trust: a set of any other version
 * (every mutant a test builds) is still verified where it is loaded, and
 * test/policy-verify.test.ts tests the verification itself.
 *
 * The run also names the templates its test stores are made from (stores.ts),
 * and removes them, and its PostgreSQL schemas, when it ends.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testPostgresUrl } from '../../src/test-config.js';
import { PolicyEngine } from '../../src/policy/engine.js';
import { type Verification, verifyPolicy } from '../../src/policy/invariants.js';
import './stores.js';

declare module 'vitest' {
  export interface ProvidedContext {
    shippedPolicyVerification: Verification;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  project.provide('shippedPolicyVerification', verifyPolicy(PolicyEngine.load('policies')));
  const run = randomBytes(4).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-stores-'));
  project.provide('testStores', { run, dir });
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await dropRunSchemas(`t_${run}`);
  };
}

/** Drops every schema of this run (none if no test used PostgreSQL, which then need not be up). */
async function dropRunSchemas(prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  try {
    await client.connect();
  } catch {
    return; // no server: no test made a schema on it
  }
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE left(nspname, length($1)) = $1`, [prefix]);
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end();
  }
}
