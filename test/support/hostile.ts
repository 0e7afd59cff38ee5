/**
 * Hostile requests derived from Warden's own /openapi.json: every operation,
 * with its path parameters, query and body drawn from the schemas the
 * document declares — valid values (so requests reach the services), each
 * then broken in one place (a wrong type, a number past its bound, text no
 * store keeps, unicode tricks, injections, a huge or deep value), plus whole
 * bodies that are not what the route reads, wrong content types and methods,
 * and every role's token or none. fast-check arbitraries; pure, no I/O.
 */
import fc from 'fast-check';
import { Authorizer } from '../../src/policy/authorizer.js';
import { isOperation } from '../../src/policy/operations.js';

/** Who may call each route is the operation rules' to say: the description names the route's operation and its callers. */
const authorizer = Authorizer.load('policies');
function rolesOf(description: string): string[] {
  const m = /Operation: ([a-z.-]+) \(([^;]*);/m.exec(description);
  if (!m || !isOperation(m[1]!)) return [];
  const service = m[2] !== 'staff' && authorizer.call({ type: 'Service' }, m[1]).allowed;
  return [...authorizer.rolesPermitted(m[1]), ...(service ? ['service'] : [])];
}

type Schema = Record<string, any>;

export interface Operation {
  method: string;
  /** the OpenAPI path, `/v1/cases/{id}` */
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[];
  body: { schema: Schema; required: boolean } | null;
  /** the roles the policy lets call the route's operation (and 'service'); empty for a public route */
  roles: string[];
}

export interface HostileRequest {
  method: string;
  /** the request target: path and query, already encoded */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** which operation (or other source) it was drawn from */
  source: string;
}

/** What the generator may name: ids that exist, tokens by role. Mutable: the run adds ids as requests create them. */
export interface Pools {
  accounts: string[];
  staff: string[];
  cases: number[];
  actions: string[];
  alerts: number[];
  enrolments: string[];
  tokensOf: Record<string, string[]>;
  policyFiles: Record<string, string>;
}

export function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      const body = op.requestBody?.content?.['application/json'];
      const roles = rolesOf(op.description ?? '');
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p: Schema) => ({ name: p.name, in: p.in, required: !!p.required, schema: p.schema ?? {} })),
        body: body ? { schema: body.schema, required: !!op.requestBody.required } : null,
        roles: (op.security ?? []).length === 0 ? [] : roles,
      });
    }
  }
  return ops;
}

// ---------- nasty values ----------

const SQL = ["' OR '1'='1", "'; DROP TABLE audit_log; --", '" OR ""="', '1; SELECT pg_sleep(5)--', "\\'; delete from staff; --", '%', '_', '\\', "$$; select 1; $$"];
const JSONISH = ['{"__proto__":{"admin":true}}', '"},"role":"admin","x":{"', '\\u0000', '\\ud800', '</script><script>alert(1)</script>', '${7*7}', '{{7*7}}', '../../etc/passwd'];
const UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udbff',
  '\udc00y',
  '\u202e\u0644\u0627 evil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'e\u0301\u0301\u0301',
  '\u{1f600}\u{1f469}\u200d\u{1f4bb}',
  '\uffff\ufffe',
  '\u0085\u2028\u2029',
  'ＡＢＣ１６',
  'İıſK',
  '\t\r\n\v\f',
  '\u001b[31m',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...SQL, ...JSONISH, ...UNICODE, '', ' ', 'null', 'undefined', 'NaN', '-0', '0x10', '1e1', ' 16', '016', '+16'),
  },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '\u202e', '\u200b', 'a', "'", '"', '\\', '%', '/'), maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 24 }) },
  // past every field's maximum, and (in a URL) past the server's header limit
  { weight: 1, arbitrary: fc.constantFrom(300, 2_000, 9_000, 20_000).map((n) => 'x'.repeat(n)) },
);

const EDGE_NUMBERS = [8.64e15, 8.64e15 + 1, -8.64e15, -8.64e15 - 1, -1, -0, 0, 0.5, 1e300, -1e300, 2 ** 53, 2 ** 53 + 2, 2 ** 31, 2 ** 63, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 253402300800000, 1e-300];
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

const deep = (n: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

/** Any value where a typed one belongs. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }, { __proto__: 1 }, { constructor: { prototype: {} } }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 40 }).map((n) => deep(n, 'x')) },
  { weight: 1, arbitrary: fc.constantFrom(100, 1_000, 3_000).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ---------- values from a schema ----------

export class SchemaValues {
  constructor(
    private readonly doc: Schema,
    private readonly pools: Pools,
  ) {}

  private resolve(s: Schema): Schema {
    let out = s;
    for (let i = 0; out?.$ref && i < 10; i++) out = this.doc.components.schemas[String(out.$ref).split('/').pop()!];
    return out ?? {};
  }

  /** Values the schema accepts (mostly), with domain ids where a field names one. */
  valid(s0: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(s0);
    const known = this.named(name, s);
    if (known) return known;
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.const !== undefined) return fc.constant(s.const);
    const alts = s.anyOf ?? s.oneOf;
    if (alts) return fc.oneof(...alts.map((a: Schema) => this.valid(a, name, depth)));
    if (s.allOf) return this.valid(s.allOf[0], name, depth);
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type ?? 'object'];
    const type = types.find((t) => t !== 'null') ?? 'null';
    const nullable = types.includes('null');
    const base = this.ofType(type, s, name, depth);
    return nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
  }

  private ofType(type: string, s: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'string': {
        if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.constant('lead@warden.test'));
        const max = Math.min(s.maxLength ?? 40, 40);
        const min = Math.min(s.minLength ?? 0, max);
        if (s.pattern) {
          try {
            return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? 1e9));
          } catch {
            /* a pattern JavaScript cannot read: plain text */
          }
        }
        return fc.oneof(fc.string({ minLength: Math.max(min, 0), maxLength: Math.max(max, min) }), fc.constant('a'.repeat(Math.max(min, 12))));
      }
      case 'integer':
      case 'number': {
        const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000);
        const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
        const now = Date.now();
        // an instant is mostly near now, where the rules judge it
        const instants = lo <= now && hi >= now + 86_400_000 * 2 ? [fc.integer({ min: now - 60_000, max: now + 86_400_000 * 2 })] : [];
        return fc.oneof(fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, Math.max(lo, -(2 ** 31)) + 10_000_000) }), fc.constantFrom(lo, hi), ...instants);
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const max = Math.min(s.maxItems ?? 4, 4);
        return fc.array(this.valid(s.items ?? {}, name, depth + 1), { minLength: Math.min(s.minItems ?? 0, max), maxLength: max });
      }
      case 'object': {
        if (depth > 4) return fc.constant({});
        const props = Object.entries<Schema>(s.properties ?? {});
        const required = new Set<string>(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of props) record[k] = this.valid(v, k, depth + 1);
        const fixed = fc.record(record, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
        if (!s.additionalProperties || typeof s.additionalProperties !== 'object') return fixed;
        const extra = fc.dictionary(this.valid(s.propertyNames ?? { type: 'string', maxLength: 20 }, `${name}.key`) as fc.Arbitrary<string>, this.valid(s.additionalProperties, name, depth + 1), {
          maxKeys: 3,
        });
        return fc.tuple(fixed, extra).map(([a, b]) => ({ ...b, ...(a as object) }));
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** A field whose name says what it refers to: mostly ids that exist, sometimes ones that do not. */
  private named(name: string, s: Schema): fc.Arbitrary<unknown> | null {
    const p = this.pools;
    const some = <T>(pool: () => T[], other: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: fc.constant(null).chain(() => (pool().length ? fc.constantFrom(...pool()) : other)) }, { weight: 1, arbitrary: other });
    switch (name) {
      case 'accountId':
        return some(() => p.accounts, fc.constantFrom('acct_none', 'ACCT_0001', 'acct_0001 '));
      case 'targetId':
        return some(() => [...p.accounts, ...p.staff.filter((id) => id.startsWith('stf_v')), 'active'], fc.constantFrom('acct_none', 'stf_none', 'inactive'));
      case 'caseId':
        return some(() => p.cases, fc.integer({ min: 1, max: 1_000_000 }));
      case 'restoresActionId':
        return some(() => p.actions, fc.constantFrom('act_none', 'act_0000000000000000'));
      case 'policyFiles':
        return fc.oneof(fc.constant(p.policyFiles), fc.constant({ 'a.cedar': 'permit(principal, action, resource);' }), fc.constant({}));
      case 'reporterId':
        return fc.constantFrom('u_1', 'u_2', 'u_3', 'reporter-x');
      case 'totp':
        return fc.stringMatching(/^[0-9]{6}$/);
      default:
        return s.type === 'string' && /Id$/.test(name) ? null : null;
    }
  }
}

// ---------- breaking a valid value in one place ----------

type Json = unknown;

/** `value` with one position (chosen by `choices`) replaced, dropped, or given a sibling. */
export function mutateAt(value: Json, choices: number[], op: 'replace' | 'drop' | 'add', nasty: Json, key: string): Json {
  if (choices.length === 0 || value === null || typeof value !== 'object') return op === 'drop' ? undefined : nasty;
  const [c, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return op === 'add' ? [nasty] : nasty;
    const i = c! % value.length;
    const out = value.slice();
    const child = mutateAt(out[i], rest, op, nasty, key);
    if (child === undefined) out.splice(i, 1);
    else out[i] = child;
    return out;
  }
  const keys = Object.keys(value);
  if (keys.length === 0 || (op === 'add' && rest.length === 0)) return { ...(value as object), [key]: nasty };
  const k = keys[c! % keys.length]!;
  const out: Record<string, Json> = { ...(value as Record<string, Json>) };
  const child = mutateAt(out[k], rest, op, nasty, key);
  if (child === undefined) delete out[k];
  else out[k] = child;
  return out;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'role', 'id', 'state', 'extra', '', '\u0000', '\ud800', 'a'.repeat(300)];

export const broken = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc
    .tuple(valid, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom<'replace' | 'drop' | 'add'>('replace', 'replace', 'replace', 'drop', 'add'), nastyValue, fc.constantFrom(...EXTRA_KEYS))
    .map(([v, choices, op, nasty, key]) => mutateAt(v, choices, op, nasty, key) ?? {});

/** Whole bodies that are not what any route reads. */
const rawBodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'null', '[]', '"x"', '0', 'true', '{', '{"a":', '{"a":1,}', "{'a':1}", '\ufeff{}', '{"a":1}{"b":2}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}', 'NaN', '{"a":1e999}'),
  fc.integer({ min: 20, max: 5_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`),
  fc.integer({ min: 70_000, max: 300_000 }).map((n) => `{"a":"${'x'.repeat(n)}"}`),
  fc.string({ unit: 'binary', maxLength: 64 }),
);

// ---------- encoding ----------

/** Percent-encodes any UTF-16 text, lone surrogates too (as the three bytes a lenient encoder would send). */
export function encodeAny(s: string): string {
  if (!/[\ud800-\udfff]/.test(s)) return encodeURIComponent(s);
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += `%${(0xe0 | (cp >> 12)).toString(16)}%${(0x80 | ((cp >> 6) & 0x3f)).toString(16)}%${(0x80 | (cp & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

const RAW_SEGMENTS = ['%', '%ZZ', '%00', '%2F', '..', '.', '%2e%2e', '%C0%AF', '%E0%80%80', '%ED%A0%80', '%FF', 'a%20b', '%0A', '~', ';x', 'x?y', ''];

// ---------- requests ----------

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'application/xml', 'application/json-patch+json', 'application/json; charset=utf-16', 'application/jsonp', 'application/json, text/plain'];
// TRACE and CONNECT: no fetch client sends them
const WRONG_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'FOO'];

export function requestArbitrary(doc: Schema, pools: Pools, bogusTokens: string[]): fc.Arbitrary<HostileRequest> {
  const values = new SchemaValues(doc, pools);
  const ops = operationsOf(doc);
  const allRoles = Object.keys(pools.tokensOf);
  const tokenFor = (op: Operation): fc.Arbitrary<string | null> => {
    const allowed = op.roles.filter((r) => pools.tokensOf[r]?.length);
    const ofRole = (roles: string[]) => fc.constantFrom(...roles).chain((r) => fc.constantFrom(...pools.tokensOf[r]!));
    return fc.oneof(
      { weight: allowed.length ? 14 : 0, arbitrary: allowed.length ? ofRole(allowed) : fc.constant(null) },
      { weight: 2, arbitrary: ofRole(allRoles) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...bogusTokens) },
    );
  };
  const pathValue = (name: string, schema: Schema): fc.Arbitrary<string> => {
    const existing = (): (string | number)[] =>
      /enrolmentId/.test(name) ? pools.enrolments : /tokenId/.test(name) ? [] : [...pools.cases, ...pools.actions, ...pools.accounts, ...pools.alerts, ...pools.staff];
    return fc.oneof(
      { weight: 6, arbitrary: values.valid(schema, name).map((v) => encodeAny(String(v))) },
      { weight: 6, arbitrary: fc.constant(null).chain(() => (existing().length ? fc.constantFrom(...existing()).map((v) => encodeAny(String(v))) : fc.constant('1'))) },
      { weight: 3, arbitrary: nastyString.map(encodeAny) },
      { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    );
  };
  const opArb = (op: Operation): fc.Arbitrary<HostileRequest> => {
    const pathParams = op.params.filter((p) => p.in === 'path');
    const queryParams = op.params.filter((p) => p.in === 'query');
    const pathArb = fc.tuple(...pathParams.map((p) => pathValue(p.name, p.schema))).map((vs) => {
      let out = op.path;
      pathParams.forEach((p, i) => (out = out.replace(`{${p.name}}`, vs[i] || 'x')));
      return out;
    });
    const queryArb = fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(
            fc.oneof(
              { weight: 5, arbitrary: values.valid(p.schema, p.name).map((v) => String(v)) },
              { weight: 2, arbitrary: nastyString },
              { weight: 1, arbitrary: nastyNumber.map(String) },
            ),
            { freq: 2, nil: undefined },
          ),
        ),
        fc.option(fc.tuple(fc.constantFrom('extra', 'limit', '__proto__', ''), nastyString), { freq: 5, nil: undefined }),
      )
      .map((vs) => {
        const extra = vs.pop() as [string, string] | undefined;
        const parts = (vs as (string | undefined)[]).flatMap((v, i) => (v === undefined ? [] : [`${encodeURIComponent(queryParams[i]!.name)}=${encodeAny(v)}`]));
        if (extra) parts.push(`${encodeAny(extra[0])}=${encodeAny(extra[1])}`);
        return parts.length ? `?${parts.join('&')}` : '';
      });
    const bodyArb: fc.Arbitrary<string | undefined> = op.body
      ? fc.oneof(
          { weight: 5, arbitrary: values.valid(op.body.schema).map((v) => JSON.stringify(v)) },
          { weight: 5, arbitrary: broken(values.valid(op.body.schema)).map((v) => JSON.stringify(v)) },
          { weight: 1, arbitrary: rawBodies },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
      : fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('{}') }, { weight: 1, arbitrary: rawBodies });
    const typeArb = fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) });
    const methodArb = fc.oneof({ weight: 18, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG_METHODS) });
    const keyArb = fc.option(fc.oneof(fc.uuid(), fc.constantFrom('k1', 'k2'), nastyString.filter((s) => s.length < 2000 && /^[\x21-\x7e\xa0-\xff]([\x20-\x7e\xa0-\xff]*[\x21-\x7e\xa0-\xff])?$/.test(s))), { freq: 6, nil: undefined });
    return fc.record({ path: pathArb, query: queryArb, body: bodyArb, type: typeArb, method: methodArb, token: tokenFor(op), key: keyArb }).map((r) => {
      const headers: Record<string, string> = {};
      if (r.token !== null) headers.authorization = `Bearer ${r.token}`;
      if (r.body !== undefined && r.type !== null) headers['content-type'] = r.type;
      if (r.key !== undefined) headers['idempotency-key'] = r.key;
      const bodyless = r.method === 'GET' || r.method === 'HEAD';
      return { method: r.method, target: r.path + r.query, headers, body: bodyless ? undefined : r.body, source: `${op.method} ${op.path}` };
    });
  };
  return fc.oneof(...ops.map((op) => opArb(op)));
}
