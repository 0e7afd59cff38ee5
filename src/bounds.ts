/**
 * Bounded primitives for every schema of the API and the models. Pure.
 *
 * Every instant, duration and count a caller can hand Warden has a stated
 * range (the OpenAPI document shows it), so nothing accepted can later break
 * a date conversion, a comparison or a rendering. Every string is text that
 * survives storage exactly: no NUL (PostgreSQL refuses it, SQLite keeps it,
 * so the stores would differ) and no lone UTF-16 surrogate (it cannot be
 * encoded as UTF-8, so the database would store U+FFFD instead of what was
 * hashed into the audit log).
 */
import { z } from 'zod';

/** The earliest instant Warden accepts: the Unix epoch. */
export const EPOCH_MIN_MS = 0;
/** The latest: 9999-12-31T23:59:59.999Z, the last instant an ISO 8601 year of four digits can name. */
export const EPOCH_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** How far ahead anything may be scheduled: a year. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 86_400_000;
/** More than anyone's reach: bounds follower counts. */
export const MAX_FOLLOWERS = 100_000_000_000;

export const isInstant = (ms: unknown): ms is number =>
  typeof ms === 'number' && Number.isInteger(ms) && ms >= EPOCH_MIN_MS && ms <= EPOCH_MAX_MS;

/** An instant as ISO 8601 text, and a value that is none as what it is: rendering never throws. */
export function instantText(ms: unknown): string {
  return isInstant(ms) ? new Date(ms).toISOString() : `(not an instant: ${String(ms)})`;
}

// in code-point (u) mode a surrogate range matches only a surrogate that is not half of a pair
const UNSTORABLE_RE = /\u0000|[\ud800-\udfff]/u;

/** Why a string cannot be stored exactly, or null when it can. */
export function textProblem(s: string): string | null {
  const m = UNSTORABLE_RE.exec(s);
  if (!m) return null;
  const at = `at position ${m.index}`;
  if (m[0] === '\u0000') return `contains a NUL character (U+0000) ${at}, which cannot be stored`;
  const unit = m[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains a lone UTF-16 surrogate (U+${unit}) ${at}: not valid Unicode text, it cannot be stored as UTF-8`;
}

export interface TextProblemAt {
  path: string;
  message: string;
}

/**
 * The first string (a value or an object key) in a JSON value that cannot be
 * stored exactly, with its path. Iterative, so a deeply nested body cannot
 * overflow the stack.
 */
export function findUnstorableText(value: unknown, root: string[] = []): TextProblemAt | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: root }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) return { path: path.join('.') || '(body)', message: p };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const p = textProblem(k);
        // the key itself is not echoed back: it is the bad text
        if (p) return { path: path.join('.') || '(body)', message: `a key ${p}` };
        stack.push({ v: child, path: [...path, k] });
      }
    }
  }
  return null;
}

const storable = (s: z.ZodString) =>
  s.superRefine((v, ctx) => {
    const p = textProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

/** Text of at most `max` UTF-16 units (and at least `min`) that survives storage exactly. */
export const text = (max: number, min = 0) => storable(z.string().min(min).max(max));

/** An identifier: 1 to `max` units of storable text. */
export const id = (max = 128) => text(max, 1);

/** The message of a number that is missing, when a schema names what it is for ("a suspension needs durationMs"). */
const numberNamed = (missing?: string) => z.number(missing ? { error: (iss) => (iss.input === undefined ? missing : undefined) } : undefined);

/** An instant, epoch ms, from 1970 to the end of year 9999: `new Date(x).toISOString()` never throws. */
export const epochMs = (missing?: string) =>
  numberNamed(missing)
    .int({ message: 'must be a whole number of milliseconds', abort: true })
    .min(EPOCH_MIN_MS, 'must be an instant (epoch ms) no earlier than 1970-01-01T00:00:00.000Z')
    .max(EPOCH_MAX_MS, 'must be an instant (epoch ms) no later than 9999-12-31T23:59:59.999Z');

/** A calendar day in UTC, `YYYY-MM-DD`, from 1970-01-01 to 9999-12-31, read as the epoch ms of its first instant. */
export const utcDay = () =>
  z.iso
    .date({ message: 'must be a day written YYYY-MM-DD (a real calendar date)' })
    .refine((d) => d >= '1970-01-01', 'must be no earlier than 1970-01-01')
    .transform((d) => Date.parse(`${d}T00:00:00.000Z`));

/** A length of time in ms, between `min` and `max`. */
export const durationMs = (min: number, max: number, missing?: string) =>
  numberNamed(missing)
    .int({ message: 'must be a whole number of milliseconds', abort: true })
    .min(min, `must be at least ${min} ms`)
    .max(max, `must be at most ${max} ms`);

/** A count from `min` (0) to `max`. */
export const count = (max: number, min = 0, missing?: string) =>
  numberNamed(missing)
    .int({ message: 'must be a whole number', abort: true })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A version number or a sequence position: a non-negative safe integer. */
export const serial = () => count(Number.MAX_SAFE_INTEGER);

/** The one form a whole number takes in a path or query: decimal digits, no sign, no leading zero, no spaces. */
export const DECIMAL_INT = /^(0|[1-9][0-9]*)$/;

/**
 * A whole number in a query string, a path or a setting, from `min` to `max`:
 * a number as it is, and text only in its declared form (DECIMAL_INT). `0x10`, `1e1`, ` 16`, `016`, `+16` and an
 * empty value are refused naming the parameter, never read as some number:
 * JavaScript's Number() would take every one of them. Every route's path and
 * query integers, and every integer setting, go through here (test/edge.test.ts
 * greps that nothing coerces).
 */
export const decimalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && DECIMAL_INT.test(v) ? Number(v) : v),
    z
      .number({ error: `must be a whole number written in decimal digits (no sign, leading zero, spaces or exponent), from ${min} to ${max}` })
      .int({ message: 'must be a whole number', abort: true })
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
