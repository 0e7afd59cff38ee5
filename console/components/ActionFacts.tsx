/** An action's facts in one line: why, when proposed and executed, and what it did to the account. */
import type { ReactNode } from 'react';
import type { Action } from '../api/client';
import { Time } from './ui';

export function ActionFacts({ a, first, last }: { a: Action; first?: ReactNode; last?: ReactNode }) {
  return (
    <dl className="facts facts-inline">
      {first}
      <div>
        <dt>Reason</dt>
        <dd>{a.reasonCode.replace(/_/g, ' ')}</dd>
      </div>
      <div>
        <dt>Proposed</dt>
        <dd>
          <Time at={a.proposedAt} />
        </dd>
      </div>
      {a.executedAt && (
        <div>
          <dt>Executed</dt>
          <dd>
            <Time at={a.executedAt} />
          </dd>
        </div>
      )}
      {a.priorState && (
        <div>
          <dt>Before → after</dt>
          <dd>
            {a.priorState.status} → {a.resultState?.status ?? '…'}
            {a.resultState?.statusUntil && (
              <>
                {' '}
                until <Time at={a.resultState.statusUntil} />
              </>
            )}
          </dd>
        </div>
      )}
      {last}
    </dl>
  );
}
