/**
 * The methods each path takes, read from the routes the app declared, so the
 * edge answers like any HTTP server should: OPTIONS names them (204 with
 * `Allow`), a method a path does not take is 405 with `Allow` (an unknown
 * path stays 404), and a body of a type a route does not read is 415. Each is
 * the ordinary JSON error; nothing here touches the store.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { DomainError } from '../errors.js';

/** What a path that takes GET also takes: HEAD (Hono answers it as GET without the body), and OPTIONS everywhere. */
const IMPLIED = ['HEAD', 'OPTIONS'] as const;

interface Template {
  re: RegExp;
  method: string;
}

/**
 * Allowed methods by path, built once from `app.routes` on first use (every
 * route is registered by then). Catch-all paths (`*`: the console's pages,
 * the middleware) take part in no answer: they are not resources.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function methodTable(app: Hono<any>) {
  let templates: Template[] | undefined;
  const build = () =>
    app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ method: r.method, re: new RegExp(`^${r.path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : escape(seg))).join('/')}$`) }));
  return {
    /** The methods `path` takes, in a stable order; empty when no route has this path. */
    allowed(path: string): string[] {
      templates ??= build();
      const found = new Set(templates.filter((t) => t.re.test(path)).map((t) => t.method));
      if (found.size === 0) return [];
      if (found.has('GET')) found.add('HEAD');
      found.add('OPTIONS');
      return [...found].sort(byUsualOrder);
    },
  };
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', ...IMPLIED];
const byUsualOrder = (a: string, b: string) => ORDER.indexOf(a) - ORDER.indexOf(b);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type MethodTable = ReturnType<typeof methodTable>;

/**
 * The method, judged before authentication (it says only what the public
 * /openapi.json already says): OPTIONS on a path that exists is 204 with
 * `Allow`, on one that does not the ordinary 404; any other method a path
 * that exists does not take is 405 with `Allow`. The rest goes on.
 */
export function judgeMethod(table: MethodTable): MiddlewareHandler {
  return async (c, next) => {
    const allowed = table.allowed(c.req.path);
    if (c.req.method === 'OPTIONS') {
      if (allowed.length === 0) throw new DomainError('not_found', `no route ${c.req.path}`);
      return c.body(null, 204, { Allow: allowed.join(', ') });
    }
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      throw new DomainError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; it takes ${allowed.join(', ')}`, { allow: allowed });
    }
    return next();
  };
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/**
 * A route that reads a JSON body refuses any other type with 415 naming the
 * one it reads, before its schema runs: a form or text body is not "invalid
 * input", it is not input at all. A route whose body is optional takes none;
 * if one is sent, it must be JSON too.
 */
export function requireJsonBody(required: boolean): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('content-type');
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    if (!required && !hasBody) return next();
    if (type === undefined || !JSON_TYPE.test(type)) {
      const sent = type === undefined ? 'no Content-Type' : `Content-Type ${JSON.stringify(type.slice(0, 100))}`;
      throw new DomainError('unsupported_media_type', `${c.req.method} ${c.req.path} reads a JSON body (Content-Type: application/json); the request has ${sent}`, {
        expected: 'application/json',
        fields: [{ path: 'header.content-type', message: 'must be application/json' }],
      });
    }
    return next();
  };
}
