/** Small pieces every appeal screen shows: who appeals, what they contest, and by when it must be decided. */
import { type Action, type Schemas, type Staff, api, call } from '../api/client';
import { useNow } from '../hooks';
import { Link } from '../router';
import { Pill, formatDuration, formatTime } from './ui';

export type Appeal = Schemas['Appeal'];
type AppellantKind = Appeal['appellant']['kind'];
type AppealState = Appeal['state'];

const APPELLANT: Record<AppellantKind, string> = {
  owner: 'Account owner',
  reporter: 'Reporter',
};

export const APPEAL_STATE_TEXT: Record<AppealState, string> = {
  open: 'open',
  granted: 'granted',
  denied: 'denied',
};

export function Appellant({ appeal }: { appeal: Appeal }) {
  return (
    <>
      <strong>{APPELLANT[appeal.appellant.kind]}</strong>
      {appeal.appellant.kind === 'reporter' && <div className="small muted">{appeal.appellant.id}</div>}
    </>
  );
}

/** What the appellant contests: the action taken, or the decision not to act on a case. */
export function Contested({ appeal, action }: { appeal: Appeal; action: Action | undefined }) {
  if (appeal.actionId) {
    return (
      <>
        <Link to={`/actions/${appeal.actionId}`} className={`kind-label kind-${action?.kind ?? 'unknown'}`}>
          {action ? action.kind.replace(/_/g, ' ') : appeal.actionId}
        </Link>
        {action && <div className="small muted">{action.reasonCode.replace(/_/g, ' ')}</div>}
      </>
    );
  }
  return (
    <>
      No action taken
      {appeal.originalCaseId !== null && (
        <div className="small">
          on <Link to={`/cases/${appeal.originalCaseId}`}>case {appeal.originalCaseId}</Link>
        </div>
      )}
    </>
  );
}

/** The instant an appeal must be decided by, and how far off (or past) it is; decided appeals say when they were. */
export function DecideBy({ appeal }: { appeal: Appeal }) {
  const now = useNow(30_000);
  if (appeal.state !== 'open') {
    return <span className="small">decided {appeal.decidedAt ? formatTime(appeal.decidedAt) : ''}</span>;
  }
  const left = appeal.decideBy - now;
  return (
    <span data-testid="decide-by">
      <time dateTime={new Date(appeal.decideBy).toISOString()}>{formatTime(appeal.decideBy)}</time>
      <div className="small">
        {left < 0 ? (
          <Pill tone="danger">overdue by {formatDuration(-left)}</Pill>
        ) : (
          <span className={left < 86_400_000 ? 'countdown countdown-warn' : 'muted'}>{formatDuration(left)} left</span>
        )}
        {appeal.overdueAlertId !== null && <span className="muted"> · alerted</span>}
      </div>
    </span>
  );
}

/** The appeals that cases of the appeals queue work, by case id: where such a case opens. */
export async function appealsByCase(states: AppealState[], accountId?: string): Promise<Map<number, Appeal>> {
  const lists = await Promise.all(states.map((state) => call(api.GET('/v1/appeals', { params: { query: { state, accountId, limit: 500 } } }))));
  return new Map(lists.flatMap((l) => l.appeals).map((a) => [a.caseId, a]));
}

/** A member of staff by name and role, when the caller may read the staff list; else by id. */
export function Person({ id, staff }: { id: string; staff: Map<string, Staff> | undefined }) {
  const s = staff?.get(id);
  if (!s) return <strong>{id}</strong>;
  return (
    <>
      <strong>{s.name}</strong> <span className="muted small">{s.role}</span>
    </>
  );
}
