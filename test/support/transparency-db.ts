/**
 * A stand-in for the EU's DSA Transparency Database, as a real HTTP server on
 * loopback, holding statements to the database's documented rules so that a
 * test proves what the real endpoint would accept. It deliberately shares no
 * vocabulary with Warden's src/statements: its lists are written out again
 * from the database's own sources (digital-services-act/transparency-database,
 * app/Http/Requests/StatementsStoreRequest.php, app/Models/Statement.php,
 * PuidNotUniqueMultipleException, and resources/markdown/en/api-documentation.md).
 *
 * - POST /api/v1/statements `{statements: [1..100]}`: bearer token (else 401);
 *   every statement validated; any error rejects the whole batch with 422
 *   `{errors: {statement_<i>: {field: [message]}}}`; a puid the platform
 *   already used (or repeated within the call) rejects it with 422
 *   `{message, errors: {puid: [...], existing_puids: [...]}}`; else 201 with
 *   each statement, its uuid and puid.
 * - GET /api/v1/statement/existing-puid/{puid}: 302 with the statement, or 404.
 * - `fault`: 'none', '503' (answers 503, stores nothing), 'lose-answer'
 *   (stores, then answers 503, as a timeout after the commit would).
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const DECISION_VISIBILITY = [
  'DECISION_VISIBILITY_CONTENT_REMOVED', 'DECISION_VISIBILITY_CONTENT_DISABLED', 'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED', 'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED', 'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
];
const DECISION_MONETARY = ['DECISION_MONETARY_SUSPENSION', 'DECISION_MONETARY_TERMINATION', 'DECISION_MONETARY_OTHER'];
const DECISION_PROVISION = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION', 'DECISION_PROVISION_TOTAL_SUSPENSION', 'DECISION_PROVISION_PARTIAL_TERMINATION', 'DECISION_PROVISION_TOTAL_TERMINATION',
];
const DECISION_ACCOUNT = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'];
const ACCOUNT_TYPE = ['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'];
const DECISION_GROUND = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'];
const YES_NO = ['Yes', 'No'];
const CONTENT_TYPE = [
  'CONTENT_TYPE_APP', 'CONTENT_TYPE_AUDIO', 'CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_PRODUCT', 'CONTENT_TYPE_SYNTHETIC_MEDIA', 'CONTENT_TYPE_TEXT', 'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
];
const CATEGORY = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE', 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS', 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR', 'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT', 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY', 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', 'STATEMENT_CATEGORY_SELF_HARM', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
  'STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS', 'STATEMENT_CATEGORY_VIOLENCE',
];
/** the KEYWORDS the tests' statements may carry: a subset of the database's list, enough to hold Warden to it */
const KEYWORDS = [
  'KEYWORD_ONLINE_BULLYING_INTIMIDATION', 'KEYWORD_HATE_SPEECH', 'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING', 'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
  'KEYWORD_SELF_MUTILATION', 'KEYWORD_MISINFORMATION', 'KEYWORD_DISINFORMATION', 'KEYWORD_SUICIDE', 'KEYWORD_PHISHING', 'KEYWORD_INAUTHENTIC_ACCOUNTS',
  'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL', 'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS', 'KEYWORD_OTHER',
];
const SOURCE_TYPE = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY'];
const AUTOMATED_DECISION = ['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED'];
const COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE',
  'SI', 'SK', 'IS', 'LI', 'NO',
];
/** the fields a statement may carry; anything else is no field of the database's */
const KNOWN = new Set([
  'decision_visibility', 'decision_visibility_other', 'decision_monetary', 'decision_monetary_other', 'decision_provision', 'decision_account', 'account_type',
  'category_specification', 'category_specification_other', 'decision_ground', 'decision_ground_reference_url', 'illegal_content_legal_ground',
  'illegal_content_explanation', 'incompatible_content_ground', 'incompatible_content_explanation', 'incompatible_content_illegal', 'content_type',
  'content_type_other', 'category', 'category_addition', 'territorial_scope', 'content_language', 'content_date', 'application_date',
  'end_date_account_restriction', 'end_date_monetary_restriction', 'end_date_service_restriction', 'end_date_visibility_restriction', 'decision_facts',
  'source_type', 'source_identity', 'automated_detection', 'automated_decision', 'puid',
]);

type Statement = Record<string, unknown>;
type Errors = Record<string, string[]>;

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: unknown) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The errors of one statement, by field, in the database's words; empty when it would be created. */
export function validateStatement(s: Statement): Errors {
  const errors: Errors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const label = (f: string) => f.replace(/_/g, ' ');
  const required = (f: string) => {
    if (!present(s[f])) add(f, `The ${label(f)} field is required.`);
  };
  const oneOf = (f: string, allowed: string[]) => {
    if (present(s[f]) && !allowed.includes(s[f] as string)) add(f, `The selected ${label(f)} is invalid.`);
  };
  const arrayOf = (f: string, allowed: string[]) => {
    if (!present(s[f])) return;
    if (!Array.isArray(s[f])) return add(f, `The ${label(f)} field must be an array.`);
    if ((s[f] as unknown[]).some((v) => !allowed.includes(v as string))) add(f, `The selected ${label(f)} is invalid.`);
  };
  const max = (f: string, n: number) => {
    if (present(s[f]) && (typeof s[f] !== 'string' || (s[f] as string).length > n)) add(f, `The ${label(f)} field must not be greater than ${n} characters.`);
  };
  const date = (f: string, from: string | null, to = '2038-01-01') => {
    if (!present(s[f])) return;
    if (!validDate(s[f])) return add(f, `The ${label(f)} does not match the format YYYY-MM-DD.`);
    if (from && (s[f] as string) < from) add(f, `The ${label(f)} field must be a date after or equal to ${from}.`);
    if ((s[f] as string) > to) add(f, `The ${label(f)} field must be a date before or equal to ${to}.`);
  };

  for (const f of Object.keys(s)) if (!KNOWN.has(f)) add(f, `The ${label(f)} field is not a field of a statement of reasons.`);

  // at least one of the four restrictions
  const restrictions = ['decision_visibility', 'decision_monetary', 'decision_provision', 'decision_account'];
  if (!restrictions.some((f) => present(s[f]))) {
    for (const f of restrictions) add(f, `The ${label(f)} field is required when none of ${restrictions.filter((o) => o !== f).map(label).join(' / ')} are present.`);
  }
  arrayOf('decision_visibility', DECISION_VISIBILITY);
  const visibilityOther = Array.isArray(s.decision_visibility) && s.decision_visibility.includes('DECISION_VISIBILITY_OTHER');
  if (visibilityOther) required('decision_visibility_other');
  max('decision_visibility_other', 500);
  oneOf('decision_monetary', DECISION_MONETARY);
  if (s.decision_monetary === 'DECISION_MONETARY_OTHER') required('decision_monetary_other');
  max('decision_monetary_other', 500);
  oneOf('decision_provision', DECISION_PROVISION);
  oneOf('decision_account', DECISION_ACCOUNT);
  oneOf('account_type', ACCOUNT_TYPE);
  arrayOf('category_specification', KEYWORDS);
  max('category_specification_other', 500);

  required('decision_ground');
  oneOf('decision_ground', DECISION_GROUND);
  if (s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    for (const f of ['illegal_content_legal_ground', 'illegal_content_explanation']) {
      if (!present(s[f])) add(f, `The ${label(f)} field is required when decision ground is illegal content.`);
    }
    max('illegal_content_legal_ground', 500);
    max('illegal_content_explanation', 2000);
  }
  if (s.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT') {
    for (const f of ['incompatible_content_ground', 'incompatible_content_explanation']) {
      if (!present(s[f])) add(f, `The ${label(f)} field is required when decision ground is incompatible content.`);
    }
    max('incompatible_content_ground', 500);
    max('incompatible_content_explanation', 2000);
    oneOf('incompatible_content_illegal', YES_NO);
  }

  required('content_type');
  arrayOf('content_type', CONTENT_TYPE);
  if (Array.isArray(s.content_type) && s.content_type.includes('CONTENT_TYPE_OTHER') && !present(s.content_type_other)) {
    add('content_type_other', 'The content type other field is required when content is other.');
  }
  max('content_type_other', 500);

  required('category');
  oneOf('category', CATEGORY);
  arrayOf('category_addition', CATEGORY);
  // documented as required ("Territorial Scope … is a required attribute"), though the rules list it nullable
  required('territorial_scope');
  arrayOf('territorial_scope', COUNTRIES);

  required('content_date');
  date('content_date', '2000-01-01');
  required('application_date');
  date('application_date', '2020-01-01');
  for (const f of ['end_date_account_restriction', 'end_date_monetary_restriction', 'end_date_service_restriction', 'end_date_visibility_restriction']) {
    date(f, validDate(s.application_date) ? (s.application_date as string) : null);
  }

  required('decision_facts');
  max('decision_facts', 5000);
  required('source_type');
  oneOf('source_type', SOURCE_TYPE);
  max('source_identity', 500);
  required('automated_detection');
  oneOf('automated_detection', YES_NO);
  required('automated_decision');
  oneOf('automated_decision', AUTOMATED_DECISION);
  required('puid');
  max('puid', 500);
  if (present(s.puid) && (typeof s.puid !== 'string' || !/^[A-Za-z0-9_-]+$/.test(s.puid))) {
    add('puid', 'The puid format is invalid: alphanumeric characters, hyphens and underscores only.');
  }
  return errors;
}

export type Fault = 'none' | '503' | 'lose-answer';

export interface TransparencyDb {
  url: string;
  token: string;
  /** what the database holds, by puid */
  held: Map<string, { uuid: string; statement: Statement }>;
  /** the status of every POST it answered */
  posts: number[];
  fault(mode: Fault): void;
  close(): Promise<void>;
}

export async function startTransparencyDb(opts: { token?: string } = {}): Promise<TransparencyDb> {
  const token = opts.token ?? `X|${randomUUID().replace(/-/g, '')}`;
  const held = new Map<string, { uuid: string; statement: Statement }>();
  const posts: number[] = [];
  let fault: Fault = 'none';

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const store = (statements: Statement[], res: ServerResponse) => {
    const errors: Record<string, Errors> = {};
    statements.forEach((s, i) => {
      const e = typeof s === 'object' && s !== null && !Array.isArray(s) ? validateStatement(s) : { statement: ['must be an object'] };
      if (Object.keys(e).length) errors[`statement_${i}`] = e;
    });
    if (Object.keys(errors).length) return answer(res, 422, { errors });
    const puids = statements.map((s) => s.puid as string);
    const repeated = puids.filter((p, i) => puids.indexOf(p) !== i || held.has(p));
    if (repeated.length) {
      const message = 'The platform identifier(s) are not all unique within this call.';
      return answer(res, 422, { message, errors: { puid: [message], existing_puids: [...new Set(repeated)] } });
    }
    // all or nothing: nothing above was stored; everything below is
    const created = statements.map((s) => {
      const uuid = randomUUID();
      held.set(s.puid as string, { uuid, statement: s });
      return { ...s, uuid, created_at: new Date().toISOString().slice(0, 19).replace('T', ' '), puid: s.puid };
    });
    if (fault === 'lose-answer') return answer(res, 503, { message: 'Service Unavailable' });
    return answer(res, 201, { statements: created });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (fault === '503') return answer(res, 503, { message: 'Service Unavailable' });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(res, 401, { message: 'Unauthenticated.' });
    const url = new URL(req.url ?? '/', 'http://tdb');
    const existing = /^\/api\/v1\/statement\/existing-puid\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && existing) {
      const s = held.get(decodeURIComponent(existing[1]!));
      return s ? answer(res, 302, { uuid: s.uuid, ...s.statement }) : answer(res, 404, { message: 'statement of reason not found' });
    }
    if (req.method !== 'POST' || url.pathname !== '/api/v1/statements') return answer(res, 404, { message: 'Not Found' });
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(res, 422, { message: 'The statements field is required.', errors: { statements: ['The statements field is required.'] } });
    }
    const statements = body?.statements;
    if (!Array.isArray(statements) || statements.length < 1 || statements.length > 100) {
      const message = 'The statements field must have between 1 and 100 items.';
      return answer(res, 422, { message, errors: { statements: [message] } });
    }
    store(statements, res);
  };

  const server = createServer((req, res) => {
    handle(req, res)
      .catch(() => answer(res, 500, { message: 'Server Error' }))
      .finally(() => {
        if (req.method === 'POST') posts.push(res.statusCode);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    held,
    posts,
    fault: (mode) => void (fault = mode),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
