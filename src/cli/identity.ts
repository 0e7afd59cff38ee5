/**
 * Who a CLI command acts as. A command that acts as a person presents that
 * person's own API token — WARDEN_TOKEN (read in config.ts) or `--token-file`
 * — and acts as its holder; `--as`, if given, must name the same person. So
 * whoever runs the CLI can act as themselves, never as somebody else: one
 * operator cannot propose as one lead and approve as two others.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { DomainError, forbidden, invalidInput, messageOf } from '../errors.js';
import { staffCaller } from '../policy/authorizer.js';
import type { Operation } from '../policy/operations.js';
import { type Staff, accessState } from '../staff/model.js';

export interface CallerOptions {
  as?: string;
  tokenFile?: string;
}

/** `--as` (checked against the token) and `--token-file`, on a command that acts as a person. */
export function identityOptions(cmd: Command, asHelp = 'who acts: must be the holder of the token'): Command {
  return cmd.option('--as <staffId>', asHelp).option('--token-file <path>', "a file holding your own API token (else WARDEN_TOKEN)");
}

function presentedToken(ctx: AppContext, o: CallerOptions): string | null {
  if (o.tokenFile) {
    let text: string;
    try {
      text = fs.readFileSync(o.tokenFile, 'utf8');
    } catch (err) {
      throw invalidInput([{ path: '--token-file', message: `cannot read ${o.tokenFile}: ${messageOf(err)}` }]);
    }
    const token = text.split(/\r?\n/)[0]!.trim();
    if (!token) throw invalidInput([{ path: '--token-file', message: `${o.tokenFile} is empty` }]);
    return token;
  }
  return ctx.config.cliToken ?? null;
}

/** The holder of the presented token, or null when none was presented. Refused when unknown, revoked or not theirs to use now. */
export async function presentedCaller(ctx: AppContext, o: CallerOptions): Promise<Staff | null> {
  const token = presentedToken(ctx, o);
  if (token === null) {
    if (o.as) throw needsToken(o.as);
    return null;
  }
  const holder = await ctx.staff.byToken(ctx.db, token);
  if (!holder) throw new DomainError('unauthenticated', 'the presented token (WARDEN_TOKEN or --token-file) is unknown or revoked');
  const state = accessState(holder, ctx.clock.now());
  if (state !== 'active') throw new DomainError('unauthenticated', `access ${state.replace('_', ' ')} for ${holder.id}`, { accessState: state });
  if (o.as && o.as !== holder.id) {
    throw forbidden(`--as ${o.as}, but the token presented is ${holder.id}'s: a command acts only as the holder of the token it presents`, {
      as: o.as,
      holder: holder.id,
    });
  }
  return holder;
}

const needsToken = (who?: string) =>
  new DomainError(
    'unauthenticated',
    `this command acts as a person${who ? ` (${who})` : ''}: present their own API token in WARDEN_TOKEN or --token-file; ` +
      'a command never acts as someone on the word of whoever runs it',
  );

/** The person a command acts as: the presented token's holder (required). */
export async function actingStaff(ctx: AppContext, o: CallerOptions): Promise<Staff> {
  const holder = await presentedCaller(ctx, o);
  if (!holder) throw needsToken(o.as);
  return holder;
}

/** The check the command's API route makes: may this person perform the operation? Asked of the policy, refused naming the rule. */
export function requireCall(ctx: AppContext, staff: Staff, operation: Operation): void {
  ctx.policy.authorizer.requireCall(staffCaller(staff, ctx.clock.now()), operation);
}
