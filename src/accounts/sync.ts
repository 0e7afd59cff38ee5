/** Pull every account from the platform through the adapter, a page per transaction. */
import type { Actor } from '../audit/model.js';
import type { AppContext } from '../context.js';
import { type ImportResult, emptyImportResult } from './service.js';

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
      const r = await ctx.transaction((tx) => ctx.accounts.importBatch(tx, actor, batch, 'platform sync'));
      for (const k of Object.keys(r) as (keyof ImportResult)[]) total[k] += r[k];
    }
    total.pages++;
    seen += batch.length;
    onPage?.(seen);
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}
