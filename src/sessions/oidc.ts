/**
 * Optional sign-in through the company's identity provider (OpenID Connect,
 * authorization code flow with PKCE, state and nonce). The provider vouches
 * for a verified email; Warden maps it to a staff member and judges their
 * access exactly as for a password sign-in. Off unless configured.
 */
import * as oidc from 'openid-client';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { DomainError, messageOf } from '../errors.js';
import { OIDC_PENDING_MS, type Outcome, type SessionService, type SignedIn } from './service.js';


type OidcConfig = NonNullable<Config['oidc']>;

export class OidcSignIn {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly config: OidcConfig | undefined,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** Where to send the browser; the PKCE verifier, state and nonce wait in the store. */
  async start(tx: Db): Promise<URL> {
    const cfg = this.settings();
    const provider = await this.provider();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const now = this.clock.now();
    await tx.deleteFrom('oidc_logins').where('created_at', '<', now - OIDC_PENDING_MS).execute();
    await tx.insertInto('oidc_logins').values({ state, nonce, code_verifier: verifier, created_at: now }).execute();
    return oidc.buildAuthorizationUrl(provider, {
      redirect_uri: cfg.redirectUri,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /**
   * The provider's answer, exchanged and checked (state, PKCE, nonce, a
   * verified email). Reads only; `complete` writes.
   */
  async verify(db: Db, callbackUrl: URL): Promise<{ ok: true; state: string; email: string } | { ok: false; detail: string }> {
    const provider = await this.provider();
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = await db.selectFrom('oidc_logins').selectAll().where('state', '=', state).executeTakeFirst();
    if (!pending || pending.created_at < this.clock.now() - OIDC_PENDING_MS) return { ok: false, detail: 'unknown or expired sign-in attempt; start again' };
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, { pkceCodeVerifier: pending.code_verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      const claims = tokens.claims();
      if (!claims || typeof claims.email !== 'string' || claims.email_verified !== true) return { ok: false, detail: 'no verified email in the ID token' };
      return { ok: true, state: pending.state, email: claims.email };
    } catch (err) {
      return { ok: false, detail: messageOf(err) };
    }
  }

  /** The state is spent (once), the email mapped to a person, a session opened if their access is open. */
  async complete(tx: Db, verified: { state: string; email: string }, address: string, userAgent: string): Promise<Outcome<SignedIn>> {
    const who = { email: verified.email.toLowerCase(), address, userAgent, staff: null };
    const used = await tx.deleteFrom('oidc_logins').where('state', '=', verified.state).executeTakeFirst();
    if (Number(used.numDeletedRows) !== 1) return { ok: false, error: await this.sessions.recordFailure(tx, who, 'oidc_refused', 'this sign-in attempt was already used') };
    const staff = await this.sessions.staffByEmail(tx, verified.email);
    if (!staff) return { ok: false, error: await this.sessions.recordFailure(tx, who, 'oidc_refused', 'no staff member has this email') };
    // no TOTP was entered: a destructive step on a protected account needs a step-up first
    return this.sessions.admit(tx, staff, 'oidc', address, userAgent, null);
  }

  private settings(): OidcConfig {
    if (!this.config) throw new DomainError('not_found', 'OpenID Connect sign-in is not configured (WARDEN_OIDC_ISSUER)');
    return this.config;
  }

  private provider(): Promise<oidc.Configuration> {
    const cfg = this.settings();
    if (!this.discovered) {
      const issuer = new URL(cfg.issuer);
      // plain http only for a provider on this machine (tests, local development)
      const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      this.discovered = oidc
        .discovery(issuer, cfg.clientId, { redirect_uris: [cfg.redirectUri] }, oidc.ClientSecretBasic(cfg.clientSecret), loopback ? { execute: [oidc.allowInsecureRequests] } : undefined)
        .catch((err: Error) => {
          this.discovered = null; // a provider that was down is asked again next time
          throw new DomainError('unavailable', `the identity provider at ${cfg.issuer} cannot be reached: ${err.message}`, {
            publicMessage: 'the identity provider is unreachable',
          });
        });
    }
    return this.discovered;
  }
}
