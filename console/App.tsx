import { useEffect } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Shell, canSee } from './components/Shell';
import { Empty } from './components/ui';
import { match, navigate, useLocation } from './router';
import { AccountScreen, AccountsScreen } from './screens/Account';
import { AppealScreen } from './screens/Appeal';
import { AppealsScreen } from './screens/Appeals';
import { ActionScreen, ApprovalsScreen } from './screens/Approvals';
import { AuditScreen } from './screens/Audit';
import { CaseScreen } from './screens/Case';
import { LeadMetricsScreen } from './screens/LeadMetrics';
import { QueueScreen } from './screens/Queue';
import { SignIn } from './screens/SignIn';
import { StaffScreen } from './screens/Staff';
import { useSession } from './session';

function Screen({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return <QueueScreen />;
  if ((m = match('/cases/:id', path))) return <CaseScreen id={Number(m.id)} />;
  if (path === '/accounts') return <AccountsScreen />;
  if ((m = match('/accounts/:id', path))) return <AccountScreen id={m.id!} />;
  if (path === '/appeals') return <AppealsScreen />;
  if ((m = match('/appeals/:id', path))) return <AppealScreen id={m.id!} />;
  if (path === '/approvals') return <ApprovalsScreen />;
  if ((m = match('/actions/:id', path))) return <ActionScreen id={m.id!} />;
  if (path === '/staff') return <StaffScreen />;
  if (path === '/audit') return <AuditScreen />;
  if (path === '/lead-metrics') return <LeadMetricsScreen />;
  return <Empty>No such page.</Empty>;
}

export function App() {
  const { session, checking } = useSession();
  const { path } = useLocation();
  const toSignIn = !checking && !session && path !== '/signin';
  const fromSignIn = !checking && session !== null && path === '/signin';
  useEffect(() => {
    if (toSignIn) {
      // come back here after signing in
      const here = window.location.pathname + window.location.search;
      navigate(`/signin${here !== '/' ? `?next=${encodeURIComponent(here)}` : ''}`, { replace: true });
    } else if (fromSignIn) navigate('/', { replace: true });
  }, [toSignIn, fromSignIn]);
  if (checking) {
    return (
      <p className="muted boot" role="status">
        Loading…
      </p>
    );
  }
  if (!session) return <SignIn />;
  if (path === '/signin') return null;
  return (
    <Shell>
      {canSee(session.capabilities, path) ? (
        <ErrorBoundary key={path}>
          <Screen path={path} />
        </ErrorBoundary>
      ) : (
        <Empty>Your access does not open this page.</Empty>
      )}
    </Shell>
  );
}
