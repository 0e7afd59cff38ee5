/** A policy question in a sentence, as the invariants' counterexamples and `warden policy verify` show it. */
import type { DecisionRequest } from './model.js';

export function describeRequest(req: DecisionRequest): string {
  const p = req.principal;
  const who = p.type === 'System' ? 'Warden itself' : `${p.employment} ${p.role}${p.accessActive ? '' : ' (access window closed)'}`;
  const r = req.resource;
  const what =
    r.type === 'Account'
      ? `a ${r.tier} account (${r.status}, ${r.followers.toLocaleString('en')} followers)`
      : r.type === 'Staff'
        ? p.type === 'Staff' && p.id === r.id
          ? 'themselves'
          : `a ${r.employment} ${r.role}`
        : r.type === 'Reporter'
          ? 'a reporter'
          : 'the policy set';
  const c = req.context;
  const effect = c.effect.toStatus ? `, taking it from ${c.effect.fromStatus} to ${c.effect.toStatus}${c.effect.durationMs ? ` for ${c.effect.durationMs} ms` : ''}` : '';
  const flags = [
    c.frozen && 'frozen',
    c.hourlyFollowers > 0 && `${c.hourlyFollowers.toLocaleString('en')} followers reached this hour`,
    c.isProposer && 'the approver is the proposer',
    c.approverDependent && 'the approver depends on the proposer',
    c.grantedRole && `giving the role ${c.grantedRole}`,
    c.automatic && 'automatic',
  ].filter(Boolean);
  const approvals = (Object.entries(c.approvals) as [string, number][]).filter(([k, n]) => k !== 'total' && n > 0).map(([k, n]) => `${n} ${k}`);
  const counted = req.stage === 'execute' ? `; approvals counted: ${approvals.length ? approvals.join(', ') : 'none'}` : '';
  return `${req.stage} ${c.kind} by ${who} on ${what}${effect}${flags.length ? ` (${flags.join(', ')})` : ''}${counted}`;
}
