/**
 * Telling staff, in the transaction of what they are told of: a proposal
 * waiting for approvers, a proposal's outcome to its proposer, a new appeal to
 * those who may decide it, an alert to on-call. Each person's notification is
 * one row, unique per what it tells and to whom; as the person chose for its
 * kind it leaves at once (an outbox row of its own, ordered per person), waits
 * for their next digest, or is kept unsent. A person sets only their own
 * preferences, and they change nothing but delivery.
 */
import { randomUUID } from 'node:crypto';
import type { ActionMove } from '../actions/execution.js';
import type { Action } from '../actions/store.js';
import type { Alert } from '../alerts/model.js';
import type { Appeal } from '../appeals/rows.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { fromJson, toJson } from '../db/json.js';
import { enqueue } from '../platform/outbox.js';
import type { Staff } from '../staff/model.js';
import { type NotificationAuditEvent, messageUndelivered, preferencesSet } from './events.js';
import {
  DEFAULT_MODES,
  NO_PREFERENCES,
  type NewNotification,
  type NotificationItem,
  type NotificationKind,
  type NotificationState,
  type Preferences,
  type PreferencesInput,
  type PreferencesView,
  type StaffNotificationPayload,
  alertRaised,
  appealFiled,
  applyPreferences,
  approvalRequested,
  proposalDecided,
  viewOf,
} from './model.js';
import { type RecipientDeps, approversOf, decidersOf, onCallAt, proposerOf } from './recipients.js';
import {
  type NotificationRow,
  type PreferencesRow,
  insertNotifications,
  moveNotifications,
  notificationsOf,
  pendingNotifications,
  savePreferences,
  staffWithChannels,
  storedPreferences,
  storedPreferencesOf,
} from './store.js';

/** How channel secrets are kept in the store (the TOTP vault: encrypted when a key is configured). */
export interface SecretSeal {
  seal(secret: string): string;
  open(sealed: string): string;
}

/** A notification as its person reads it (GET /v1/me/notifications). */
export interface NotificationView extends NotificationItem {
  state: NotificationState;
  messageId: string | null;
  queuedAt: number | null;
  deliveredAt: number | null;
  lastError: string | null;
}

/** A digest carries at most this many; more wait for the next message, a moment later. */
export const MAX_DIGEST_ITEMS = 200;
const FLUSH_ROWS = 5_000;

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

export class NotificationService {
  constructor(
    private readonly audit: AuditAppender<NotificationAuditEvent>,
    private readonly deps: RecipientDeps & { seal: SecretSeal },
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    /** the console's address: links are it and the thing's path */
    private readonly publicUrl: string,
  ) {}

  // --- what happened ----------------------------------------------------------

  /** A proposal waits for approvals: everyone who may give one hears; a decision on it: its proposer hears. */
  async actionMoved(tx: Db, action: Action, move: ActionMove): Promise<void> {
    const among = await staffWithChannels(tx);
    // most proposals happen where nobody has set a channel: then nobody is asked about, and the proposal pays one read
    if (among.size === 0) return;
    const now = this.clock.now();
    if (move === 'awaiting_approval') {
      await this.tell(tx, await approversOf(tx, this.deps, action, now, among), approvalRequested(action), `action:${action.id}:awaiting`);
      return;
    }
    await this.tell(tx, await proposerOf(tx, this.deps, action, now, among), proposalDecided(action, move), `action:${action.id}:${move}`);
  }

  async appealFiled(tx: Db, appeal: Appeal): Promise<void> {
    const among = await staffWithChannels(tx);
    if (among.size > 0) await this.tell(tx, await decidersOf(tx, this.deps, appeal, this.clock.now(), among), appealFiled(appeal), `appeal:${appeal.id}:filed`);
  }

  async alertRaised(tx: Db, alert: Alert): Promise<void> {
    const among = await staffWithChannels(tx);
    if (among.size > 0) await this.tell(tx, await onCallAt(tx, this.deps, this.clock.now(), among), alertRaised(alert), `alert:${alert.id}:raised`);
  }

  /**
   * One row per person, unless they were told this already (`source`): sent
   * at once, kept for the digest, or kept unsent, as each chose for the kind.
   */
  private async tell(tx: Db, people: readonly Staff[], n: NewNotification, source: string): Promise<string[]> {
    if (people.length === 0) return [];
    const now = this.clock.now();
    const prefs = await this.preferencesOfMany(tx, people.map((p) => p.id));
    const rows = people.map((person) => {
      const p = prefs.get(person.id) ?? NO_PREFERENCES;
      const mode = p.modes[n.kind];
      const channelless = p.webhook === null && p.slackUrl === null;
      const state: NotificationState = mode === 'off' ? 'muted' : channelless ? 'withheld' : mode === 'digest' ? 'pending' : 'queued';
      const id = newId('snt');
      return {
        id,
        source_key: `${source}:${person.id}`,
        staff_id: person.id,
        kind: n.kind,
        subject_type: n.subject.type,
        subject_id: n.subject.id,
        title: n.title,
        path: n.path,
        state,
        message_id: state === 'queued' ? id : null,
        created_at: now,
        queued_at: state === 'queued' ? now : null,
        delivered_at: null,
        last_error: state === 'withheld' ? 'no channel set' : null,
      };
    });
    const written = new Set(await insertNotifications(tx, rows));
    for (const r of rows) {
      if (!written.has(r.id) || r.state !== 'queued') continue;
      const payload: StaffNotificationPayload = { messageId: r.id, staffId: r.staff_id, digest: false, items: [this.item(r)] };
      await enqueue(tx, now, { kind: 'staff_notification', key: r.id, payload });
    }
    return [...written];
  }

  private item(r: Pick<NotificationRow, 'id' | 'kind' | 'subject_type' | 'subject_id' | 'title' | 'path' | 'created_at'>): NotificationItem {
    return {
      id: r.id,
      kind: r.kind,
      subject: { type: r.subject_type, id: r.subject_id },
      title: r.title,
      link: `${this.publicUrl}${r.path}`,
      createdAt: r.created_at,
    };
  }

  /**
   * Each person's waiting notifications as one message (at most
   * MAX_DIGEST_ITEMS): each records the message it left in, whose id is the
   * outbox key, so a retry or a restart sends none twice and loses none.
   * Returns the messages queued.
   */
  async flushDigests(tx: Db): Promise<string[]> {
    const now = this.clock.now();
    const byPerson = new Map<string, NotificationRow[]>();
    for (const r of await pendingNotifications(tx, this.dialect, FLUSH_ROWS)) byPerson.set(r.staff_id, [...(byPerson.get(r.staff_id) ?? []), r]);
    const messages: string[] = [];
    for (const [staffId, all] of byPerson) {
      for (let i = 0; i < all.length; i += MAX_DIGEST_ITEMS) {
        const chunk = all.slice(i, i + MAX_DIGEST_ITEMS);
        const messageId = newId('snd');
        await moveNotifications(tx, chunk.map((r) => r.id), ['pending'], 'queue', { message_id: messageId, queued_at: now });
        const payload: StaffNotificationPayload = { messageId, staffId, digest: true, items: chunk.map((r) => this.item(r)) };
        await enqueue(tx, now, { kind: 'staff_notification', key: messageId, payload });
        messages.push(messageId);
      }
    }
    return messages;
  }

  // --- delivery bookkeeping (src/notifications/delivery.ts) --------------------

  async markDelivered(tx: Db, p: StaffNotificationPayload): Promise<void> {
    await moveNotifications(tx, p.items.map((i) => i.id), ['queued'], 'deliver', { delivered_at: this.clock.now() });
  }

  /** Not sent after all: the person's access ended, or they removed every channel, before it went. */
  async markWithheld(tx: Db, p: StaffNotificationPayload, why: string): Promise<void> {
    await moveNotifications(tx, p.items.map((i) => i.id), ['queued'], 'withhold', { last_error: why });
  }

  async markFailed(tx: Db, p: StaffNotificationPayload, error: string, attempts: number): Promise<void> {
    const ids = p.items.map((i) => i.id);
    await moveNotifications(tx, ids, ['queued'], 'fail', { last_error: error.slice(0, 2000) });
    await this.audit.append(tx, messageUndelivered(p.messageId, { staffId: p.staffId, notificationIds: ids, attempts }, error));
  }

  // --- a person's own ----------------------------------------------------------

  async mine(db: Db, staffId: string, limit = 100): Promise<NotificationView[]> {
    return (await notificationsOf(db, staffId, limit)).map((r) => ({
      ...this.item(r),
      state: r.state,
      messageId: r.message_id,
      queuedAt: r.queued_at,
      deliveredAt: r.delivered_at,
      lastError: r.last_error,
    }));
  }

  /** The preferences with their secrets opened: for sending only, never for a response. */
  async preferences(db: Db, staffId: string): Promise<Preferences> {
    const row = await storedPreferences(db, staffId);
    return row ? this.opened(row) : NO_PREFERENCES;
  }

  async preferencesView(db: Db, staffId: string): Promise<PreferencesView> {
    return viewOf(await this.preferences(db, staffId));
  }

  /** The caller's own preferences, and nobody else's: there is no way to name another person here. */
  async setOwnPreferences(tx: Db, me: Staff, input: PreferencesInput): Promise<PreferencesView> {
    const row = await storedPreferences(tx, me.id);
    const was = row ? this.opened(row) : null;
    const now = applyPreferences(was ?? NO_PREFERENCES, input, this.clock.now());
    await savePreferences(tx, {
      staff_id: me.id,
      webhook_url: now.webhook?.url ?? null,
      webhook_secret: now.webhook ? this.deps.seal.seal(now.webhook.secret) : null,
      slack_url: now.slackUrl ? this.deps.seal.seal(now.slackUrl) : null,
      modes: toJson<Partial<Record<NotificationKind, (typeof now.modes)[NotificationKind]>>>(now.modes),
      updated_at: now.updatedAt!,
    });
    await this.audit.append(tx, preferencesSet(me.id, was, now));
    return viewOf(now);
  }

  private async preferencesOfMany(db: Db, staffIds: string[]): Promise<Map<string, Preferences>> {
    return new Map((await storedPreferencesOf(db, staffIds)).map((r) => [r.staff_id, this.opened(r)]));
  }

  private opened(r: PreferencesRow): Preferences {
    return {
      webhook: r.webhook_url && r.webhook_secret ? { url: r.webhook_url, secret: this.deps.seal.open(r.webhook_secret) } : null,
      slackUrl: r.slack_url ? this.deps.seal.open(r.slack_url) : null,
      // a kind added since the person last chose has its default
      modes: { ...DEFAULT_MODES, ...fromJson(r.modes) },
      updatedAt: r.updated_at,
    };
  }
}
