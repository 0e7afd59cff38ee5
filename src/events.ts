/**
 * Every audit event Warden writes: the union of each concept's catalog
 * (src/<concept>/events.ts), assembled above the concepts and handed to the
 * log where it is created (context.ts). `append` takes nothing else; readers
 * decode stored entries with it, and an entry it does not describe (an
 * earlier version's, or one written behind Warden's back) is read generically.
 */
import { z } from 'zod';
import { AccountEvents } from './accounts/events.js';
import { ActionEvents } from './actions/events.js';
import { BulkEvents } from './actions/bulk-events.js';
import { AlertEvents } from './alerts/events.js';
import { AppealEvents } from './appeals/events.js';
import { type CataloguedEntry, decodeEntry } from './audit/catalog.js';
import type { AuditEntry } from './audit/model.js';
import { CaseEvents } from './cases/events.js';
import { CredentialEvents } from './credentials/events.js';
import { NoticeEvents } from './notices/events.js';
import { NotificationEvents } from './notifications/events.js';
import { PolicyEvents } from './policy/events.js';
import { ReporterEvents } from './reporters/events.js';
import { SessionEvents } from './sessions/events.js';
import { StaffEvents } from './staff/events.js';
import { StatementEvents } from './statements/events.js';
import { StrikeEvents } from './strikes/events.js';
import { TripwireEvents } from './tripwires/events.js';

export const WardenEvents = z.discriminatedUnion('action', [
  AccountEvents,
  ActionEvents,
  AlertEvents,
  AppealEvents,
  BulkEvents,
  CaseEvents,
  CredentialEvents,
  NoticeEvents,
  NotificationEvents,
  PolicyEvents,
  ReporterEvents,
  SessionEvents,
  StaffEvents,
  StatementEvents,
  StrikeEvents,
  TripwireEvents,
]);
/** One catalog per concept, each a discriminated union keyed by `action`. */
export const CONCEPT_CATALOGS = WardenEvents.options;
export type WardenEvent = z.infer<typeof WardenEvents>;
export type WardenAction = WardenEvent['action'];
export type WardenEntry = CataloguedEntry<WardenEvent>;

/** A stored entry read with Warden's catalog, or null when the catalog does not describe it. */
export const decodeWardenEntry = (entry: AuditEntry): WardenEntry | null => decodeEntry(WardenEvents, entry);
