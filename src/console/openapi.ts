/**
 * The console's API types come from the server's own OpenAPI document: the app
 * is created in-process on an empty in-memory store and asked for /openapi.json,
 * and openapi-typescript turns it into console/api/schema.d.ts.
 * One set of zod schemas → validation, OpenAPI, and the console's types.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import pino from 'pino';
import { testConfig } from '../test-config.js';
import { AppContext } from '../context.js';
import { createApp } from '../http/app.js';

export const SCHEMA_FILE = new URL('../../console/api/schema.d.ts', import.meta.url);

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const ctx = await AppContext.create(testConfig(':memory:'), { logger: pino({ level: 'silent' }) });
  try {
    const res = await createApp(ctx).request('/openapi.json');
    if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  } finally {
    await ctx.close();
  }
}

/**
 * zod's converter writes a nullable reference as `allOf: [$ref, {type: [object, null]}]`,
 * which openapi-typescript reads as `T & (Record<string, never> | null)` — an object with
 * no properties. Say what it means instead: `anyOf: [$ref, {type: null}]`.
 */
export function normalizeNullableRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeNullableRefs);
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const all = o.allOf;
  if (Array.isArray(all) && all.length === 2) {
    const [ref, nul] = all as Record<string, unknown>[];
    const t = nul?.type;
    if (ref?.$ref && Array.isArray(t) && t.includes('null') && Object.keys(nul!).length === 1) {
      const { allOf: _drop, ...rest } = o;
      return { ...normalizeNullableRefs(rest) as object, anyOf: [ref, { type: 'null' }] };
    }
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, normalizeNullableRefs(v)]));
}

export async function schemaSource(): Promise<string> {
  const ast = await openapiTS(JSON.stringify(normalizeNullableRefs(await openApiDocument())));
  return [
    '/**',
    ' * Generated from Warden\'s OpenAPI document by `npm run console:schema`; do not edit.',
    ' * test/console-schema.test.ts fails when it is stale.',
    ' */',
    '',
    astToString(ast),
  ].join('\n');
}
