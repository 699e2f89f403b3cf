// The wizard previews, then commits the same file: the commit uses that preview instead of
// making it again, unless something the preview read has changed. A worker entry that cannot
// start shows which: the commit succeeds with it only when it makes no preview of its own.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFile, previewFile } from '../../electron/core/results/importFile';
import { openStore, type Store } from '../../electron/core/store/index';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-preview-reuse-');

function setup(): Store {
  const dir = tempDir();
  const store = openStore(join(dir, 'timer.sqlite'));
  store.races.saveRace({ raceId: 10, name: 'Stadtlauf', nextDate: null }, [
    { eventId: 100, raceId: 10, name: '10K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  return store;
}

const file = (text: string) => ({ eventId: 100, fileName: 'finish.csv', bytesBase64: Buffer.from(text).toString('base64') });
const noWorker = { file: join(tmpdir(), 'no-such-dir', 'previewWorker.cjs') };

describe('committing the file the wizard previewed', () => {
  it('writes the preview it was shown without making it again', async () => {
    const store = setup();
    const request = file('Bib,Time\n101,0:41:02.3\n102,0:43:10.1\n');
    expect((await previewFile(store, request)).totalRows).toBe(2);
    expect(await commitFile(store, request, noWorker)).toMatchObject({ inserted: 2 });
    expect(store.results.rows(100).map((r) => [r.bibNum, r.clockText])).toEqual([['101', '0:41:02.3'], ['102', '0:43:10.1']]);
    // Committed: the next commit previews again (and here cannot).
    await expect(commitFile(store, request, noWorker)).rejects.toThrow();
    store.close();
  });

  it('previews again when the file, the mapping or the participants changed since', async () => {
    const store = setup();
    const request = file('Bib,Time,Finish\n101,0:41:02.3,0:50:00\n');
    await previewFile(store, request);
    await expect(commitFile(store, file('Bib,Time,Finish\n101,0:41:02.4,0:50:00\n'), noWorker)).rejects.toThrow();
    await previewFile(store, request);
    await expect(commitFile(store, { ...request, mapping: { clock_time: 2 } }, noWorker)).rejects.toThrow();
    await previewFile(store, request);
    store.races.saveParticipants([{ eventId: 100, raceId: 10, registrationId: 4901, bibNum: '101', firstName: null, lastName: null, modifiedTs: null }]);
    await expect(commitFile(store, request, noWorker)).rejects.toThrow();
    expect(store.results.rows(100)).toHaveLength(0);
    // With a worker, that last commit previews again and writes.
    expect(await commitFile(store, request)).toMatchObject({ inserted: 1 });
    store.close();
  });
});
