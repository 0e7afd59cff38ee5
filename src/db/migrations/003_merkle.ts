/**
 * The audit log becomes an RFC 9162 Merkle log: a leaf hash per entry, the
 * completed perfect subtrees (level >= STORED_MIN_LEVEL), the frontier of the
 * whole tree in the head row, signed tree heads and the keys that signed them.
 * Entries written before this migration get their leaf hashes and subtrees
 * here, from the stored rows.
 */
import { type Kysely, sql } from 'kysely';
import { Frontier, STORED_MIN_LEVEL, leafHash } from '../../audit/merkle.js';
import { type EntryColumns, canonicalOfRow } from '../../audit/rows.js';
import { isPostgres, withSerialId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('leaf_hash', 'text').execute();
  await db.schema
    .alterTable('audit_head')
    .addColumn('frontier', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // (level, idx) is the whole key and the only access path: no rowid on SQLite
  const tree = db.schema
    .createTable('audit_tree')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_tree_pk', ['level', 'idx']);
  await (isPostgres(db) ? tree : tree.modifyEnd(sql`without rowid`)).execute();

  await withSerialId(db, db.schema.createTable('audit_tree_heads'))
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_tree_heads_size').on('audit_tree_heads').columns(['tree_size', 'id']).execute();

  await db.schema
    .createTable('audit_signing_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await backfill(db);
}

async function backfill(db: Kysely<any>): Promise<void> {
  const head = await db.selectFrom('audit_head').select(['size']).where('id', '=', 1).executeTakeFirstOrThrow();
  const frontier = Frontier.empty();
  const page = 2_000;
  for (let from = 0; ; from += page) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', from).orderBy('seq').limit(page).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== frontier.size) {
        throw new Error(`audit log: expected entry ${frontier.size}, found ${seq}; the chain is broken (run \`warden audit verify\` on the previous version) — refusing to build the Merkle tree over it`);
      }
      const leaf = leafHash(canonicalOfRow({ ...(row as EntryColumns), seq, at: Number(row.at) }));
      await db.updateTable('audit_log').set({ leaf_hash: leaf }).where('seq', '=', seq).execute();
      const stored = frontier.push(leaf).filter((n) => n.level >= STORED_MIN_LEVEL);
      if (stored.length > 0) await db.insertInto('audit_tree').values(stored.map((n) => ({ level: n.level, idx: n.index, hash: n.hash }))).execute();
    }
    if (rows.length < page) break;
  }
  if (frontier.size !== Number(head.size)) {
    throw new Error(`audit log: ${frontier.size} entries stored but the head says ${head.size}; refusing to build the Merkle tree over it`);
  }
  await db.updateTable('audit_head').set({ frontier: frontier.encode() }).where('id', '=', 1).execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
