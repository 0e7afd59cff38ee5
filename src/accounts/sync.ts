/** Pull every account from the platform through the adapter, a page per transaction. */
import type { Actor } from '../audit/model.js';
import type { AppContext } from '../context.js';
import { z } from 'zod';
import { invalidInput } from '../errors.js';
import { AccountImportSchema } from './model.js';
import { type ImportResult, emptyImportResult } from './service.js';

const SyncPage = z.array(AccountImportSchema);

export async function syncAccountsFromPlatform(
  ctx: Pick<AppContext, 'platform' | 'accounts' | 'transaction'>,
  actor: Actor,
  onPage?: (seen: number) => void,
): Promise<ImportResult & { pages: number }> {
  const total: ImportResult & { pages: number } = { ...emptyImportResult(), pages: 0 };
  let cursor: string | null = null;
  let seen = 0;
  do {
    const page = await ctx.platform.listAccounts({ cursor, limit: 1000 });
    const batch = page.accounts.map((a) => ({
      id: a.id,
      handle: a.handle,
      displayName: a.displayName,
      followers: a.followers,
      verified: a.verified,
      status: a.status,
      statusUntil: a.statusUntil,
      version: a.version,
    }));
    if (batch.length > 0) {
      // the platform's word is bounded like anyone's: a page with a value no store can keep is refused whole
      const parsed = SyncPage.safeParse(batch);
      if (!parsed.success) {
        const path = (i: z.core.$ZodIssue) => ['platform accounts', ...i.path.map(String)].join('.');
        throw invalidInput(parsed.error.issues.map((i) => ({ path: path(i), message: i.message })));
      }
      const r = await ctx.transaction((tx) => ctx.accounts.importBatch(tx, actor, parsed.data, 'platform sync'));
      for (const k of Object.keys(r) as (keyof ImportResult)[]) total[k] += r[k];
    }
    total.pages++;
    seen += batch.length;
    onPage?.(seen);
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}
