/** The console's API types are generated from the server's OpenAPI document and committed; this fails when they are stale. */
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { SCHEMA_FILE, schemaSource } from '../src/console/openapi.js';

test('console/api/schema.d.ts matches the OpenAPI document (else run npm run console:schema)', async () => {
  const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
  expect(committed === (await schemaSource()), 'schema.d.ts is stale: run `npm run console:schema` and commit it').toBe(true);
});
