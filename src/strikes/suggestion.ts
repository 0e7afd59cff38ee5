/**
 * When a standard account's live strikes reach `strikes.suggestSuspensionAt`,
 * Warden proposes suspending it, as a proposal of its own that a person must
 * approve (src/actions/suggest.ts): the policy decides whether Warden may
 * propose it at all (`warden-suggests-suspension-on-strikes`, which never
 * matches a protected account) and what it needs to execute
 * (`warden-suggestion-needs-a-person`). One pending suggestion per account at
 * a time.
 */
import type { ActionAuditEvent } from '../actions/events.js';
import { pendingSystemProposal } from '../actions/store.js';
import { suggestAsWarden } from '../actions/suggest.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { PolicyService } from '../policy/service.js';
import { type StrikeAuditEvent, strikeThresholdReached } from './events.js';

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
    const justification = `${liveStrikes} live strikes on this account (the threshold is ${threshold}): Warden suggests a suspension for a person to decide`;
    const made = await suggestAsWarden(tx, { audit: this.audit, policy: this.policy, clock: this.clock }, {
      kp: { kind: 'suspend', params: { durationMs: this.cfg.suggestedSuspensionMs } },
      targetId: accountId,
      reasonCode: 'repeated_violations',
      justification,
      what: 'a suspension of this account',
    });
    const why = made.id === null ? made.why : justification;
    await this.audit.append(tx, strikeThresholdReached(accountId, { liveStrikes, threshold, suggestedActionId: made.id, rules: made.decision.rules, why }));
    return made.id;
  }
}
