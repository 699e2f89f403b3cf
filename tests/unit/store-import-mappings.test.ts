import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventKindOf, openStore } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-mappings-');

function tempFile(): string {
  const dir = tempDir();
  return join(dir, 'timer.sqlite');
}

describe('remembered import mappings', () => {
  it('keeps one mapping per kind of event, replaced by the next save, across a restart', () => {
    const file = tempFile();
    let store = openStore(file, { now: () => new Date('2025-05-03T09:00:00Z') });
    expect(store.importMappings.get('in_person')).toBeNull();
    store.importMappings.save('in_person', { bib_num: 'Bib', clock_time: 'Gun Time', chip_time: 'Chip Time' });
    store.importMappings.save('virtual', { bib_num: 'Bib #', clock_time: 'Finish' });
    store.importMappings.save('in_person', { bib_num: 'Bib No', place: 'Pos' });
    store.close();

    store = openStore(file);
    expect(store.importMappings.get('in_person')).toEqual({ bib_num: 'Bib No', place: 'Pos' });
    expect(store.importMappings.get('virtual')).toEqual({ bib_num: 'Bib #', clock_time: 'Finish' });
    expect(databaseOf(store).prepare('SELECT saved_at FROM import_mappings WHERE event_kind = ?').pluck().get('virtual')).toBe('2025-05-03T09:00:00.000Z');
    store.close();
  });

  it('reads a damaged row as what can still be used, and names the kind of an event', () => {
    const store = openStore(tempFile());
    databaseOf(store).prepare("INSERT INTO import_mappings (event_kind, mapping, saved_at) VALUES ('virtual', ?, 'x')").run('{"bib_num":"Bib","clock_time":7}');
    expect(store.importMappings.get('virtual')).toEqual({ bib_num: 'Bib' });
    databaseOf(store).prepare("UPDATE import_mappings SET mapping = 'not json' WHERE event_kind = 'virtual'").run();
    expect(store.importMappings.get('virtual')).toBeNull();
    expect(eventKindOf({ isVirtual: false })).toBe('in_person');
    expect(eventKindOf({ isVirtual: true })).toBe('virtual');
    store.close();
  });
});
