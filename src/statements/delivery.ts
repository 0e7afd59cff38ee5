/**
 * A batch of statements on its way to the DSA Transparency Database:
 * `POST {url}/api/v1/statements` with `{"statements": [...]}` (at most 100),
 * a bearer token, all or nothing (its API documentation, "Creating Multiple
 * Statements" and "Errors when Creating Multiple Statements").
 *
 * One send may take several POSTs, each of what is left:
 * - 201: every statement of the POST is created; its uuid is recorded.
 * - 422 naming `puid` with `existing_puids` (PuidNotUniqueMultipleException):
 *   the database already holds those — an earlier send reached it and its
 *   answer was lost — so they count as delivered (their uuid is asked of
 *   `GET /api/v1/statement/existing-puid/{puid}`, which answers 302 with the
 *   statement), and the rest is sent again.
 * - 422 naming `statement_<i>`: the database refuses those statements for
 *   good, naming the fields; they are set aside (refused, with an alert
 *   naming the field) and the rest is sent again, so one bad statement never
 *   holds up the other 99.
 * - 401, 403 or another 4xx: refused for good (the token, the request) — the
 *   dispatcher gives up on the batch with an alert.
 * - 5xx, 429, a timeout, a refused connection: retried with backoff.
 */
import type { OutboxHandler } from '../platform/outbox.js';
import type { DsaStatement, StatementBatchPayload } from './model.js';
import type { StatementService } from './service.js';

export interface TransparencyDbConfig {
  url: string;
  token: string;
  timeoutMs: number;
}

/** The database refused the request for good: retrying the same request will not help. */
export class TransparencyDbRejectedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`the Transparency Database answered ${status}: ${message}`);
    this.name = 'TransparencyDbRejectedError';
  }
}

/** The database could not be reached, or answered in a way that may change (5xx, 429). */
export class TransparencyDbUnavailableError extends Error {
  constructor(message: string) {
    super(`the Transparency Database is unavailable: ${message}`);
    this.name = 'TransparencyDbUnavailableError';
  }
}

/** What one send achieved for each statement of its batch. */
export interface BatchOutcome {
  delivered: { puid: string; uuid: string | null; existing: boolean }[];
  refused: { puid: string; fields: Record<string, string[]> }[];
}

/** A send never loops: each POST settles at least one statement, and this bounds them even so. */
const MAX_POSTS = 8;

export class TransparencyDbClient {
  constructor(private readonly cfg: TransparencyDbConfig) {}

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
    let res: Response;
    try {
      res = await fetch(`${this.cfg.url.replace(/\/$/, '')}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          authorization: `Bearer ${this.cfg.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
    } catch (err) {
      throw new TransparencyDbUnavailableError(err instanceof Error ? err.message : String(err));
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: judged by its status */
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new TransparencyDbUnavailableError(`${res.status} ${text.slice(0, 200)}`);
    return { status: res.status, body: parsed };
  }

  /** The uuid of a statement the database already holds under `puid`, or null when it does not say. */
  async existing(puid: string): Promise<string | null> {
    const r = await this.request('GET', `/api/v1/statement/existing-puid/${encodeURIComponent(puid)}`);
    return r.status === 302 && typeof r.body?.uuid === 'string' ? r.body.uuid : null;
  }

  /** Send a batch until each of its statements is created, already held, or refused. */
  async submit(statements: DsaStatement[]): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { delivered: [], refused: [] };
    let left = statements;
    for (let post = 0; left.length > 0; post++) {
      if (post >= MAX_POSTS) throw new TransparencyDbUnavailableError(`${left.length} statements still unsettled after ${MAX_POSTS} requests`);
      const r = await this.request('POST', '/api/v1/statements', { statements: left });
      if (r.status === 201) {
        const created = new Map<string, string>(((r.body?.statements ?? []) as { puid?: string; uuid?: string }[]).map((s) => [String(s.puid), String(s.uuid)]));
        for (const s of left) outcome.delivered.push({ puid: s.puid, uuid: created.get(s.puid) ?? null, existing: false });
        return outcome;
      }
      if (r.status !== 422) throw new TransparencyDbRejectedError(r.status, messageOf(r.body));
      const errors = (r.body?.errors ?? {}) as Record<string, unknown>;
      const held = Array.isArray(errors.existing_puids) ? (errors.existing_puids as unknown[]).map(String) : [];
      const refusedAt = Object.keys(errors).filter((k) => /^statement_\d+$/.test(k));
      if (held.length === 0 && refusedAt.length === 0) throw new TransparencyDbRejectedError(422, messageOf(r.body));
      const settled = new Set<string>();
      for (const puid of held.filter((p) => left.some((s) => s.puid === p))) {
        outcome.delivered.push({ puid, uuid: await this.existing(puid), existing: true });
        settled.add(puid);
      }
      for (const key of refusedAt) {
        const s = left[Number(key.slice('statement_'.length))];
        if (!s || settled.has(s.puid)) continue;
        outcome.refused.push({ puid: s.puid, fields: fieldsOf(errors[key]) });
        settled.add(s.puid);
      }
      if (settled.size === 0) throw new TransparencyDbRejectedError(422, messageOf(r.body));
      left = left.filter((s) => !settled.has(s.puid));
    }
    return outcome;
  }
}

const messageOf = (body: any): string => (typeof body?.message === 'string' ? body.message : JSON.stringify(body ?? null)).slice(0, 500);

function fieldsOf(v: unknown): Record<string, string[]> {
  if (typeof v !== 'object' || v === null) return { statement: [String(v)] };
  return Object.fromEntries(Object.entries(v).map(([field, messages]) => [field, Array.isArray(messages) ? messages.map(String) : [String(messages)]]));
}

export function statementDeliveryHandler(statements: StatementService, client: TransparencyDbClient): OutboxHandler<'statement'> {
  return {
    send: (p: StatementBatchPayload) => client.submit(p.statements),
    isPermanent: (err) => err instanceof TransparencyDbRejectedError,
    onDone: (tx, row, result) => statements.markSettled(tx, row.payload, result as BatchOutcome, row.attempts),
    onGiveUp: (tx, row, error) => statements.markFailed(tx, row.payload, error, row.attempts),
    describe: (p) => ({
      subject: { type: 'statement_batch', id: p.batchId },
      summary: `${p.statements.length} statement${p.statements.length === 1 ? '' : 's'} of reasons for the DSA Transparency Database`,
    }),
  };
}
