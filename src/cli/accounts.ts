/** `warden accounts import FILE`: JSON Lines or a JSON array of accounts, with a progress bar. */
import fs from 'node:fs';
import readline from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import { AccountImportSchema, type AccountImport, importProblems } from '../accounts/model.js';
import { type ImportResult, emptyImportResult } from '../accounts/service.js';
import type { Actor } from '../audit/model.js';
import type { AppContext } from '../context.js';
import { fieldsOf } from '../http/errors.js';

async function* readAccounts(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const head = fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 1).trim();
  if (head === '[') {
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
    for (const [i, value] of all.entries()) yield { line: i + 1, value };
    return;
  }
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    yield { line, value: JSON.parse(text) };
  }
}

/**
 * Validates the whole file first (a bad line is named and nothing is written),
 * against the store too (a tier change, a new protected account arriving dark:
 * the same rules as every batch), then imports in batches of 1,000, one
 * transaction each; each batch checks its rules again as it writes.
 */
export async function importAccountsFile(ctx: AppContext, actor: Actor, file: string, progress = true): Promise<ImportResult> {
  const accounts: AccountImport[] = [];
  const lines: number[] = [];
  const problems: string[] = [];
  for await (const { line, value } of readAccounts(file)) {
    const parsed = AccountImportSchema.safeParse(value);
    if (parsed.success) {
      accounts.push(parsed.data);
      lines.push(line);
    } else problems.push(...fieldsOf(parsed.error).map((f) => `line ${line}: ${f.path}: ${f.message}`));
  }
  if (problems.length === 0) {
    const existing = await ctx.accounts.getMany(ctx.db, accounts.map((a) => a.id));
    problems.push(...importProblems(accounts, existing, (i) => `line ${lines[i]}: account`).map((f) => `${f.path}: ${f.message}`));
  }
  if (problems.length > 0) throw new Error(`nothing imported; ${problems.length} problem(s):\n  ${problems.slice(0, 20).join('\n  ')}`);
  const bar = progress ? new SingleBar({ format: 'importing [{bar}] {value}/{total} accounts  {eta_formatted} left' }, Presets.shades_classic) : null;
  bar?.start(accounts.length, 0);
  const total = emptyImportResult();
  for (let i = 0; i < accounts.length; i += 1000) {
    const batch = accounts.slice(i, i + 1000);
    const r = await ctx.transaction((tx) => ctx.accounts.importBatch(tx, actor, batch, `import ${file}`));
    for (const k of Object.keys(total) as (keyof ImportResult)[]) total[k] += r[k];
    bar?.update(i + batch.length);
  }
  bar?.stop();
  return total;
}
