/**
 * Loading a policy set: parse, check annotations, validate against the schema.
 * Every problem is collected (not just the first) and named by file and line,
 * so an author fixes a bad set in one pass. Pure apart from Cedar's parser.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { DomainError, messageOf } from '../errors.js';
import { STAGES, type Stage } from './model.js';

export interface PolicyProblem {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based, when Cedar located the problem within the line */
  column?: number;
  message: string;
}

/** A policy set that does not load: a 4xx to whoever proposed it, a refusal to start for the server. */
export class PolicyLoadError extends DomainError {
  /**
   * Cedar itself failed (threw, rather than answering with errors): its wasm
   * memory may be corrupt, so the thread that saw it must not ask it again.
   */
  compilerFailed = false;

  constructor(readonly problems: PolicyProblem[]) {
    super('invalid_input', problems.map(formatProblem).join('; '), {
      fields: problems.map((p) => ({ path: p.file, message: `line ${p.line}: ${p.message}` })),
    });
    this.name = 'PolicyLoadError';
  }
}

export const formatProblem = (p: PolicyProblem) => `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}: ${p.message}`;

export interface PolicyFile {
  /** the name the file is stored under (`enforcement.cedar`) */
  name: string;
  text: string;
}

/** One policy of the set, its Cedar id being its `@id`. */
export interface LoadedRule {
  id: string;
  effect: 'permit' | 'forbid';
  reason: string;
  text: string;
  /** where it was written, as problems name it */
  file: string;
  line: number;
  /**
   * What its scope can match: the stages, and the principal and resource
   * entity types (null: any). A decision need not evaluate a rule whose scope
   * cannot match its request.
   */
  scope: { stages: Stage[]; principal: string | null; resource: string | null; actions: string[] | null };
  reads: FactsRead;
}

/**
 * What a set may decide, judged rule by rule from the actions its scope names
 * (null: any action): the message refusing a rule, or null.
 */
export type ActionScopeRule = (actions: string[] | null) => string | null;

/**
 * The attributes a rule can read. Handing Cedar only the facts some rule
 * reads makes a decision cheaper (Cedar converts every attribute it is given);
 * names are collected wherever they occur, so the analysis can only include
 * too much, never too little.
 */
export interface FactsRead {
  /** every attribute name read with `.` or tested with `has` */
  names: Set<string>;
  /** names whose value is used whole (`context.approvals == {...}`), not only reached through */
  whole: Set<string>;
  /** `context` itself used whole */
  wholeContext: boolean;
}

export const emptyFactsRead = (): FactsRead => ({ names: new Set(), whole: new Set(), wholeContext: false });

/** Walk a policy's JSON form (see Cedar's JSON policy format) collecting what it reads. */
export function collectReads(node: unknown, into: FactsRead, reachedThrough = false): FactsRead {
  if (Array.isArray(node)) {
    for (const n of node) collectReads(n, into);
    return into;
  }
  if (node === null || typeof node !== 'object') return into;
  for (const [key, value] of Object.entries(node)) {
    if ((key === '.' || key === 'has') && value && typeof value === 'object' && 'left' in value) {
      const { left, attr } = value as { left: unknown; attr: string | string[] };
      for (const a of Array.isArray(attr) ? attr : [attr]) into.names.add(a);
      if (key === '.' && !reachedThrough && typeof attr === 'string') into.whole.add(attr);
      collectReads(left, into, true);
    } else if (key === 'Var') {
      if (value === 'context' && !reachedThrough) into.wholeContext = true;
    } else collectReads(value, into);
  }
  return into;
}

/** Line ends and trailing spaces do not change a policy: the text a version hashes. */
export const normalise = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();

/** Ids are short, stable, kebab-case: they are quoted in audit entries and API answers. */
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
/** Said by the engine when nothing permits; no policy may claim it. */
const RESERVED_IDS = new Set(['default-deny']);

/**
 * Parse `files` (in the order given) and validate them against `schema`.
 * `display` is how a problem names the file (`policies/guard.cedar`).
 */
export function loadPolicyFiles(
  files: { display: string; text: string }[],
  schema: { display: string; text: string },
  actionScope: ActionScopeRule = () => null,
): LoadedRule[] {
  const problems: PolicyProblem[] = [];
  const schemaParse = cedar.checkParseSchema(schema.text);
  if (schemaParse.type === 'failure') problems.push(...schemaParse.errors.map((e) => located(schema.display, schema.text, e)));

  const rules: LoadedRule[] = [];
  const seen = new Map<string, LoadedRule>();
  for (const file of files) {
    // nesting Cedar's parser would recurse through until its stack runs out: refused before it is asked
    const tooDeep = nestingProblem(file.display, file.text);
    if (tooDeep) {
      problems.push(tooDeep);
      continue;
    }
    try {
      loadFile(file, schema.text, schemaParse.type === 'success', seen, rules, problems, actionScope);
    } catch (err) {
      // anything Cedar throws (a stack overflow inside the wasm module, a trap): the file is named, nothing else asked
      const e = new PolicyLoadError([...problems, { file: file.display, line: 1, message: `Cedar could not process this file: ${messageOf(err)}` }]);
      e.compilerFailed = true;
      throw e;
    }
  }
  if (problems.length === 0 && rules.length === 0) problems.push({ file: files[0]?.display ?? '(policies)', line: 1, message: 'the policy set has no policies: everything would be denied' });
  if (problems.length > 0) throw new PolicyLoadError(problems);
  return rules;
}

/** One file's rules into `rules`, its problems into `problems`; may throw whatever Cedar throws. */
function loadFile(
  file: { display: string; text: string },
  schemaText: string,
  schemaParsed: boolean,
  seen: Map<string, LoadedRule>,
  rules: LoadedRule[],
  problems: PolicyProblem[],
  actionScope: ActionScopeRule,
): void {
  const parsed = cedar.checkParsePolicySet({ staticPolicies: file.text });
  if (parsed.type === 'failure') {
    problems.push(...parsed.errors.map((e) => located(file.display, file.text, e)));
    return;
  }
  const parts = cedar.policySetTextToParts(file.text);
  if (parts.type === 'failure') {
    problems.push(...parts.errors.map((e) => located(file.display, file.text, e)));
    return;
  }
  for (const t of parts.policy_templates) problems.push({ file: file.display, line: lineAt(file.text, file.text.indexOf(t)), message: 'templates are not used by Warden: write a static policy' });
  const fileRules = locateAll(file.text, parts.policies).map(({ text, at }) => ruleOf(file, text, at, problems));
  for (const rule of fileRules) {
    if (!rule) continue;
    const outOfScope = actionScope(rule.scope.actions);
    if (outOfScope) problems.push({ file: rule.file, line: rule.line, message: `rule ${rule.id}: ${outOfScope}` });
    const earlier = seen.get(rule.id);
    if (earlier) {
      problems.push({ file: rule.file, line: rule.line, message: `@id("${rule.id}") is already used at ${earlier.file}:${earlier.line}` });
      continue;
    }
    seen.set(rule.id, rule);
    rules.push(rule);
  }
  if (schemaParsed) problems.push(...validationProblems(file, schemaText, fileRules));
}

/** Deeper than any policy needs, well short of what overflows Cedar's parser (about 200). */
export const MAX_POLICY_NESTING = 64;

/**
 * Where brackets of a file nest deeper than MAX_POLICY_NESTING, or null. One
 * pass, skipping string literals and `//` comments.
 */
export function nestingProblem(file: string, text: string): PolicyProblem | null {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') line++;
      }
    } else if (c === '/' && text[i + 1] === '/') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_POLICY_NESTING) return { file, line, message: `brackets nest deeper than ${MAX_POLICY_NESTING} levels` };
    } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return null;
}

function ruleOf(file: { display: string; text: string }, text: string, at: number, problems: PolicyProblem[]): LoadedRule | undefined {
  const line = lineAt(file.text, at);
  const json = cedar.policyToJson(text);
  if (json.type === 'failure') {
    problems.push(...json.errors.map((e) => ({ file: file.display, line, message: e.message })));
    return undefined;
  }
  const { id, reason } = json.json.annotations ?? {};
  const before = problems.length;
  if (!id) problems.push({ file: file.display, line, message: 'policy has no @id("...") annotation' });
  else if (!RULE_ID.test(id)) problems.push({ file: file.display, line, message: `@id("${id}") must be kebab-case: lower-case letters, digits and hyphens` });
  else if (RESERVED_IDS.has(id)) problems.push({ file: file.display, line, message: `@id("${id}") is reserved` });
  if (!reason?.trim()) problems.push({ file: file.display, line, message: `policy ${id ? `"${id}" ` : ''}has no @reason("...") annotation: every decision must be explainable` });
  if (problems.length > before || !id || !reason) return undefined;
  return { id, effect: json.json.effect, reason: reason.trim(), text, file: file.display, line, scope: { stages: stagesOf(json.json.action), principal: typeOf(json.json.principal), resource: typeOf(json.json.resource), actions: actionsOf(json.json.action) }, reads: collectReads(json.json.conditions, emptyFactsRead()) };
}

/** The one entity type a principal or resource scope admits, or null when it may admit several. */
function typeOf(scope: cedar.PrincipalConstraint): string | null {
  if (scope.op === 'is') return scope.in ? null : scope.entity_type;
  if (scope.op === '==' && 'entity' in scope) return '__entity' in scope.entity ? scope.entity.__entity.type : scope.entity.type;
  return null;
}

/** The actions a scope names ('' for a non-action entity), or null when it admits any. */
function actionsOf(scope: cedar.ActionConstraint): string[] | null {
  if (scope.op === 'All') return null;
  const uids = 'entities' in scope ? scope.entities : 'entity' in scope ? [scope.entity] : [];
  return uids.map((u) => ('__entity' in u ? u.__entity : u)).map((u) => (u.type === 'Action' ? u.id : ''));
}

/** Conservative: any scope naming something other than the three stage actions matches every stage. */
function stagesOf(scope: cedar.ActionConstraint): Stage[] {
  const ids = actionsOf(scope);
  if (!ids || ids.length === 0 || !ids.every((id) => (STAGES as readonly string[]).includes(id))) return [...STAGES];
  return STAGES.filter((s) => ids.includes(s));
}

function validationProblems(file: { display: string; text: string }, schemaText: string, fileRules: (LoadedRule | undefined)[]): PolicyProblem[] {
  const answer = cedar.validate({ schema: schemaText, policies: { staticPolicies: file.text } });
  if (answer.type === 'failure') return answer.errors.map((e) => located(file.display, file.text, e));
  return answer.validationErrors.map((v) => {
    // Cedar names policies of a text set policy0, policy1, … in the order written
    const rule = fileRules[Number(/^policy(\d+)$/.exec(v.policyId)?.[1] ?? NaN)];
    const message = v.error.message.replace(/^for policy `[^`]*`, /, '');
    const p = located(file.display, file.text, { ...v.error, message: rule ? `${message} (rule ${rule.id})` : message });
    return !v.error.sourceLocations?.length && rule ? { ...p, line: rule.line } : p;
  });
}

/** Where each policy of a parsed file begins (Cedar returns them sorted by id, not by position). */
function locateAll(fileText: string, texts: string[]): { text: string; at: number }[] {
  const taken = new Set<number>();
  return texts
    .map((text) => {
      let at = fileText.indexOf(text);
      while (at >= 0 && taken.has(at)) at = fileText.indexOf(text, at + 1);
      taken.add(at);
      return { text, at };
    })
    .sort((a, b) => a.at - b.at);
}

// --- positions -----------------------------------------------------------------

/** A Cedar error at the first source location it carries; Cedar's offsets count UTF-8 bytes. */
function located(file: string, text: string, e: cedar.DetailedError): PolicyProblem {
  const message = [e.message, e.sourceLocations?.[0]?.label, e.help].filter(Boolean).join(': ');
  const at = e.sourceLocations?.[0]?.start;
  if (at === undefined) return { file, line: 1, message };
  const prefix = Buffer.from(text, 'utf8').subarray(0, at).toString('utf8');
  const line = prefix.split('\n').length;
  const column = prefix.length - prefix.lastIndexOf('\n');
  return { file, line, column, message };
}

/** 1-based line of a string index. */
function lineAt(text: string, index: number): number {
  return index < 0 ? 0 : text.slice(0, index).split('\n').length;
}
