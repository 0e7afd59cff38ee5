/**
 * A store written before the catalog, on both stores: the audit tables as
 * Warden main at cb3f3f8 wrote them (test/data/audit-log-cb3f3f8.json: one
 * entry of each shape its test suite wrote, 58 actions, with what its
 * timeline read from each). After the upgrade the log still verifies, every
 * entry decodes as its event with nothing lost, the timeline reads each as
 * the old code did, and new entries chain on.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditServices } from '../src/audit/index.js';
import { SYSTEM, jcs } from '../src/audit/model.js';
import { rowToEntry } from '../src/audit/rows.js';
import type { AuditRow } from '../src/db/schema.js';
import { decodeWardenEntry } from '../src/events.js';
import { summarise } from '../src/forensics/summary.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';

interface Fixture {
  head: { size: number; last_hash: string; frontier: string };
  tree: { level: number; idx: number; hash: string }[];
  entries: { row: AuditRow; summary: string; decision: unknown }[];
}
const fixture: Fixture = JSON.parse(fs.readFileSync(new URL('./data/audit-log-cb3f3f8.json', import.meta.url), 'utf8'));

/** The store's log replaced by the fixture's, row for row. */
async function loadOldLog(h: Harness): Promise<void> {
  const db = h.ctx.db;
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('audit_log').execute();
    await tx.deleteFrom('audit_tree').execute();
    await tx.deleteFrom('audit_tree_heads').execute();
    await tx.insertInto('audit_log').values(fixture.entries.map((e) => e.row)).execute();
    await tx.insertInto('audit_tree').values(fixture.tree).execute();
    await tx.updateTable('audit_head').set({ size: fixture.head.size, last_hash: fixture.head.last_hash, frontier: fixture.head.frontier }).where('id', '=', 1).execute();
  });
}

describe.each(STORES)('a log written before the catalog, on %s', (kind) => {
  let h: Harness;
  afterEach(() => h.cleanup());

  it('verifies after the upgrade, and again with new entries chained on', async () => {
    h = await makeHarness(kind);
    await loadOldLog(h);
    const { verifier, heads } = auditServices(h.ctx);
    expect(await h.ctx.audit.verifyChain(h.ctx.db)).toEqual({ size: fixture.entries.length, problems: [] });
    expect(await verifier.verify(h.ctx.db)).toMatchObject({ ok: true, size: fixture.entries.length });

    await h.ctx.transaction((tx) => h.ctx.policy.setFreeze(tx, SYSTEM, true, 'after the upgrade'));
    await h.ctx.transaction((tx) => heads.sign(tx));
    expect(await verifier.verify(h.ctx.db)).toMatchObject({ ok: true, size: fixture.entries.length + 1, signedHeadsChecked: 1 });
  });

  it('decodes every entry as its event, losing nothing, and reads it as the old timeline did', async () => {
    h = await makeHarness(kind);
    await loadOldLog(h);
    const rows = await h.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(fixture.entries.length);
    rows.forEach((row, i) => {
      const entry = rowToEntry(row);
      const event = decodeWardenEntry(entry);
      expect(event, `entry ${row.seq} (${row.action}) does not decode`).not.toBeNull();
      expect([jcs(event!.subject), jcs(event!.before), jcs(event!.after)]).toEqual([jcs(entry.subject), jcs(entry.before), jcs(entry.after)]);
      const { summary, decision } = summarise(event!);
      const then = fixture.entries[i]!;
      expect({ action: row.action, summary, decision: decision ?? null }).toEqual({ action: row.action, summary: then.summary, decision: then.decision });
    });
  });
});
