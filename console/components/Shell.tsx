/** The frame around every screen: navigation, who is signed in, and the end of their access. */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api, call } from '../api/client';
import { useLoad, useNow } from '../hooks';
import { Link, useLocation } from '../router';
import { type Capabilities, type OperationName, type SessionStaff, mayCall, useSession } from '../session';
import { ErrorNotice, formatClock, formatTime } from './ui';

type QueueName = Capabilities['queues']['see'][number];

/**
 * Each page opens for whoever may call the operation it is built on, and for
 * a page about one queue, sees that queue (GET /v1/session's capabilities).
 */
const NAV: { to: string; label: string; operation: OperationName; queue?: QueueName }[] = [
  { to: '/', label: 'Queue', operation: 'cases.read' },
  { to: '/appeals', label: 'Appeals', operation: 'appeals.read', queue: 'appeals' },
  { to: '/approvals', label: 'Approvals', operation: 'actions.approve' },
  { to: '/accounts', label: 'Accounts', operation: 'accounts.read' },
  { to: '/staff', label: 'Staff', operation: 'staff.list' },
  { to: '/audit', label: 'Audit', operation: 'audit.read' },
  { to: '/lead-metrics', label: 'Metrics', operation: 'metrics.leads' },
];

const opens = (c: Capabilities, item: (typeof NAV)[number]) => mayCall(c, item.operation) && (!item.queue || c.queues.see.includes(item.queue));

/** The nav item a path belongs to: its own, or for a queue's pages (/appeals/apl_…) the queue's. */
const pageOf = (to: string) => NAV.find((n) => n.to === to) ?? NAV.find((n) => n.queue && to.startsWith(`${n.to}/`));

export const canSee = (c: Capabilities, to: string) => {
  const item = pageOf(to);
  return item ? opens(c, item) : true;
};

function isCurrent(to: string, path: string) {
  if (to === '/') return path === '/' || path.startsWith('/cases');
  return path === to || path.startsWith(`${to}/`);
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "Your contract ends today at 18:00" — on every screen a person with an end date touches. */
export function AccessEndBanner({ staff }: { staff: SessionStaff }) {
  const now = useNow(30_000);
  if (staff.accessUntil == null) return null;
  const end = new Date(staff.accessUntil);
  const left = staff.accessUntil - now;
  const what = staff.employment === 'contractor' ? 'Your contract ends' : 'Your access ends';
  const tomorrow = new Date(now + 86_400_000);
  const when = sameDay(end, new Date(now)) ? `today at ${formatClock(staff.accessUntil)}` : sameDay(end, tomorrow) ? `tomorrow at ${formatClock(staff.accessUntil)}` : `on ${formatTime(staff.accessUntil)}`;
  const urgent = left < 24 * 3_600_000;
  return (
    <div className={`access-banner ${urgent ? 'access-banner-urgent' : ''}`} role="status" data-testid="access-end">
      <strong>
        {what} {when}.
      </strong>{' '}
      {urgent
        ? 'Finish or hand over what you start before then: a proposal or approval of yours still waiting at that moment will no longer count.'
        : 'Your access closes automatically at that moment.'}
    </div>
  );
}

function StepUpDialog() {
  const { stepUp, completeStepUp, cancelStepUp } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (stepUp && !d.open) {
      setCode('');
      setError(null);
      d.showModal();
    } else if (!stepUp && d.open) d.close();
  }, [stepUp]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="stepup-title" onCancel={() => cancelStepUp()}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await completeStepUp(code.trim());
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="stepup-title">Confirm it is you</h2>
        <p>{stepUp?.reason ?? 'This action needs a fresh code from your authenticator.'}</p>
        <label htmlFor="stepup-code">Authenticator code</label>
        <input id="stepup-code" name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
        <ErrorNotice error={error} title="Code not accepted" />
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => cancelStepUp()}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Confirm
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { path } = useLocation();
  // a new page moves focus to its content, so keyboard and screen-reader users start there
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);
  const approver = mayCall(session?.capabilities, 'actions.approve');
  // how many proposals wait for this person, asked again on each new page (never polled: polling would keep an idle session alive)
  const waiting = useLoad(async () => (approver ? (await call(api.GET('/v1/approvals/inbox'))).items.length : 0), [path, approver]);
  if (!session) return null;
  const me = session.staff;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <div className="sticky-head">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Warden — queue">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Warden
        </Link>
        <nav aria-label="Main" className="nav">
          <ul>
            {NAV.filter((n) => opens(session.capabilities, n)).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={isCurrent(n.to, path) ? 'page' : undefined}>
                  {n.label}
                  {n.to === '/approvals' && (waiting.data ?? 0) > 0 && (
                    <span className="nav-count">
                      {' '}
                      {waiting.data}
                      <span className="sr-only"> waiting</span>
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          <span className="whoami-name" data-testid="whoami">
            {me.name}
          </span>
          <span className="whoami-role">
            {me.role}
            {me.employment === 'contractor' ? ' · contractor' : ''}
          </span>
          <button type="button" className="btn btn-quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <AccessEndBanner staff={me} />
      </div>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <StepUpDialog />
    </div>
  );
}
