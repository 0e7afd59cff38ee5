/**
 * What a request body may cost before anything parses it. Every route has a
 * size (sign-in needs kilobytes, a report batch its thousand reports), and
 * every body a depth and a number of entries (keys and items). Both are
 * judged on the raw text, in one linear pass that allocates nothing, before
 * `JSON.parse` and the schema: a million keys or ten thousand nested arrays
 * cost a scan, never a parse, a validation or an error list of their size.
 * Over the size: 413; over the shape: 400; each naming the limit. Nothing is
 * parsed, so nothing is written.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_POLICY_FILES, MAX_POLICY_FILE_BYTES } from '../actions/model.js';
import { DomainError } from '../errors.js';
import { MAX_BATCH } from '../reports/model.js';
import { MAX_IMPORT } from '../accounts/model.js';
import { MAX_BULK_TARGETS } from '../actions/bulk-model.js';
import { PLATFORM_WEBHOOK_PATH } from './routes/tripwires.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyLimit {
  /** bytes of body */
  bytes: number;
  /** nesting of objects and arrays */
  depth: number;
  /** keys of objects plus items of arrays, over the whole body */
  entries: number;
}

/** Anything not named below: one object with a few texts in it. */
export const DEFAULT_LIMIT: BodyLimit = { bytes: 64 * KiB, depth: 16, entries: 2_000 };
/** Sign-in, step-up, logout, redeeming an enrolment: an email, a password, a code. */
const SIGN_IN: BodyLimit = { bytes: 8 * KiB, depth: 4, entries: 64 };

/**
 * Routes by exact path, and by prefix (ending in `/`). A batch is sized to its
 * declared item cap: a report averages well under 16 KiB (a batch of reports
 * each at every field's maximum is split), an imported account under 1 KiB.
 */
export const ROUTE_LIMITS: Record<string, BodyLimit> = {
  '/v1/session/': SIGN_IN,
  '/v1/enrolments/redeem': SIGN_IN,
  [PLATFORM_WEBHOOK_PATH]: { bytes: 256 * KiB, depth: 16, entries: 4_000 },
  '/v1/reports': { bytes: 64 * KiB, depth: 8, entries: 200 },
  '/v1/reports/batch': { bytes: MAX_BATCH * 16 * KiB, depth: 8, entries: MAX_BATCH * 40 },
  '/v1/accounts/import': { bytes: MAX_IMPORT * KiB, depth: 8, entries: MAX_IMPORT * 16 },
  // a proposal, with a change_policy's whole set: files × bytes per file, with room for JSON escapes
  '/v1/actions': { bytes: 2 * MiB, depth: 8, entries: MAX_POLICY_FILES + 200 },
  '/v1/actions/preview': { bytes: 2 * MiB, depth: 8, entries: MAX_POLICY_FILES + 200 },
  // a bulk: its account ids (128 bytes at most, quoted and comma'd) and a few fields
  '/v1/actions/bulk': { bytes: MAX_BULK_TARGETS * 132 + 64 * KiB, depth: 4, entries: MAX_BULK_TARGETS + 50 },
};
// the set at its maximum must fit the body (escaped text can take more bytes than it holds)
if (MAX_POLICY_FILES * MAX_POLICY_FILE_BYTES > 2 * MiB) throw new Error('the proposal body limit is below the policy set limit');

export function limitOf(path: string): BodyLimit {
  const exact = ROUTE_LIMITS[path];
  if (exact) return exact;
  for (const [prefix, limit] of Object.entries(ROUTE_LIMITS)) if (prefix.endsWith('/') && path.startsWith(prefix)) return limit;
  return DEFAULT_LIMIT;
}

const sizeText = (bytes: number) => (bytes >= MiB ? `${(bytes / MiB).toFixed(bytes % MiB ? 1 : 0)} MiB` : `${Math.round(bytes / KiB)} KiB`);

/**
 * The first way `text` (read as JSON) goes past `limit`'s depth or entries,
 * or null. Counts outside strings only: `{`/`[` open a level, a `,` or the
 * first value of a container is an entry. Not a validator: text that is not
 * JSON is left to the parser, which will refuse it cheaply.
 */
export function shapeProblem(text: string, limit: Pick<BodyLimit, 'depth' | 'entries'>): string | null {
  let depth = 0;
  let entries = 0;
  let inString = false;
  // after `{` or `[`: the next value or key, if any, is the container's first entry
  let opened = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped unit
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (opened && c !== 0x7d && c !== 0x5d) entries++;
    opened = false;
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit.depth) return `the body nests deeper than ${limit.depth} levels`;
      opened = true;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c) entries++;
    if (entries > limit.entries) return `the body has more than ${limit.entries} keys and items`;
  }
  return null;
}

/** Size and shape caps for every request with a body, by route. */
export function requestLimits(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const limit = limitOf(c.req.path);
    const sized = bodyLimit({
      maxSize: limit.bytes,
      onError: () => {
        throw new DomainError('too_large', `request body over ${sizeText(limit.bytes)}, the limit of ${c.req.path}`, { limitBytes: limit.bytes });
      },
    });
    return sized(c, async () => {
      // read once, within the size; the route's own parser reads the same cached text
      const text = await c.req.text();
      const problem = shapeProblem(text, limit);
      if (problem) {
        throw new DomainError('invalid_input', problem, { fields: [{ path: '(body)', message: problem }], limit: { depth: limit.depth, entries: limit.entries } });
      }
      await next();
    });
  };
}
