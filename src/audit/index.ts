/**
 * The Merkle side of the audit log, wired once per AppContext: the tree
 * reader, signed heads, proofs, verification and export. (`ctx.audit`, the
 * appender, stays where every service already finds it.)
 */
import type { KeyObject } from 'node:crypto';
import type { AppContext } from '../context.js';
import { AuditExporter } from './export.js';
import { TreeHeads, startTreeHeadSigning } from './heads.js';
import { AuditProofs } from './proofs.js';
import { TreeHeadSigner } from './signer.js';
import { MerkleStore } from './tree.js';
import { AuditVerifier } from './verify.js';
import type { Periodic } from '../workers/periodic.js';

export interface AuditServices {
  tree: MerkleStore;
  heads: TreeHeads;
  proofs: AuditProofs;
  verifier: AuditVerifier;
  exporter: AuditExporter;
  /** the signing key, loaded (or for the demo generated) on first use */
  signer(): TreeHeadSigner;
  /** the configured key's public half, without creating one; null when there is no key file */
  publicKey(): KeyObject | null;
}

const wired = new WeakMap<AppContext, AuditServices>();

export function auditServices(ctx: AppContext): AuditServices {
  let services = wired.get(ctx);
  if (!services) {
    services = wire(ctx);
    wired.set(ctx, services);
  }
  return services;
}

function wire(ctx: AppContext): AuditServices {
  const keyPath = ctx.config.audit.signingKeyPath;
  let signer: TreeHeadSigner | undefined;
  const getSigner = () =>
    (signer ??= TreeHeadSigner.loadOrCreate(keyPath, (file) =>
      ctx.logger.info({ file }, 'generated a new audit signing key; keep it safe and give its public key to your auditors (`warden audit public-key`)'),
    ));
  const publicKey = () => (signer ?? TreeHeadSigner.load(keyPath) ?? undefined)?.publicKey ?? null;
  const tree = new MerkleStore(ctx.store.dialect);
  const heads = new TreeHeads(ctx.audit, ctx.clock, getSigner, ctx.config.audit.headWebhookUrls.length > 0);
  return {
    tree,
    heads,
    proofs: new AuditProofs(ctx.audit, tree, heads),
    verifier: new AuditVerifier(ctx.audit, tree, heads, publicKey),
    exporter: new AuditExporter(ctx.audit, tree, heads),
    signer: getSigner,
    publicKey,
  };
}

/** The tree-head signer a Warden process runs beside its server (wire into startWorkers). */
export function startAuditWorkers(ctx: AppContext): Periodic {
  return startTreeHeadSigning({ db: ctx.db, heads: auditServices(ctx).heads, intervalMs: ctx.config.audit.treeHeadIntervalMs, logger: ctx.logger, leases: ctx.leases });
}
