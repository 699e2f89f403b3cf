import { describe, expect, it } from 'vitest';
import type { EventRows, WireResultRow } from '../../shared/ipc/channels/results';
import { fail, ok } from '../../shared/ipc/result';
import { readEventRows } from '../../renderer/src/results/readEventRows';

const row = (i: number) => ({ id: String(i), bib_num: String(1000 + i) }) as unknown as WireResultRow;
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => row(from + k));
const head: Omit<EventRows, 'rows'> = { eventId: 7, raceId: 1, allowsElevation: false, nextUndo: null, nextRedo: null };

/** A bridge over `total` rows, `page` to an answer; `broken`: the page from this row fails. */
function bridgeOver(total: number, page: number, broken?: number) {
  const asked: number[] = [];
  return {
    asked,
    resultsRows: async () => ok({ ...head, rows: rows(0, Math.min(page, total)), ...(total > page ? { more: { snapshot: 3, total } } : {}) }),
    resultsRowsPage: async ({ snapshot, from }: { snapshot: number; from: number }) => {
      asked.push(from);
      if (snapshot !== 3) return fail('not_found', 'no such read');
      if (from === broken) return fail('not_found', 'These rows are no longer kept: open the event again.');
      return ok({ rows: rows(from, Math.min(total, from + page)) });
    },
  };
}

describe('reading an event page by page', () => {
  it('puts the pages together in order and leaves no trace of the paging', async () => {
    const bridge = bridgeOver(12_000, 5000);
    const answer = await readEventRows(bridge, 7);
    expect(bridge.asked).toEqual([5000, 10_000]);
    expect(answer.ok && answer.value.rows.map((r) => r.id)).toEqual(rows(0, 12_000).map((r) => r.id));
    expect(answer.ok && 'more' in answer.value).toBe(false);
  });

  it('asks for nothing more when the first answer has every row', async () => {
    const bridge = bridgeOver(40, 5000);
    expect(await readEventRows(bridge, 7)).toEqual(ok({ ...head, rows: rows(0, 40) }));
    expect(bridge.asked).toEqual([]);
  });

  it('gives the failed page’s error, not some of the rows', async () => {
    expect(await readEventRows(bridgeOver(12_000, 5000, 10_000), 7)).toMatchObject({ ok: false, error: { code: 'not_found', message: /open the event again/ } });
  });
});
