/** Small shared pieces: badges, times, errors, loading states. */
import type { ReactNode } from 'react';
import { ApiError, type Tier } from '../api/client';
import type { Loaded } from '../hooks';
import { useNow } from '../hooks';

const TIER_TEXT: Record<Tier, string> = {
  standard: 'Standard',
  elevated: 'Elevated protection',
  critical: 'CRITICAL — protected account',
};

export function TierBadge({ tier, large = false }: { tier: Tier; large?: boolean }) {
  return (
    <span className={`tier tier-${tier}${large ? ' tier-large' : ''}`} data-tier={tier}>
      {tier === 'critical' && <span aria-hidden="true">⚠ </span>}
      {TIER_TEXT[tier]}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{status.replace(/_/g, ' ')}</span>;
}

export function Pill({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'warn' | 'danger' | 'ok' | 'info' }) {
  return <span className={`pill pill-${tone}`}>{children}</span>;
}

const dtf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const tf = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function formatTime(t: number): string {
  return dtf.format(new Date(t));
}

export function formatClock(t: number): string {
  return tf.format(new Date(t));
}

export function Time({ at }: { at: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toISOString()}>
      {formatTime(at)}
    </time>
  );
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)} days`;
}

export function Ago({ at }: { at: number }) {
  const now = useNow(30_000);
  return (
    <time dateTime={new Date(at).toISOString()} title={formatTime(at)}>
      {formatDuration(now - at)} ago
    </time>
  );
}

/** Time left on a lease; red in the last two minutes, "expired" after. */
export function Countdown({ until, label = 'lease' }: { until: number; label?: string }) {
  const now = useNow(1000);
  const left = until - now;
  const tone = left <= 0 ? 'danger' : left < 120_000 ? 'warn' : 'ok';
  return (
    <span className={`countdown countdown-${tone}`} role="timer" aria-label={`${label} ${left <= 0 ? 'expired' : `${formatDuration(left)} left`}`}>
      {left <= 0 ? `${label} expired` : `${formatDuration(left)} left`}
    </span>
  );
}

/** The server's refusal in its own words, with the policy rules that decided it. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  // the rules behind a refusal, unless the server's message already says each of them
  const rules = (e?.rules.filter((r) => r.effect === 'forbid') ?? []).filter((r) => !message.includes(r.reason));
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title ?? (e?.status === 403 ? 'Refused' : 'Something went wrong')}</strong>
      <p className="notice-message">{message}</p>
      {rules.length > 0 && (
        <ul className="rules">
          {rules.map((r) => (
            <li key={r.id}>
              <code>{r.id}</code> {r.reason}
            </li>
          ))}
        </ul>
      )}
      {e?.body?.fields && e.body.fields.length > 0 && (
        <ul className="rules">
          {e.body.fields.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Renders loading / error / data for a useLoad result. */
export function Loading<T>({ q, children }: { q: Loaded<T>; children: (data: T) => ReactNode }) {
  if (q.data !== undefined) {
    return (
      <>
        {q.error && <ErrorNotice error={q.error} title="Could not refresh" />}
        {children(q.data)}
      </>
    );
  }
  if (q.error) return <ErrorNotice error={q.error} title="Could not load" />;
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Panel({ title, children, actions, id }: { title: ReactNode; children: ReactNode; actions?: ReactNode; id?: string }) {
  const hid = id ? `${id}-h` : undefined;
  return (
    <section className="panel" aria-labelledby={hid}>
      <header className="panel-head">
        <h2 id={hid}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
