/** A case's claim, wherever a case is worked (the queue, a case, an appeal): who holds it, for how long, and the holder's controls. */
import { type Case, api, call } from '../api/client';
import { Countdown } from './ui';

/** Who holds the claim, with the lease's countdown: "you · 12m 03s left". */
export function ClaimHolder({ kase, me }: { kase: Case; me: string }) {
  if (!kase.claimedBy) return null;
  return (
    <div className="small">
      {kase.claimedBy === me ? 'you' : kase.claimedBy}
      {kase.leaseUntil && kase.status === 'claimed' && (
        <>
          {' · '}
          <Countdown until={kase.leaseUntil} />
        </>
      )}
    </div>
  );
}

/** The holder's controls: renew the lease, or release the case to its queue. */
export function LeaseControls({ caseId, busy, act, releasedTo }: { caseId: number; busy: boolean; act: (fn: () => Promise<unknown>, done: string) => unknown; releasedTo: string }) {
  const path = { params: { path: { id: caseId } } };
  return (
    <>
      <button type="button" className="btn" disabled={busy} onClick={() => void act(() => call(api.POST('/v1/cases/{id}/renew', path)), 'Lease renewed.')}>
        Renew lease
      </button>
      <button type="button" className="btn" disabled={busy} onClick={() => void act(() => call(api.POST('/v1/cases/{id}/release', { ...path, body: {} })), `Released to ${releasedTo}.`)}>
        Release
      </button>
    </>
  );
}
