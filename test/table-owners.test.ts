/**
 * Each aggregate's tables are named in Kysely calls by its store module
 * alone: the one place that knows its columns, its state sets and its row
 * mapping. Everything else asks the store in domain words. Migrations and
 * tests may still name tables. The detector is checked against the shapes of
 * call it must catch, so a pass means the tree is clean, not that it saw
 * nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Table → the one module that may name it. Add an aggregate's tables here when it gets its store. */
const TABLE_OWNERS: Readonly<Record<string, string>> = {
  accounts: 'src/accounts/store.ts',
  account_history: 'src/accounts/store.ts',
  staff: 'src/staff/store.ts',
  actions: 'src/actions/store.ts',
  approvals: 'src/actions/store.ts',
  statements: 'src/statements/store.ts',
  decision_grounds: 'src/statements/store.ts',
  staff_notifications: 'src/notifications/store.ts',
  staff_notification_preferences: 'src/notifications/store.ts',
};

/** Kysely methods whose first argument names a table (or several, or `table as alias`). */
const TABLE_METHODS = new Set([
  'selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto',
  'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral',
  'using', 'from',
]);

const EXEMPT_DIRS = ['src/db/migrations/'];

/** The tables a table argument names: 'staff', 'staff as s', ['staff', 'actions']. */
function tablesNamed(arg: ts.Expression): string[] {
  if (ts.isStringLiteralLike(arg)) return [arg.text.trim().split(/\s+/)[0]!];
  if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap((e) => tablesNamed(e));
  return [];
}

/** `line: method('table')` for every call in `source` naming an owned table outside its owner. */
function trespasses(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && TABLE_METHODS.has(node.expression.name.text)) {
      const arg = node.arguments[0];
      for (const table of arg ? tablesNamed(arg) : []) {
        const owner = TABLE_OWNERS[table];
        if (owner === undefined || owner === file) continue;
        const { line } = sf.getLineAndCharacterOfPosition(node.expression.name.getStart(sf));
        out.push(`${file}:${line + 1}: ${node.expression.name.text}('${table}') belongs to ${owner}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('tables with owners', () => {
  it('catches every shape of call that names a table', () => {
    const before = [
      "const a = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();",
      "await tx\n  .updateTable('staff')\n  .set({ role })\n  .execute();",
      "await tx.insertInto('account_history').values(row).execute();",
      "await tx.deleteFrom('approvals').where('id', '=', id).execute();",
      "db.selectFrom('cases').innerJoin('actions', 'actions.id', 'cases.action_id');",
      "db.selectFrom('api_tokens').leftJoin('staff as s', 's.id', 'api_tokens.staff_id');",
      "db.selectFrom(['staff', 'elevations']).selectAll();",
      "q.where('id', 'not in', (eb) => eb.selectFrom('approvals').select('action_id'));",
    ];
    const found = before.map((src) => trespasses('src/elsewhere.ts', src).length);
    expect(found).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // naming the table in its owner, naming another table, or a column, is fine
    expect(trespasses('src/staff/store.ts', "db.selectFrom('staff').selectAll()")).toEqual([]);
    expect(trespasses('src/elsewhere.ts', "db.selectFrom('cases').select(['staff', 'actions']).where('accounts', '=', 1)")).toEqual([]);
    // and the report names the line
    expect(trespasses('src/x.ts', "\n\ndb.selectFrom('actions')")).toEqual(["src/x.ts:3: selectFrom('actions') belongs to src/actions/store.ts"]);
  });

  it('every owner module exists', () => {
    for (const owner of new Set(Object.values(TABLE_OWNERS))) expect(fs.existsSync(owner), owner).toBe(true);
  });

  it('no module outside its owner names accounts, staff, actions or approvals', () => {
    const files = sources('src').filter((f) => !EXEMPT_DIRS.some((d) => f.startsWith(d)));
    // the walk reaches the modules that once read these tables directly
    for (const f of ['src/cases/service.ts', 'src/forensics/timeline.ts', 'src/demo/seed.ts', 'src/db/row-locks.ts']) expect(files).toContain(f);
    const hits = files.flatMap((f) => trespasses(f, fs.readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});
