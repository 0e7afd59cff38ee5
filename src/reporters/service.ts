/**
 * Reporters' standing: what an approved action of a reporter kind changes
 * (called by execution, in its transaction, with the audit entry of the
 * change), and what the API shows of a reporter — their standing, the counts
 * a misuse measure would rest on, and for a trusted flagger how long their
 * notices waited for a decision.
 */
import type { Action } from '../actions/store.js';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { ReporterKind } from '../policy/model.js';
import { median } from '../transparency/model.js';
import { type ReporterAuditEvent, type StandingChange, standingChanged } from './events.js';
import { type MisuseCounts, type ReporterStanding, reportingSuspended } from './model.js';
import { type StandingColumns, flaggerDecisionTimes, recordedStanding, misuseCountsOf, setStanding, standingOf, trustedFlaggers } from './store.js';

/** An action that changes a reporter's standing. */
export type ReporterAction = Extract<Action, { kind: ReporterKind }>;

/** How many of a flagger's latest decided notices the time-to-decision figure reads. */
const DECISION_SAMPLE = 10_000;

export interface ReporterView extends ReporterStanding {
  reportingSuspended: boolean;
  /** their record over the misuse window, as a misuse measure would be justified now */
  misuse: MisuseCounts;
  /** a trusted flagger's notices: how many were decided, and the median time from notice to decision */
  flaggerDecisions: { decided: number; medianTimeToDecisionMs: number | null } | null;
}

const facts = (s: ReporterStanding) => ({ trustedFlagger: s.trustedFlagger !== null, warnedAt: s.warning?.at ?? null, suspendedUntil: s.suspension?.until ?? null });

export class ReporterService {
  constructor(
    private readonly audit: AuditAppender<ReporterAuditEvent>,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
  ) {}

  /** An approved reporter action takes effect: the standing it leaves, audited about the reporter. */
  async apply(tx: Db, action: ReporterAction, now: number): Promise<StandingChange> {
    await recordedStanding(tx, [action.targetId], now);
    const before = await standingOf(tx, action.targetId, this.dialect === 'postgres');
    const { change, columns } = changeOf(action, now, before);
    await setStanding(tx, action.targetId, columns);
    const after = await standingOf(tx, action.targetId);
    const actor: Actor = action.proposer.kind === 'system' ? { kind: 'system', id: 'warden' } : { kind: 'staff', id: action.proposer.id };
    await this.audit.append(tx, standingChanged(actor, action.targetId, facts(before), facts(after), change, action.id));
    return change;
  }

  async view(db: Db, reporterId: string): Promise<ReporterView> {
    const now = this.clock.now();
    const s = await standingOf(db, reporterId);
    const misuse = await misuseCountsOf(db, reporterId, now);
    let flaggerDecisions: ReporterView['flaggerDecisions'] = null;
    if (s.trustedFlagger) {
      const times = await flaggerDecisionTimes(db, reporterId, DECISION_SAMPLE);
      flaggerDecisions = { decided: times.length, medianTimeToDecisionMs: median(times) };
    }
    return { ...s, reportingSuspended: reportingSuspended(s, now), misuse, flaggerDecisions };
  }

  async trustedFlaggers(db: Db, limit: number): Promise<ReporterView[]> {
    const listed = await trustedFlaggers(db, limit);
    return Promise.all(listed.map((s) => this.view(db, s.id)));
  }
}

/** What each reporter kind writes. Exhaustive: a new kind does not compile until it says. */
function changeOf(action: ReporterAction, now: number, before: ReporterStanding): { change: StandingChange; columns: StandingColumns } {
  const reporterId = action.targetId;
  switch (action.kind) {
    case 'add_trusted_flagger':
      return {
        change: { reporterId, change: 'trusted_flagger_added' },
        columns: { flagger_name: action.params.flaggerName, flagger_organisation: action.params.organisation ?? null, flagger_since: now, flagger_action_id: action.id },
      };
    case 'remove_trusted_flagger':
      return { change: { reporterId, change: 'trusted_flagger_removed' }, columns: { flagger_name: null, flagger_organisation: null, flagger_since: null, flagger_action_id: null } };
    case 'warn_reporter':
      return { change: { reporterId, change: 'warned', misuse: action.params.misuse }, columns: { warned_at: now, warned_action_id: action.id } };
    case 'suspend_reporting': {
      const until = now + action.params.durationMs;
      return { change: { reporterId, change: 'reporting_suspended', until, misuse: action.params.misuse }, columns: { suspended_until: until, suspended_action_id: action.id } };
    }
    case 'restore_reporting': {
      // undoes the measure it names, if that is the one in force; one superseded since stays superseded
      const undoes = action.params.restoresActionId;
      const columns: StandingColumns = {};
      if (before.warning?.actionId === undoes) Object.assign(columns, { warned_at: null, warned_action_id: null });
      if (before.suspension?.actionId === undoes) Object.assign(columns, { suspended_until: null, suspended_action_id: null });
      return { change: { reporterId, change: 'reporting_restored', undoes }, columns };
    }
  }
}
