/**
 * Statements of reasons for the EU's DSA Transparency Database (Art. 24(5)):
 * the database's vocabulary, and how each field of a statement is derived
 * from Warden's verified record (the action, its approvals, its case's
 * reports, the decision-ground mapping admins keep) — never typed by a
 * person. Pure.
 *
 * Field names, allowed values and limits are the database's, as its API
 * documentation (transparency.dsa.ec.europa.eu/page/api-documentation:
 * "Creating Multiple Statements", "Statement Attributes", "Errors", "PUID
 * Error") and its validation rules (digital-services-act/transparency-database,
 * app/Http/Requests/StatementsStoreRequest.php, app/Models/Statement.php)
 * state them.
 */
import { DomainError } from '../errors.js';
import type { AccountState, ReasonCode } from '../actions/model.js';
import { type Category, SEVERITY } from '../reports/model.js';

export const DECISION_ACCOUNTS = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
export const DECISION_PROVISIONS = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION',
  'DECISION_PROVISION_TOTAL_SUSPENSION',
  'DECISION_PROVISION_PARTIAL_TERMINATION',
  'DECISION_PROVISION_TOTAL_TERMINATION',
] as const;
export const DECISION_VISIBILITIES = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
] as const;
export const DECISION_GROUNDS = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'] as const;
export type DecisionGroundKind = (typeof DECISION_GROUNDS)[number];
export const SOURCE_TYPES = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const AUTOMATED_DECISIONS = ['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED'] as const;
export type AutomatedDecision = (typeof AUTOMATED_DECISIONS)[number];
export const CONTENT_TYPES = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
/** The EU's 27 and Iceland, Liechtenstein, Norway: the database's `territorial_scope` values (EuropeanCountriesService). */
export const EEA_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE',
  'SI', 'SK', 'IS', 'LI', 'NO',
] as const;
export type Country = (typeof EEA_COUNTRIES)[number];

/** The database's categories Warden's report categories map to (a subset of STATEMENT_CATEGORIES). */
type StatementCategory =
  | 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE'
  | 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'
  | 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD'
  | 'STATEMENT_CATEGORY_VIOLENCE'
  | 'STATEMENT_CATEGORY_SELF_HARM'
  | 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS'
  | 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS';

/** Each report category's statement category and keywords (`category_specification`, the database's KEYWORDS). */
export const CATEGORY_OF: Record<Category, { category: StatementCategory; keywords: readonly string[] }> = {
  spam: { category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', keywords: [] },
  harassment: { category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', keywords: ['KEYWORD_ONLINE_BULLYING_INTIMIDATION'] },
  hate: { category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', keywords: ['KEYWORD_HATE_SPEECH'] },
  impersonation: { category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', keywords: ['KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING'] },
  violent_threat: { category: 'STATEMENT_CATEGORY_VIOLENCE', keywords: ['KEYWORD_INCITEMENT_VIOLENCE_HATRED'] },
  self_harm: { category: 'STATEMENT_CATEGORY_SELF_HARM', keywords: ['KEYWORD_SELF_MUTILATION'] },
  child_safety: { category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', keywords: [] },
  misinformation: { category: 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS', keywords: ['KEYWORD_MISINFORMATION'] },
  other: { category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', keywords: [] },
};

/** What an enforcement restricts, in the database's terms (each kind declares it: src/actions/kinds.ts `statement`). */
export interface DsaEffect {
  decision_account?: (typeof DECISION_ACCOUNTS)[number];
  decision_provision?: (typeof DECISION_PROVISIONS)[number];
  decision_visibility?: (typeof DECISION_VISIBILITIES)[number][];
  /** the restriction ends by itself at this instant (a suspension); absent when it lasts until someone lifts it */
  endsAt?: number;
}

/** The ground of a decision for one reason code: what admins keep (set_decision_ground), or what Warden ships. */
export interface DecisionGround {
  ground: DecisionGroundKind;
  /** the legal ground (illegal content) or the contractual ground (terms and conditions) relied on; ≤ 500 */
  reference: string;
  /** why the content is illegal, or incompatible, on that ground; ≤ 2000 */
  explanation: string;
  /** incompatible with the terms and also considered illegal (only read for incompatible content) */
  alsoIllegal: boolean;
}

export const GROUND_REFERENCE_MAX = 500;
export const GROUND_EXPLANATION_MAX = 2000;
export const DECISION_FACTS_MAX = 5000;
export const MAX_BATCH_STATEMENTS = 100;

/** A statement of reasons exactly as the database receives it (one element of `statements`). */
export interface DsaStatement {
  decision_account?: string;
  decision_provision?: string;
  decision_visibility?: string[];
  end_date_account_restriction?: string | null;
  end_date_service_restriction?: string | null;
  end_date_visibility_restriction?: string | null;
  decision_ground: DecisionGroundKind;
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  incompatible_content_illegal?: 'Yes' | 'No';
  category: string;
  category_addition?: string[];
  category_specification?: string[];
  content_type: ContentType[];
  content_type_other?: string;
  territorial_scope: Country[];
  content_date: string;
  application_date: string;
  decision_facts: string;
  source_type: SourceType;
  automated_detection: 'Yes' | 'No';
  automated_decision: AutomatedDecision;
  puid: string;
}

// --- how the case arose --------------------------------------------------------

/** What the record says about how a decision came about. */
export interface Origin {
  /** reports by the platform's users folded into the case (0 without a case) */
  reportsByUsers: number;
  /**
   * a report in the case came from a registered trusted flagger (DSA Art. 22):
   * the registry (src/reporters) as it stood when the report arrived, which
   * intake records on the report
   */
  trustedFlaggerReport: boolean;
}

/**
 * The database's `source_type`: a trusted flagger's notice, a notice by a
 * user (Art. 16), or Warden's own initiative — staff acting without a user's
 * report, and Warden's own suggestion from strikes (SOURCE_VOLUNTARY, "own
 * voluntary initiative", is the database's word for both). Tripwire reverts
 * are not decisions on a user and make no statement.
 */
export function sourceTypeOf(origin: Origin): SourceType {
  if (origin.trustedFlaggerReport) return 'SOURCE_TRUSTED_FLAGGER';
  if (origin.reportsByUsers > 0) return 'SOURCE_ARTICLE_16';
  return 'SOURCE_VOLUNTARY';
}

/**
 * Who decided: a person proposed it (not automated: a person's decision,
 * whoever approved); Warden proposed it and a person approved (its strike
 * suggestion: partially); Warden alone (fully). Detection is automated only
 * when Warden itself identified the account (its strike count).
 */
export function automationOf(decided: { proposedBySystem: boolean; approvedByPeople: number }): {
  automated_detection: 'Yes' | 'No';
  automated_decision: AutomatedDecision;
} {
  if (!decided.proposedBySystem) return { automated_detection: 'No', automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED' };
  return { automated_detection: 'Yes', automated_decision: decided.approvedByPeople > 0 ? 'AUTOMATED_DECISION_PARTIALLY' : 'AUTOMATED_DECISION_FULLY' };
}

/** The case's report categories as the database's: the gravest first as `category`, the others as `category_addition`. */
export function categoriesOf(categories: readonly Category[], reasonCode: ReasonCode) {
  const known = [...new Set(categories)].sort((a, b) => SEVERITY[b] - SEVERITY[a] || a.localeCompare(b));
  // no reports: the reason code names the category where it is one (spam, harassment, …)
  if (known.length === 0) known.push(isCategory(reasonCode) ? reasonCode : 'other');
  const mapped = known.map((c) => CATEGORY_OF[c]);
  const category = mapped[0]!.category;
  const addition = [...new Set(mapped.map((m) => m.category))].filter((c) => c !== category);
  const keywords = [...new Set(mapped.flatMap((m) => m.keywords))];
  return { category, addition, keywords };
}

const isCategory = (r: string): r is Category => Object.hasOwn(CATEGORY_OF, r);

/** An instant as the database's dates: YYYY-MM-DD, UTC. */
export const dsaDate = (at: number) => new Date(at).toISOString().slice(0, 10);

// --- a statement from the record ------------------------------------------------

export interface StatementFacts {
  actionId: string;
  kind: string;
  reasonCode: ReasonCode;
  effect: DsaEffect;
  result: AccountState;
  executedAt: number;
  /** when the account's content was first known to Warden: the account's record */
  contentSince: number;
  ground: DecisionGround;
  reportCategories: Category[];
  origin: Origin;
  decided: { proposedBySystem: boolean; approvedByPeople: number };
  policyVersion: string;
  config: { territorialScope: readonly Country[]; contentTypes: readonly ContentType[]; contentTypeOther: string | undefined };
}

/**
 * The statement for an executed restriction. Nothing in it names a person:
 * the facts are said from the record (kind, reason, how many reports of what,
 * who decided by role count), never the justification a person typed, which
 * may name the account or others; the only identifier is the puid (Warden's
 * action id).
 */
export function statementOf(f: StatementFacts): DsaStatement {
  const { category, addition, keywords } = categoriesOf(f.reportCategories, f.reasonCode);
  const ground: Partial<DsaStatement> =
    f.ground.ground === 'DECISION_GROUND_ILLEGAL_CONTENT'
      ? { illegal_content_legal_ground: f.ground.reference, illegal_content_explanation: f.ground.explanation }
      : { incompatible_content_ground: f.ground.reference, incompatible_content_explanation: f.ground.explanation, incompatible_content_illegal: f.ground.alsoIllegal ? 'Yes' : 'No' };
  const end = f.effect.endsAt === undefined ? null : dsaDate(f.effect.endsAt);
  const restriction: Partial<DsaStatement> = {
    ...(f.effect.decision_account ? { decision_account: f.effect.decision_account, end_date_account_restriction: end } : {}),
    ...(f.effect.decision_provision ? { decision_provision: f.effect.decision_provision, end_date_service_restriction: end } : {}),
    ...(f.effect.decision_visibility ? { decision_visibility: f.effect.decision_visibility, end_date_visibility_restriction: end } : {}),
  };
  const contentTypes = [...f.config.contentTypes];
  return {
    ...restriction,
    decision_ground: f.ground.ground,
    ...ground,
    category,
    ...(addition.length ? { category_addition: addition } : {}),
    ...(keywords.length ? { category_specification: keywords } : {}),
    content_type: contentTypes,
    ...(contentTypes.includes('CONTENT_TYPE_OTHER') ? { content_type_other: f.config.contentTypeOther ?? 'account' } : {}),
    territorial_scope: [...f.config.territorialScope],
    content_date: dsaDate(Math.max(f.contentSince, Date.UTC(2000, 0, 1))),
    application_date: dsaDate(f.executedAt),
    decision_facts: factsOf(f),
    source_type: sourceTypeOf(f.origin),
    ...automationOf(f.decided),
    puid: f.actionId,
  };
}

function factsOf(f: StatementFacts): string {
  const reports = f.origin.reportsByUsers;
  const categories = [...new Set(f.reportCategories)].sort();
  const lines = [
    `Account-level decision "${f.kind}" taken for the reason "${f.reasonCode.replace(/_/g, ' ')}".`,
    f.effect.endsAt === undefined ? 'It lasts until it is lifted.' : `It ends on ${dsaDate(f.effect.endsAt)}.`,
    reports > 0
      ? `It followed ${reports} notice${reports === 1 ? '' : 's'} by users of the service (${categories.join(', ')}).`
      : 'It was taken on the provider’s own initiative.',
    f.decided.proposedBySystem
      ? `It was suggested by the provider's automated count of prior violations${f.decided.approvedByPeople > 0 ? ' and approved by a reviewer' : ''}.`
      : `It was proposed by a reviewer${f.decided.approvedByPeople > 0 ? ` and approved by ${f.decided.approvedByPeople} other reviewer${f.decided.approvedByPeople === 1 ? '' : 's'}` : ''}, under policy version ${f.policyVersion}.`,
  ];
  return lines.join(' ').slice(0, DECISION_FACTS_MAX);
}

// --- lifecycle --------------------------------------------------------------------

/**
 * pending: written with the execution, waiting for its batch (or for the
 * database to be configured); queued: in a batch on its way; delivered: the
 * database holds it (its uuid recorded); refused: the database refused this
 * statement for good (the field named); failed: its batch was given up on.
 */
export const STATEMENT_STATES = ['pending', 'queued', 'delivered', 'refused', 'failed'] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];
export type StatementEvent = 'batch' | 'deliver' | 'refuse' | 'fail';

export function nextStatementState(from: StatementState, e: StatementEvent): StatementState {
  if (e === 'batch' && from === 'pending') return 'queued';
  if (e === 'deliver' && from === 'queued') return 'delivered';
  if (e === 'refuse' && from === 'queued') return 'refused';
  if (e === 'fail' && from === 'queued') return 'failed';
  throw new DomainError('invalid_transition', `a statement that is ${from} cannot take '${e}'`, { from, event: e });
}

/** The outbox payload of kind `statement`: one batch (≤ 100) for one POST; its key is the batch id. */
export interface StatementBatchPayload {
  batchId: string;
  statements: DsaStatement[];
}
