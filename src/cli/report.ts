/**
 * `warden report transparency --from DAY --to DAY [--format json|csv]`: the
 * DSA Art. 15/24 transparency report over [from, to), summed from the audit
 * log (src/transparency). Like `warden audit`, it reads the store it runs on
 * and asks for no token: its figures are counts, with nothing personal in them.
 */
import { type Command, Option } from 'commander';
import { utcDay } from '../bounds.js';
import type { AppContext } from '../context.js';
import { invalidInput } from '../errors.js';
import { fieldsOf } from '../http/errors.js';
import { checkedPeriod } from '../http/routes/transparency.js';
import { reportCsv } from '../transparency/model.js';

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

function day(flag: string, text: string): number {
  const parsed = utcDay().safeParse(text);
  if (!parsed.success) throw invalidInput(fieldsOf(parsed.error).map((f) => ({ ...f, path: flag })));
  return parsed.data;
}

export function registerReportCommands(program: Command, withContext: WithContext): void {
  const report = program.command('report').description('reports for regulators and the public');
  report
    .command('transparency')
    .description('the transparency report over [from, to): notices, measures, appeals, each summed from the audit log')
    .requiredOption('--from <day>', 'the first day (UTC), YYYY-MM-DD')
    .requiredOption('--to <day>', 'the day after the last (UTC), YYYY-MM-DD')
    .addOption(new Option('--format <format>').choices(['json', 'csv']).default('json'))
    .action(async (o: { from: string; to: string; format: 'json' | 'csv' }) =>
      withContext(async (ctx) => {
        const r = await ctx.transparency.report(ctx.db, checkedPeriod(day('--from', o.from), day('--to', o.to), '--to'));
        process.stdout.write(o.format === 'csv' ? reportCsv(r) : `${JSON.stringify(r, null, 2)}\n`);
      }),
    );
}
