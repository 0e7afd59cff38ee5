import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/client';
import { ErrorNotice } from '../components/ui';
import { navigate, useTitle } from '../router';
import { useSession } from '../session';

export function SignIn() {
  useTitle('Sign in');
  const { signIn, notice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // a company with an identity provider signs in there; the server says whether one is configured
  const [oidc, setOidc] = useState(false);
  useEffect(() => {
    api.GET('/v1/session/methods').then(({ data }) => setOidc(data?.oidc ?? false), () => setOidc(false));
  }, []);

  return (
    <main className="signin" id="main">
      <form
        className="signin-card"
        aria-labelledby="signin-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await signIn(email.trim(), password, totp.trim());
            const next = new URLSearchParams(window.location.search).get('next');
            // only a path of this console, never another origin ("//host", "/\\host")
            navigate(next && /^\/(?![/\\])/.test(next) ? next : '/', { replace: true });
          } catch (err) {
            setError(err);
            setTotp('');
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="signin-title">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Warden
        </h1>
        <p className="muted">Trust &amp; Safety console — staff sign-in</p>
        {notice && (
          <div className="notice notice-warn" role="alert" data-testid="signin-notice">
            {notice}
          </div>
        )}
        <label htmlFor="email">Work email</label>
        <input id="email" name="email" type="email" autoComplete="username" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <label htmlFor="totp">Authenticator code</label>
        <input
          id="totp"
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          aria-describedby="totp-help"
          value={totp}
          onChange={(e) => setTotp(e.target.value)}
        />
        <p id="totp-help" className="help">
          The 6-digit code from your authenticator app.
        </p>
        {error instanceof ApiError && error.code === 'invalid_credentials' ? (
          <div className="notice notice-error" role="alert">
            {sentence(error.message) || 'Email, password or code not recognised.'}
          </div>
        ) : error instanceof ApiError && error.code === 'rate_limited' ? (
          <div className="notice notice-error" role="alert">
            {sentence(error.message) || 'Too many attempts. Wait a moment before trying again.'}
          </div>
        ) : (
          <ErrorNotice error={error} title="Could not sign in" />
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {oidc && (
          <p className="signin-alt">
            or{' '}
            <a className="btn btn-block" href="/v1/session/oidc/start" data-testid="signin-oidc">
              Sign in with your company account
            </a>
          </p>
        )}
      </form>
    </main>
  );
}

/** The server's words, as a sentence. */
const sentence = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : s);
