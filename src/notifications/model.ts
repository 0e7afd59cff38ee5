/**
 * Staff notifications: telling staff what waits for them. Approvers hear of a
 * proposal they may approve, a proposer of what became of their proposal,
 * those who may decide an appeal of a new one, on-call of an alert. Each is
 * written in the transaction of the event that causes it and leaves through
 * the outbox, at once or in the person's next digest, as each person chose
 * for each kind; a person's preferences change only how they are told, never
 * what anyone may do. Pure: types, rules, the words.
 */
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { text } from '../bounds.js';

/** What a notification tells. A new kind adds itself here, and every switch over kinds is checked. */
export const NOTIFICATION_KINDS = [
  /** a proposal waits for an approval this person may give */
  'approval_requested',
  /** the person's own proposal was approved (scheduled), rejected, executed, voided or expired */
  'proposal_decided',
  /** a new appeal this person may decide */
  'appeal_filed',
  /** an alert for on-call: a change nobody authorised (tripwires), a delivery given up on, an outage */
  'alert_raised',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a person is told of a kind: each at once, gathered into the next digest, or not at all. */
export const DELIVERY_MODES = ['immediate', 'digest', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Until a person says otherwise: what waits on them at once; what became of their own proposals in the digest. */
export const DEFAULT_MODES: Readonly<Record<NotificationKind, DeliveryMode>> = {
  approval_requested: 'immediate',
  proposal_decided: 'digest',
  appeal_filed: 'immediate',
  alert_raised: 'immediate',
};

export const NOTIFICATION_STATES = [
  /** waiting for the person's next digest */
  'pending',
  /** in a message on its way (an outbox row) */
  'queued',
  'delivered',
  /** every channel refused it for good, or it ran out of attempts */
  'failed',
  /** not sent: the person's access had ended by then, or they have no channel */
  'withheld',
  /** not sent: the person turned this kind off */
  'muted',
] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];
export type NotificationEvent = 'queue' | 'deliver' | 'fail' | 'withhold';

/** The lifecycle as a function: the next state, or an error naming why not. */
export function nextNotificationState(from: NotificationState, e: NotificationEvent): NotificationState {
  if (e === 'queue' && from === 'pending') return 'queued';
  if (e === 'deliver' && from === 'queued') return 'delivered';
  if (e === 'fail' && from === 'queued') return 'failed';
  if (e === 'withhold' && (from === 'queued' || from === 'pending')) return 'withheld';
  throw new DomainError('invalid_transition', `a notification that is ${from} cannot take '${e}'`, { from, event: e });
}

/** What a notification is about: always by id, never by a person's data. */
export type NotificationSubject = { type: 'action'; id: string } | { type: 'appeal'; id: string } | { type: 'alert'; id: string };

/** A notification as it is written, before it is anyone's: one of these goes to each person who is told. */
export interface NewNotification {
  kind: NotificationKind;
  subject: NotificationSubject;
  /** one line: the ids, the kind of thing, what it waits for */
  title: string;
  /** the console path that shows it (the link is the public URL and this) */
  path: string;
}

/** One notification as a message carries it. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  subject: NotificationSubject;
  title: string;
  link: string;
  createdAt: number;
}

/** The outbox payload of kind `staff_notification`: one message to one person; its key is the message id. */
export interface StaffNotificationPayload {
  messageId: string;
  staffId: string;
  digest: boolean;
  items: NotificationItem[];
}

/** What a signed receiver gets as `data`. */
export type NotificationWebhookType = 'staff.notification' | 'staff.digest';

// --- preferences -----------------------------------------------------------

export const URL_MAX = 2_000;
export const SECRET_MIN = 24;
export const SECRET_MAX = 200;

/** An http(s) URL to post to, bounded; nothing else (no file:, no javascript:, no credentials in it). */
const webhookUrl = text(URL_MAX, 1).superRefine((s, ctx) => {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute http or https URL' });
    return;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `must be http or https, not ${u.protocol.replace(':', '')}` });
  else if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
});

/** `whsec_` and base64 of at least 24 bytes, as Standard Webhooks receivers hold it. */
const webhookSecret = z
  .string()
  .max(SECRET_MAX)
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
  .refine((s) => Buffer.from(s.slice('whsec_'.length), 'base64').length >= SECRET_MIN, `must hold at least ${SECRET_MIN} random bytes`);

/**
 * What a person sets for themselves: each channel, or null to remove it, or
 * left out to keep it; and per kind, how they are told. A webhook's secret
 * may be left out to keep the stored one (it is never shown again), but a new
 * webhook needs one.
 */
export const PreferencesInput = z.strictObject({
  webhook: z
    .strictObject({ url: webhookUrl, secret: webhookSecret.optional().describe('whsec_…; left out: keep the one stored') })
    .nullable()
    .optional()
    .describe('a generic receiver, signed the Standard Webhooks way with your secret'),
  slack: z
    .strictObject({ url: webhookUrl })
    .nullable()
    .optional()
    .describe('a Slack-compatible incoming webhook (its URL is its secret: never shown again)'),
  modes: z
    .strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERY_MODES).optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [M in DeliveryMode]: M }>>>)
    .optional()
    .describe('per kind: immediate, digest or off; a kind left out keeps its mode'),
});
export type PreferencesInput = z.infer<typeof PreferencesInput>;

/** A person's preferences as stored. */
export interface Preferences {
  webhook: { url: string; secret: string } | null;
  slackUrl: string | null;
  modes: Record<NotificationKind, DeliveryMode>;
  updatedAt: number | null;
}

export const NO_PREFERENCES: Preferences = { webhook: null, slackUrl: null, modes: { ...DEFAULT_MODES }, updatedAt: null };

/** Preferences as their owner reads them back: where, never a secret (a Slack URL is one: only its host). */
export interface PreferencesView {
  webhook: { url: string; secretSet: true } | null;
  slack: { host: string } | null;
  modes: Record<NotificationKind, DeliveryMode>;
  updatedAt: number | null;
}

export function viewOf(p: Preferences): PreferencesView {
  return {
    webhook: p.webhook ? { url: p.webhook.url, secretSet: true } : null,
    slack: p.slackUrl ? { host: new URL(p.slackUrl).host } : null,
    modes: { ...p.modes },
    updatedAt: p.updatedAt,
  };
}

/** The preferences after a change, or the fields that make it impossible. */
export function applyPreferences(was: Preferences, input: PreferencesInput, now: number): Preferences {
  let webhook = was.webhook;
  if (input.webhook === null) webhook = null;
  else if (input.webhook) {
    const secret = input.webhook.secret ?? was.webhook?.secret;
    if (!secret) throw new DomainError('invalid_input', 'a new webhook needs its secret', { fields: [{ path: 'webhook.secret', message: 'required when no webhook is set yet' }] });
    webhook = { url: input.webhook.url, secret };
  }
  const slackUrl = input.slack === null ? null : input.slack ? input.slack.url : was.slackUrl;
  const modes = { ...was.modes };
  for (const k of NOTIFICATION_KINDS) modes[k] = input.modes?.[k] ?? modes[k];
  return { webhook, slackUrl, modes, updatedAt: now };
}

/** What changed, for the audit entry: channel origins and modes, never a secret or a full URL. */
export function preferencesSummary(p: Preferences): { webhook: string | null; slack: string | null; modes: Record<NotificationKind, DeliveryMode> } {
  return { webhook: p.webhook ? new URL(p.webhook.url).origin : null, slack: p.slackUrl ? new URL(p.slackUrl).host : null, modes: { ...p.modes } };
}

// --- the words -------------------------------------------------------------

/** What became of a proposal, as its proposer is told. */
export type ProposalOutcome = 'approved' | 'rejected' | 'executed' | 'voided' | 'expired';

export const approvalRequested = (a: { id: string; kind: string; targetType: string; targetId: string }): NewNotification => ({
  kind: 'approval_requested',
  subject: { type: 'action', id: a.id },
  title: `Action ${a.id} (${a.kind} on ${a.targetType} ${a.targetId}) waits for an approval you may give`,
  path: `/actions/${a.id}`,
});

export const proposalDecided = (a: { id: string; kind: string; targetType: string; targetId: string }, outcome: ProposalOutcome): NewNotification => ({
  kind: 'proposal_decided',
  subject: { type: 'action', id: a.id },
  title: `Your proposal ${a.id} (${a.kind} on ${a.targetType} ${a.targetId}) was ${outcome === 'approved' ? 'approved and is scheduled' : outcome}`,
  path: `/actions/${a.id}`,
});

export const appealFiled = (a: { id: string; accountId: string; actionId: string | null; caseId: number }): NewNotification => ({
  kind: 'appeal_filed',
  subject: { type: 'appeal', id: a.id },
  title: `Appeal ${a.id} (${a.actionId ? `against action ${a.actionId}` : `of case ${a.caseId}`}, account ${a.accountId}) waits for a decision you may make`,
  path: `/appeals/${a.id}`,
});

export const alertRaised = (a: { id: number; kind: string; severity: string; summary: string }): NewNotification => ({
  kind: 'alert_raised',
  subject: { type: 'alert', id: String(a.id) },
  title: `[${a.severity.toUpperCase()}] alert ${a.id} (${a.kind}): ${a.summary}`.slice(0, 600),
  path: `/audit?alert=${a.id}`,
});

/** A message in Slack's shape: one line of text, then a line per notification with its link. */
export function slackText(p: StaffNotificationPayload): { text: string; blocks: unknown[] } {
  const head = p.digest ? `Warden digest: ${p.items.length} notification${p.items.length === 1 ? '' : 's'}` : p.items[0]!.title;
  const lines = p.items.slice(0, 40).map((i) => ({ type: 'section', text: { type: 'mrkdwn', text: `${i.title.slice(0, 2500)}\n<${i.link}|open in Warden>` } }));
  const more = p.items.length > 40 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${p.items.length - 40} more: /v1/me/notifications` }] }] : [];
  return { text: head.slice(0, 3000), blocks: [...(p.digest ? [{ type: 'header', text: { type: 'plain_text', text: head } }] : []), ...lines, ...more] };
}
