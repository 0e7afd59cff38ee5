/**
 * Serves the built web console (the React app in console/, built into dist/console by src/console/build.ts) at `/`:
 * hashed assets cached for good, every other page path answered with index.html
 * so the browser's router takes over. /v1 and the operational endpoints never
 * reach here.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console', import.meta.url));

const RESERVED = /^\/(v1|openapi\.json|healthz|readyz|metrics)(\/|$)/;

// The console talks only to its own origin and is never framed (an approval screen must not be clickjacked).
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
};

// Generic over the app's env so the typed OpenAPIHono can mount it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serveConsole(app: Hono<any>, dir = CONSOLE_DIR): void {
  const index = path.join(dir, 'index.html');
  app.use('/assets/*', securityHeaders, async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // made on first use: the console may be built after the app is created, or never (API-only tests)
  let files: MiddlewareHandler | undefined;
  const staticFiles: MiddlewareHandler = (c, next) => (files ??= serveStatic({ root: dir }))(c, next);
  app.get('/assets/*', staticFiles);
  app.get('/favicon.svg', staticFiles);
  app.get('*', securityHeaders, async (c, next) => {
    if (RESERVED.test(c.req.path) || path.extname(c.req.path) !== '') return next();
    if (!fs.existsSync(index)) {
      return c.text('The web console is not built. Run `npm run console:build` (npm start does it for you).', 503);
    }
    c.header('Cache-Control', 'no-store');
    return c.html(fs.readFileSync(index, 'utf8'));
  });
}
