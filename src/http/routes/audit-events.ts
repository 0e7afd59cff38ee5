/**
 * Audit entries over HTTP, typed by Warden's catalog: one schema per catalogued
 * event (from src/events.ts, so the OpenAPI document and the console's
 * generated types describe each exactly), and a generic entry for what the
 * catalog does not describe. `catalogued` says which: a reader switches over
 * `action` only when it is true.
 */
import { z } from 'zod';
import type { AuditEntry } from '../../audit/model.js';
import { WardenEvents, decodeWardenEntry } from '../../events.js';

const Actor = z.object({ kind: z.enum(['staff', 'system', 'service']), id: z.string() });
const written = { seq: z.number().int(), at: z.number().int(), actor: Actor, reason: z.string().nullable() };

/** The stored entry, the one its canonical bytes cover. */
export const StoredEntry = z
  .object({
    ...written,
    action: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

/** A catalogued entry: when it was written, by whom and why, and the typed event (one schema per action). */
const Catalogued = z.intersection(z.object({ ...written, catalogued: z.literal(true) }), WardenEvents);
const Uncatalogued = StoredEntry.extend({ catalogued: z.literal(false) }).meta({
  id: 'UncataloguedAuditEntry',
  description: 'an entry the catalog does not describe (written by an earlier version, or behind Warden’s back): shown unchanged',
});

export const AuditEventSchema = z.union([Catalogued, Uncatalogued]).meta({ id: 'AuditEvent' });
export type AuditEventResponse = z.infer<typeof AuditEventSchema>;

/** An entry for the API: the typed event when the catalog describes it (the same values), else the stored entry. */
export function auditEventOf(entry: AuditEntry): AuditEventResponse {
  const event = decodeWardenEntry(entry);
  return event ? { ...event, catalogued: true } : { ...entry, catalogued: false };
}
