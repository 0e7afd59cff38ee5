/**
 * The audit event catalog, walked: every event of every concept's catalog has
 * samples written by its own constructors (test/support/audit-samples.ts), and
 * each, as the log stores it, decodes with its own schema and with the whole
 * union, losing nothing. A new event is covered as soon as it is declared.
 * And what `append` refuses to compile.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountTierSet } from '../src/accounts/events.js';
import { decodeEntry } from '../src/audit/catalog.js';
import { type AuditEntry, type AuditInput, SYSTEM, canonicalJson, jcs, toEntry } from '../src/audit/model.js';
import type { AuditAppender } from '../src/audit/service.js';
import type { CaseAuditEvent } from '../src/cases/events.js';
import type { Db } from '../src/db/database.js';
import { CONCEPT_CATALOGS, type WardenAction, type WardenEvent, decodeWardenEntry } from '../src/events.js';
import { summarise } from '../src/forensics/summary.js';
import { SAMPLES } from './support/audit-samples.js';

/** The entry as the log stores it and a reader reads it back: canonical JSON, parsed again. */
function stored(input: AuditInput<WardenEvent>, seq: number): AuditEntry {
  const e = toEntry(seq, 1_800_000_000_000, input);
  return { ...e, before: JSON.parse(canonicalJson(e.before)), after: JSON.parse(canonicalJson(e.after)) };
}

const catalogued: { action: WardenAction; event: z.ZodType<WardenEvent> }[] = CONCEPT_CATALOGS.flatMap((catalog) =>
  catalog.options.map((event) => ({ action: event.shape.action.value, event })),
);

describe('the audit event catalog', () => {
  it('declares each action once, in one concept', () => {
    const actions = catalogued.map((c) => c.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(Object.keys(SAMPLES).sort()).toEqual([...actions].sort());
  });

  it.each(catalogued)('$action: what its constructors write decodes with its own schema, and with the whole catalog, unchanged', ({ action, event }) => {
    const samples = SAMPLES[action];
    expect(samples.length).toBeGreaterThan(0);
    samples.forEach((input, i) => {
      expect(input.action).toBe(action);
      const entry = stored(input, i);
      const own = decodeEntry(event, entry);
      const any = decodeWardenEntry(entry);
      expect(own, `${action} sample ${i} does not decode: ${JSON.stringify(event.safeParse(entry).error?.issues)}`).not.toBeNull();
      expect(any?.action).toBe(action);
      for (const decoded of [own!, any!]) {
        expect(jcs(decoded.subject)).toBe(jcs(entry.subject));
        expect(jcs(decoded.before)).toBe(jcs(entry.before));
        expect(jcs(decoded.after)).toBe(jcs(entry.after));
      }
      // every event has its line in the timeline
      expect(typeof summarise(any!).summary).toBe('string');
    });
  });

  it('decodes nothing it does not describe: an unknown action, a member too many or missing, a wrong type', () => {
    const claimed = stored(SAMPLES['case.claimed'][0]!, 1);
    const withAfter = (after: unknown): AuditEntry => ({ ...claimed, after });
    expect(decodeWardenEntry({ ...claimed, action: 'case.reopened' })).toBeNull();
    expect(decodeWardenEntry(withAfter({ claimedBy: 'stf_a', leaseUntil: 1, extra: true }))).toBeNull();
    expect(decodeWardenEntry(withAfter({ claimedBy: 'stf_a' }))).toBeNull();
    expect(decodeWardenEntry(withAfter({ claimedBy: 7, leaseUntil: 1 }))).toBeNull();
    expect(decodeWardenEntry({ ...claimed, subject: { type: 'account', id: '7' } })).toBeNull();
    expect(decodeWardenEntry(claimed)).not.toBeNull();
  });
});

/** Never run: tsc checks that `append` takes only catalogued events of the appender's own concept. */
export function appendRefusesWhatIsNotCatalogued(cases: AuditAppender<CaseAuditEvent>, tx: Db): void {
  const subject = { type: 'case', id: '7' } as const;
  void cases.append(tx, { actor: SYSTEM, action: 'case.claimed', subject, before: null, after: { claimedBy: 'stf_a', leaseUntil: 1 } });
  // @ts-expect-error an action no catalog declares
  void cases.append(tx, { actor: SYSTEM, action: 'case.reopened', subject, before: null, after: null });
  // @ts-expect-error a payload of another shape
  void cases.append(tx, { actor: SYSTEM, action: 'case.claimed', subject, before: null, after: { claimedBy: 7, leaseUntil: 1 } });
  // @ts-expect-error a member the event does not have
  void cases.append(tx, { actor: SYSTEM, action: 'case.claimed', subject, before: null, after: { claimedBy: 'stf_a', leaseUntil: 1, note: 'x' } });
  // @ts-expect-error another subject
  void cases.append(tx, { actor: SYSTEM, action: 'case.claimed', subject: { type: 'account', id: 'a' }, before: null, after: { claimedBy: 'stf_a', leaseUntil: 1 } });
  // @ts-expect-error another concept's event, through the cases' appender
  void cases.append(tx, accountTierSet(SYSTEM, 'acct_1', 'critical', 'import'));
}
