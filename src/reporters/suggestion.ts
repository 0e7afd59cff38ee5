/**
 * Misuse of reporting (DSA Art. 23): when a case is resolved as unfounded,
 * each of its reporters whose record in the misuse window calls for it
 * (src/reporters/model.ts callsForWarning) and who is not warned already gets
 * a warning Warden proposes, with the counts that justify it, for a person to
 * approve (src/actions/suggest.ts; `warden-suggests-reporter-warning`). One
 * pending suggestion per reporter at a time; every threshold reached is
 * audited, with the suggestion made or the rules that kept Warden from it.
 */
import type { ActionAuditEvent } from '../actions/events.js';
import { pendingSystemProposal } from '../actions/store.js';
import { suggestAsWarden } from '../actions/suggest.js';
import type { AuditAppender } from '../audit/service.js';
import type { Case } from '../cases/rows.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { PolicyService } from '../policy/service.js';
import { type ReporterAuditEvent, misuseThresholdReached } from './events.js';
import { UNFOUNDED_RESOLUTIONS, callsForWarning, misuseWords } from './model.js';
import { misuseCountsFor, standingsOf } from './store.js';

/** A brigade can fold thousands of reporters into one case: at most this many are weighed per resolution. */
const MAX_CONSIDERED = 1_000;

export class WarningSuggestions {
  constructor(
    private readonly audit: AuditAppender<ActionAuditEvent | ReporterAuditEvent>,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
  ) {}

  /** A case was resolved: if as unfounded, weigh its reporters; answers the warnings suggested. */
  async caseResolved(tx: Db, kase: Pick<Case, 'id' | 'resolution'>): Promise<string[]> {
    if (!UNFOUNDED_RESOLUTIONS.some((r) => r === kase.resolution)) return [];
    const rows = await tx.selectFrom('case_reporters').select('reporter_id').where('case_id', '=', kase.id).orderBy('reporter_id').limit(MAX_CONSIDERED).execute();
    const ids = rows.map((r) => r.reporter_id);
    const now = this.clock.now();
    const counts = await misuseCountsFor(tx, ids, now);
    const standing = await standingsOf(tx, ids);
    const made: string[] = [];
    for (const id of ids) {
      const misuse = counts.get(id)!;
      if (!callsForWarning(misuse) || standing.get(id)?.warning) continue;
      if (await pendingSystemProposal(tx, id, 'warn_reporter')) continue;
      const justification = `${misuseWords(misuse)}: Warden suggests a warning for misuse of reporting, for a person to decide`;
      const s = await suggestAsWarden(tx, { audit: this.audit, policy: this.policy, clock: this.clock }, {
        kp: { kind: 'warn_reporter', params: { misuse } },
        targetId: id,
        reasonCode: 'repeated_violations',
        justification,
        what: 'a warning of this reporter',
      });
      await this.audit.append(tx, misuseThresholdReached(id, { misuse, suggestedActionId: s.id, rules: s.decision.rules, why: s.id === null ? s.why : justification }));
      if (s.id) made.push(s.id);
    }
    return made;
  }
}
