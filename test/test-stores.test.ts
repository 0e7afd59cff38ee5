/**
 * The test stores helper (test/support/stores.ts) on PostgreSQL: a schema
 * given back while a backend of the test's just-closed pool is still
 * connected waits for it to go and is reused, not dropped under it.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../src/test-config.js';
import { giveBackSchema, takeSchema } from './support/stores.js';

describe('test stores on PostgreSQL', () => {
  it('waits for a schema’s last backend to exit before reusing it', async () => {
    const url = testPostgresUrl();
    const schema = await takeSchema(url);
    // a connection named the way Warden's own are for this schema, still there as the test ends
    const straggler = new pg.Client({ connectionString: url, application_name: `warden:${schema}`.slice(0, 63) });
    await straggler.connect();
    let closedAt = 0;
    const closing = new Promise<void>((resolve) =>
      setTimeout(() => {
        closedAt = Date.now();
        void straggler.end().then(resolve);
      }, 300),
    );
    await giveBackSchema(url, schema);
    const givenBackAt = Date.now();
    await closing;
    expect(closedAt).toBeGreaterThan(0);
    expect(givenBackAt).toBeGreaterThanOrEqual(closedAt);
    // reused: still there (another test file may already hold it), not dropped
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      expect(found.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
  });
});
