import { type Kysely, PostgresAdapter, type CreateTableBuilder } from 'kysely';

export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** An auto-incrementing integer primary key on either store. */
export function withSerialId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>, name = 'id') {
  return isPostgres(db)
    ? table.addColumn(name, 'bigserial', (c) => c.primaryKey())
    : table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}
