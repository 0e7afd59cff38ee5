/**
 * The two factors: an argon2id password hash, and a TOTP secret (RFC 6238,
 * 30 s steps, 6 digits, SHA-1 — what authenticator apps speak). The secret is
 * shared with the person's authenticator, so it is kept encrypted when an
 * encryption key is configured (AES-256-GCM), else as is.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hash, verify as verifyHash } from '@node-rs/argon2';
import { generate, generateSecret, generateURI, verify as verifyCode } from 'otplib';

/** argon2id is the library's default; its parameters are its defaults too (19 MiB, t=2, p=1: OWASP's minimum). */
export const hashPassword = (password: string) => hash(password);

let dummyHash: Promise<string> | undefined;

/**
 * Does the password match? With no hash (unknown email, no password set) a
 * dummy is checked all the same, so timing does not tell the cases apart.
 */
export async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hash(randomBytes(16).toString('hex'))));
  try {
    return (await verifyHash(target, password)) && stored !== null;
  } catch {
    return false;
  }
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

export const newTotpSecret = () => generateSecret();

const PERIOD_S = 30;
export const timeStepAt = (nowMs: number) => Math.floor(nowMs / 1000 / PERIOD_S);

export const totpCode = (secret: string, nowMs: number) => generate({ secret, epoch: Math.floor(nowMs / 1000) });

export const totpUri = (secret: string, issuer: string, email: string) => generateURI({ issuer, label: email, secret });

export type TotpCheck = { ok: true; step: number } | { ok: false; why: 'wrong_totp' | 'totp_replayed' };

/**
 * A code from the current step or one either side (clock drift), and only
 * from a step later than the last one accepted: a code works once.
 */
export async function checkTotp(secret: string, code: string, nowMs: number, lastStep: number | null): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false, why: 'wrong_totp' };
  try {
    const r = await verifyCode({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: PERIOD_S });
    if (!r.valid) return { ok: false, why: 'wrong_totp' };
    const step = timeStepAt(nowMs) + r.delta;
    if (lastStep !== null && step <= lastStep) return { ok: false, why: 'totp_replayed' };
    return { ok: true, step };
  } catch {
    return { ok: false, why: 'wrong_totp' };
  }
}

/** How a TOTP secret is kept in the store: `aes256gcm:iv.ciphertext.tag` (base64url) with a key, `plain:SECRET` without. */
export class TotpVault {
  private readonly key: Buffer | null;

  constructor(keyBase64: string | undefined) {
    this.key = keyBase64 ? Buffer.from(keyBase64, 'base64') : null;
  }

  seal(secret: string): string {
    if (!this.key) return `plain:${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `aes256gcm:${[iv, ct, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.')}`;
  }

  open(stored: string): string {
    const [scheme, rest = ''] = [stored.slice(0, stored.indexOf(':')), stored.slice(stored.indexOf(':') + 1)];
    if (scheme === 'plain') return rest;
    if (scheme !== 'aes256gcm') throw new Error(`unknown TOTP secret encoding ${scheme}`);
    if (!this.key) throw new Error('a TOTP secret is stored encrypted but WARDEN_TOTP_KEY is not set');
    const [iv, ct, tag] = rest.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ct!), decipher.final()]).toString('utf8');
  }
}
