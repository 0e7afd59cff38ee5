import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { decimalInt, text } from '../../bounds.js';
import { auditServices } from '../../audit/index.js';
import type { AppContext } from '../../context.js';
import { type AuthEnv, forStaff, forStaffOrService, guarded, json } from '../route.js';
import { AuditEventSchema, StoredEntry, auditEventOf } from './audit-events.js';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

const SignedTreeHead = z
  .object({
    id: z.number().int(),
    treeSize: z.number().int(),
    rootHash: Hash,
    timestamp: z.number().int().describe('epoch ms'),
    signature: z.string().describe('Ed25519, base64, over UTF-8 {"rootHash":…,"timestamp":…,"treeSize":…,"type":"warden.audit.tree_head.v1"}'),
    keyId: z.string().describe('SHA-256 of the signing key’s SubjectPublicKeyInfo (DER), hex'),
  })
  .meta({ id: 'SignedTreeHead' });

const Problem = z.record(z.string(), z.unknown());

/** Tree heads and proofs carry hashes only: auditors, leads, admins and the platform may read them. */
const size = decimalInt(0, Number.MAX_SAFE_INTEGER);

/** An RFC 9162 inclusion proof as served (src/audit/proofs.ts): also carried by a statement of reasons. */
export const InclusionProofSchema = z.object({
  seq: z.number().int(),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  entry: StoredEntry,
  canonical: z.string().describe('the entry’s canonical bytes (UTF-8); leafHash = SHA-256(0x00 ‖ canonical)'),
  leafHash: Hash,
  proof: z.array(Hash),
  rootHash: Hash,
  signedHead: SignedTreeHead.nullable(),
});

const routes = {
  list: guarded(forStaff('audit.read'), {
    method: 'get',
    path: '/v1/audit',
    summary: 'Audit entries, newest first, by subject or actor',
    request: {
      query: z.object({
        subjectType: text(64).optional(),
        subjectId: text(128).optional(),
        actorId: text(128).optional(),
        before: decimalInt(0, Number.MAX_SAFE_INTEGER).optional(),
        limit: decimalInt(1, 1000).optional(),
      }),
    },
    responses: { 200: json(z.object({ entries: z.array(AuditEventSchema), size: z.number().int() })) },
  }),
  verify: guarded(forStaff('audit.verify'), {
    method: 'get',
    path: '/v1/audit/verify',
    summary: 'Re-derive the log from the stored entries and name every problem',
    description:
      'scope=chain (default): the hash chain. scope=full: also every leaf hash, the whole Merkle tree, the stored subtrees and every signed tree head, with findings that name what was done (edited, deleted, inserted, reordered, truncated, rewritten).',
    request: { query: z.object({ scope: z.enum(['chain', 'full']).optional() }) },
    responses: {
      200: json(
        z.object({
          ok: z.boolean(),
          size: z.number().int(),
          problems: z.array(Problem),
          findings: z.array(Problem).optional(),
          headSize: z.number().int().optional(),
          rootHash: Hash.optional(),
          signedHeadsChecked: z.number().int().optional(),
          problemsOmitted: z.number().int().optional(),
        }),
      ),
    },
  }),
  heads: guarded(forStaffOrService('audit.proofs'), {
    method: 'get',
    path: '/v1/audit/heads',
    summary: 'Signed tree heads, newest first',
    request: { query: z.object({ limit: decimalInt(1, 1000).optional(), beforeId: decimalInt(0, Number.MAX_SAFE_INTEGER).optional() }) },
    responses: { 200: json(z.object({ heads: z.array(SignedTreeHead) })) },
  }),
  latestHead: guarded(forStaffOrService('audit.proofs'), {
    method: 'get',
    path: '/v1/audit/heads/latest',
    summary: 'The latest signed tree head (null before the first is signed)',
    responses: { 200: json(z.object({ head: SignedTreeHead.nullable() })) },
  }),
  signHead: guarded(forStaff('audit.sign-head'), {
    method: 'post',
    path: '/v1/audit/heads',
    summary: 'Sign a tree head over the log as it stands now',
    responses: { 201: json(z.object({ head: SignedTreeHead })) },
  }),
  publicKey: guarded(forStaffOrService('audit.proofs'), {
    method: 'get',
    path: '/v1/audit/public-key',
    summary: 'The Ed25519 public key tree heads are signed with (pin it outside Warden)',
    responses: { 200: json(z.object({ keyId: z.string(), publicKey: z.string().describe('SPKI PEM') })) },
  }),
  inclusion: guarded(forStaffOrService('audit.proofs'), {
    method: 'get',
    path: '/v1/audit/proofs/inclusion',
    summary: 'RFC 9162 inclusion proof of an entry in the tree of treeSize entries (default: the latest signed head)',
    request: { query: z.object({ seq: size, treeSize: size.optional() }) },
    responses: { 200: json(InclusionProofSchema) },
  }),
  consistency: guarded(forStaffOrService('audit.proofs'), {
    method: 'get',
    path: '/v1/audit/proofs/consistency',
    summary: 'RFC 9162 consistency proof that the tree of `from` entries is a prefix of the tree of `to` (default: the latest signed head)',
    request: { query: z.object({ from: size, to: size.optional() }) },
    responses: {
      200: json(
        z.object({
          from: z.number().int(),
          to: z.number().int(),
          fromRoot: Hash,
          toRoot: Hash,
          proof: z.array(Hash),
          fromHead: SignedTreeHead.nullable(),
          toHead: SignedTreeHead.nullable(),
        }),
      ),
    },
  }),
};

export function registerAuditRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  const audit = () => auditServices(ctx);
  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    const [entries, size] = await Promise.all([
      ctx.audit.list(ctx.db, { subjectType: q.subjectType, subjectId: q.subjectId, actorId: q.actorId, afterSeq: q.before, limit: q.limit }),
      ctx.audit.size(ctx.db),
    ]);
    return c.json({ entries: entries.map(auditEventOf), size }, 200);
  });
  app.openapi(routes.verify, async (c) => {
    if (c.req.valid('query').scope === 'full') {
      const r = await audit().verifier.verify(ctx.db);
      return c.json(
        { ok: r.ok, size: r.size, headSize: r.headSize, rootHash: r.rootHash, signedHeadsChecked: r.signedHeadsChecked, findings: r.findings, problems: r.problems, problemsOmitted: r.problemsOmitted },
        200,
      );
    }
    const r = await ctx.audit.verifyChain(ctx.db);
    return c.json({ ok: r.problems.length === 0, size: r.size, problems: r.problems }, 200);
  });
  app.openapi(routes.heads, async (c) => {
    const q = c.req.valid('query');
    return c.json({ heads: await audit().heads.list(ctx.db, { limit: q.limit, beforeId: q.beforeId }) }, 200);
  });
  app.openapi(routes.latestHead, async (c) => c.json({ head: await audit().heads.latest(ctx.db) }, 200));
  app.openapi(routes.signHead, async (c) => {
    const head = await ctx.transaction((tx) => audit().heads.sign(tx));
    return c.json({ head }, 201);
  });
  app.openapi(routes.publicKey, async (c) => {
    const signer = audit().signer();
    return c.json({ keyId: signer.keyId, publicKey: signer.publicKeyPem }, 200);
  });
  app.openapi(routes.inclusion, async (c) => {
    const q = c.req.valid('query');
    return c.json(await audit().proofs.inclusion(ctx.db, q.seq, q.treeSize), 200);
  });
  app.openapi(routes.consistency, async (c) => {
    const q = c.req.valid('query');
    return c.json(await audit().proofs.consistency(ctx.db, q.from, q.to), 200);
  });
}
