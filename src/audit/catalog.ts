/**
 * What a catalog of audit events is made of. Each concept declares its own
 * events (src/<concept>/events.ts) in one zod discriminated union keyed by
 * `action`: the TypeScript type that `append` accepts and the decoder that
 * readers use come from that one declaration. The union of every concept's
 * catalog is assembled above the concepts (src/events.ts) and handed to the
 * log where it is created; nothing here knows a concept's events.
 *
 * An event is exactly what its entry stores: `before` and `after` are JSON
 * values, or null when the event has none (canonical bytes, model.ts). Its
 * objects are strict: an entry decodes only with exactly the members its event
 * declares, so what a reader gets is what was stored, nothing dropped.
 */
import { z } from 'zod';
import type { AuditEntry, AuditEventShape } from './model.js';

/** The schema of an event's subject: its type, and its id in the entry's form (a string). */
export const auditSubject = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), id: z.string() });

/** A subject in the entry's form: the id a string, whatever the record's key. */
export const subjectOf = <T extends string>(type: T, id: string | number) => ({ type, id: String(id) });

/** An event's `before` or `after` when it has none: JSON null in the entry. */
export const NONE = z.null();

/** One event of a catalog: its action, what it is about, and the payloads it stores. */
export function auditEvent<A extends string, S extends z.ZodType<{ type: string; id: string }>, B extends z.ZodType, F extends z.ZodType>(
  action: A,
  parts: { subject: S; before: B; after: F },
) {
  return z.strictObject({ action: z.literal(action), subject: parts.subject, before: parts.before, after: parts.after }).meta({ id: `AuditEvent.${action}` });
}

/** A stored entry read with a catalog: the entry's seq, time, actor and reason, and the typed event. */
export type CataloguedEntry<E extends AuditEventShape> = Omit<AuditEntry, keyof AuditEventShape> & E;

/**
 * The entry read with the catalog, or null when the catalog does not describe it: an entry
 * written by an earlier version, or behind Warden's back, is shown generically
 * by its reader, never trusted to have a shape.
 */
export function decodeEntry<E extends AuditEventShape>(catalog: z.ZodType<E>, entry: AuditEntry): CataloguedEntry<E> | null {
  const parsed = catalog.safeParse({ action: entry.action, subject: entry.subject, before: entry.before, after: entry.after });
  if (!parsed.success) return null;
  return { seq: entry.seq, at: entry.at, actor: entry.actor, reason: entry.reason, ...parsed.data };
}

/** The `never` check of an exhaustive switch over events: a new event that no case handles fails to compile. */
export function unhandledEvent(e: never): never {
  throw new Error(`audit event not handled: ${JSON.stringify(e)}`);
}
