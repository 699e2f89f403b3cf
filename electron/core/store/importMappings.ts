// The column mapping a timer last imported with, per kind of event (field -> header name): the
// next preview of a file of that kind starts from it where the file has those headers. Saved when
// an import is committed (app and CLI). Not an edit of results: no journal step, undo keeps it.
import type { Db } from './db';

export type EventKind = 'virtual' | 'in_person';

/** Field -> header name, as the file wrote it. */
export type SavedMapping = Record<string, string>;

export interface ImportMappings {
  /** The mapping last saved for this kind of event; null when none was. */
  get(kind: EventKind): SavedMapping | null;
  /** Replaces the kind's mapping; durable when it returns. */
  save(kind: EventKind, mapping: SavedMapping): void;
}

export const eventKindOf = (event: { isVirtual: boolean }): EventKind => (event.isVirtual ? 'virtual' : 'in_person');

/** Only text values survive: a hand-edited or damaged row reads as what can still be used. */
function parseMapping(text: string): SavedMapping | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const mapping: SavedMapping = {};
  for (const [field, header] of Object.entries(value)) if (typeof header === 'string' && header !== '') mapping[field] = header;
  return mapping;
}

export function createImportMappings(db: Db, now: () => Date): ImportMappings {
  const select = db.prepare<[EventKind], { mapping: string }>('SELECT mapping FROM import_mappings WHERE event_kind = ?');
  const upsert = db.prepare(
    `INSERT INTO import_mappings (event_kind, mapping, saved_at) VALUES (?, ?, ?)
     ON CONFLICT (event_kind) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at`,
  );
  return {
    get: (kind) => {
      const row = select.get(kind);
      return row ? parseMapping(row.mapping) : null;
    },
    save: (kind, mapping) => void upsert.run(kind, JSON.stringify(mapping), now().toISOString()),
  };
}
