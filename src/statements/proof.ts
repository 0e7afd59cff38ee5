/**
 * The audit inclusion proof of the decision a statement of reasons states:
 * the `action.executed` entry of its action, proven into the latest signed
 * tree head when that covers it, else into the whole log as it stands (the
 * next signed head will cover it; ask again then for a signed root).
 */
import type { AuditProofs, InclusionProof } from '../audit/proofs.js';
import type { AuditLog } from '../audit/service.js';
import type { Db } from '../db/database.js';

export async function decisionProof(db: Db, audit: AuditLog, proofs: AuditProofs, actionId: string): Promise<InclusionProof | null> {
  const entries = await audit.list(db, { subjectType: 'action', subjectId: actionId, limit: 1000 });
  const executed = entries.find((e) => e.action === 'action.executed');
  if (!executed) return null;
  const signed = await proofs.defaultSize(db);
  return proofs.inclusion(db, executed.seq, executed.seq < signed ? signed : await audit.size(db));
}
