/**
 * Who is signed in, and what happens when that stops being true. The session
 * itself is an httpOnly cookie the page cannot read; the page keeps only the
 * CSRF token and what the server said about the person.
 */
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type ErrorBody, api, call, setCsrfToken, setSessionEndedListener } from './api/client';
import type { paths } from './api/schema';
import { navigate } from './router';

export type SessionInfo = paths['/v1/session']['get']['responses'][200]['content']['application/json'];
export type SessionStaff = SessionInfo['staff'];
/** What the signed-in person may do, as the server's policy answered: screens draw from this, never from a role name. */
export type Capabilities = SessionInfo['capabilities'];
export type OperationName = Capabilities['operations'][number];

const ENDED_MESSAGES: Record<string, string> = {
  idle: 'You were signed out after a period of inactivity.',
  expired: 'Your session reached its time limit. Sign in again to continue.',
  access_ended: 'Your access ended. Nothing more can be done under this sign-in.',
  offboarded: 'Your access ended: you have been offboarded. Your pending work was voided.',
  logged_out: 'You signed out.',
};

export function endedMessage(err: ApiError): string {
  const reason = err.detail<string>('reason') ?? err.detail<string>('accessState');
  if (reason === 'ended') return ENDED_MESSAGES.access_ended!;
  return (reason && ENDED_MESSAGES[reason]) || (err.code === 'session_ended' ? err.message : 'Your session has ended. Sign in again.');
}

/**
 * Why the last session ended survives a reload of the tab: the server drops the
 * cookie when it first says so, so afterwards only the page remembers why.
 */
const ENDED_KEY = 'warden.sessionEnded';
const remember = (message: string | null) => {
  try {
    if (message === null) sessionStorage.removeItem(ENDED_KEY);
    else sessionStorage.setItem(ENDED_KEY, message);
  } catch {
    /* storage unavailable: the notice lasts until the reload */
  }
};
const remembered = (): string | null => {
  try {
    return sessionStorage.getItem(ENDED_KEY);
  } catch {
    return null;
  }
};

interface StepUpRequest {
  reason: string;
  resolve: (ok: boolean) => void;
}

interface SessionValue {
  session: SessionInfo | null;
  /** why the last session ended, shown on the sign-in screen */
  notice: string | null;
  checking: boolean;
  signIn(email: string, password: string, totp: string): Promise<void>;
  signOut(): Promise<void>;
  /** runs a state-changing call; if the server asks for step-up, asks for a fresh TOTP code, then retries once */
  guarded<T>(fn: () => Promise<T>): Promise<T>;
  stepUp: StepUpRequest | null;
  completeStepUp(totp: string): Promise<void>;
  cancelStepUp(): void;
}

const Ctx = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in person; screens are only rendered when there is one. */
export function useMe(): SessionStaff {
  const s = useSession().session;
  if (!s) throw new Error('no session');
  return s.staff;
}

/** What the signed-in person may do (GET /v1/session): the operations, queues and actions the policy allows them. */
export function useCapabilities(): Capabilities {
  const s = useSession().session;
  if (!s) throw new Error('no session');
  return s.capabilities;
}

/** May the signed-in person call this operation? The policy's answer, as GET /v1/session gave it. */
export const mayCall = (c: Capabilities | null | undefined, op: OperationName) => c?.operations.includes(op) ?? false;

/** `mayCall` for the signed-in person. */
export function useMay(): (op: OperationName) => boolean {
  const c = useCapabilities();
  return (op) => mayCall(c, op);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState(true);
  const [stepUp, setStepUp] = useState<StepUpRequest | null>(null);
  const stepUpRef = useRef<StepUpRequest | null>(null);
  /** set when the session has been found over, until the next sign-in */
  const endedRef = useRef<'specific' | 'generic' | null>(null);

  const adopt = useCallback((s: SessionInfo | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
  }, []);

  useEffect(() => {
    setSessionEndedListener((err) => {
      // Requests in flight when the session ended answer 401 too, some after the server has
      // dropped the cookie ("unknown session"): the first, specific reason is the one to keep.
      const specific = err.code === 'session_ended';
      if (endedRef.current === 'specific' || (endedRef.current === 'generic' && !specific)) return;
      endedRef.current = specific ? 'specific' : 'generic';
      adopt(null);
      setNotice(endedMessage(err));
      if (specific) remember(endedMessage(err));
      stepUpRef.current?.resolve(false);
      setStepUp(null);
      navigate('/signin', { replace: true });
    });
    api.GET('/v1/session').then(
      ({ data, error, response }) => {
        adopt(data ?? null);
        // a session that ended while the console was closed says why on the sign-in screen
        const body = (error as ErrorBody | undefined)?.error;
        if (!data && response.status === 401 && body?.code === 'session_ended') {
          const message = endedMessage(new ApiError(401, body.code, body.message, body));
          remember(message);
          setNotice(message);
        } else if (!data) setNotice(remembered());
        setChecking(false);
      },
      () => setChecking(false),
    );
  }, [adopt]);

  const signIn = useCallback(
    async (email: string, password: string, totp: string) => {
      const s = await call(api.POST('/v1/session/login', { body: { email, password, totp } }));
      endedRef.current = null;
      setNotice(null);
      remember(null);
      adopt(s);
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await call(api.POST('/v1/session/logout'));
    } catch {
      /* already over */
    }
    adopt(null);
    setNotice(ENDED_MESSAGES.logged_out!);
    remember(ENDED_MESSAGES.logged_out!);
    navigate('/signin', { replace: true });
  }, [adopt]);

  const askStepUp = useCallback(
    (reason: string) =>
      new Promise<boolean>((resolve) => {
        const req = { reason, resolve };
        stepUpRef.current = req;
        setStepUp(req);
      }),
    [],
  );

  const guarded = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'step_up_required') throw e;
        const kind = e.detail<string>('kind');
        const tier = e.detail<string>('tier');
        const why = kind && tier ? `To ${kind} an account in the ${tier} tier, enter a fresh code from your authenticator app.` : e.message;
        if (!(await askStepUp(why))) throw e;
        return fn();
      }
    },
    [askStepUp],
  );

  const completeStepUp = useCallback(async (totp: string) => {
    const r = await call(api.POST('/v1/session/step-up', { body: { totp } }));
    setSession((s) => (s ? { ...s, stepUpUntil: r.stepUpUntil } : s));
    stepUpRef.current?.resolve(true);
    stepUpRef.current = null;
    setStepUp(null);
  }, []);

  const cancelStepUp = useCallback(() => {
    stepUpRef.current?.resolve(false);
    stepUpRef.current = null;
    setStepUp(null);
  }, []);

  const value = useMemo(
    () => ({ session, notice, checking, signIn, signOut, guarded, stepUp, completeStepUp, cancelStepUp }),
    [session, notice, checking, signIn, signOut, guarded, stepUp, completeStepUp, cancelStepUp],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
