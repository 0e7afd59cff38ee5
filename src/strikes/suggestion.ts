/**
 * When a standard account's live strikes reach `strikes.suggestSuspensionAt`,
 * Warden proposes suspending it, as a proposal of its own that a person must
 * approve: the policy decides whether Warden may propose it at all
 * (`warden-suggests-suspension-on-strikes`, which never matches a protected
 * account) and what it needs to execute (`warden-suggestion-needs-a-person`);
 * a suggestion the policy would let execute with no approval is not made,
 * whatever set is in force. One pending suggestion per account at a time.
 */
import { randomUUID } from 'node:crypto';
import { effectOn } from '../actions/effect.js';
import { type ActionAuditEvent, suggestionProposed } from '../actions/events.js';
import { decisionContext, followersOf, resourceFacts } from '../actions/facts.js';
import { DEFAULT_PROPOSAL_TTL_MS, nextActionState } from '../actions/model.js';
import { insertAction, pendingSystemProposal } from '../actions/store.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { toJson } from '../db/json.js';
import type { PrincipalFacts } from '../policy/model.js';
import type { PolicyService } from '../policy/service.js';
import { type StrikeAuditEvent, strikeThresholdReached } from './events.js';

const WARDEN: PrincipalFacts = { type: 'System', id: 'warden' };

export class SuspensionSuggestions {
  constructor(
    private readonly audit: AuditAppender<ActionAuditEvent | StrikeAuditEvent>,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
    private readonly cfg: Config['strikes'],
  ) {}

  /** The account now has `liveStrikes`: at the threshold, suggest a suspension; answers the suggestion's id, if one was made. */
  async consider(tx: Db, accountId: string, liveStrikes: number): Promise<string | null> {
    const threshold = this.cfg.suggestSuspensionAt;
    if (liveStrikes < threshold) return null;
    if (await pendingSystemProposal(tx, accountId, 'suspend')) return null;
    const now = this.clock.now();
    const engine = await this.policy.current(tx);
    const resource = await resourceFacts(tx, 'account', accountId, now);
    const kp = { kind: 'suspend' as const, params: { durationMs: this.cfg.suggestedSuspensionMs } };
    const effect = await effectOn(tx, kp, resource, now);
    const context = decisionContext('suspend', effect, { frozen: await this.policy.isFrozen(tx), automatic: true });
    const decision = engine.decide({ stage: 'propose', principal: WARDEN, resource, context });
    const requirements = decision.allowed ? engine.requiredApprovals({ principal: WARDEN, resource, context }) : [];
    const why = !decision.allowed
      ? 'the policy does not let Warden suggest a suspension of this account'
      : requirements.length === 0
        ? 'the policy in force would let the suggestion execute with no approval: Warden suggests nothing it could do alone'
        : null;
    if (why) {
      await this.audit.append(tx, strikeThresholdReached(accountId, { liveStrikes, threshold, suggestedActionId: null, rules: decision.rules, why }));
      return null;
    }
    const id = `act_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const state = nextActionState('proposed', { type: 'submit', needsApproval: true });
    const justification = `${liveStrikes} live strikes on this account (the threshold is ${threshold}): Warden suggests a suspension for a person to decide`;
    await insertAction(tx, {
        id,
        kind: 'suspend',
        target_type: 'account',
        target_id: accountId,
        case_id: null,
        reason_code: 'repeated_violations',
        justification,
        params: JSON.stringify(kp.params),
        state,
        proposer_kind: 'system',
        proposer_id: 'warden',
        proposed_at: now,
        scheduled_for: null,
        expires_at: now + DEFAULT_PROPOSAL_TTL_MS,
        reverses_action_id: null,
        policy_version: engine.version,
        last_decision: toJson(decision),
        followers: followersOf(resource, 'suspend'),
      });
    const proposal = { kind: 'suspend' as const, targetId: accountId, reasonCode: 'repeated_violations' as const, justification };
    await this.audit.append(tx, suggestionProposed(id, proposal, { state, params: kp.params, effect, decision, requirements, proposer: WARDEN }));
    await this.audit.append(tx, strikeThresholdReached(accountId, { liveStrikes, threshold, suggestedActionId: id, rules: decision.rules, why: justification }));
    return id;
  }
}
