import { describe, expect, it } from 'vitest';
import type { ChangeSet, GridRow } from '../../renderer/src/grid/types';
import { confirmCorrection, correctionQuestion } from '../../renderer/src/results/corrections';

const row = (id: string, bib: string, syncState: GridRow['syncState'], resultId: number | null = null): GridRow => ({ id, bib_num: bib, syncState, problems: [], result_id: resultId });
const rows = [row('1', '121', 'confirmed', 9001), row('2', '122', 'pending'), row('3', '123', 'confirmed', 9003)];
const remove = (...ids: string[]): ChangeSet => ({ label: 'Delete rows', changes: ids.map((rowId) => ({ rowId, column: null, before: {}, after: null })) });

describe('correcting rows after an upload', () => {
  it('asks nothing when no deleted row is on RunSignup', () => {
    expect(correctionQuestion(remove('2'), rows, true)).toBeNull();
  });

  it('in person: names how many are on RunSignup and points to Clear the set', () => {
    const question = correctionQuestion(remove('1', '2', '3'), rows, true)!;
    expect(question).toMatch(/^Delete 3 rows here\? 2 of them are on RunSignup \(bib 121, 123\)\./);
    expect(question).toMatch(/next upload cannot remove one result.*“Clear the set” in Compare with RunSignup/);
  });

  it('virtual: says the virtual upload cannot remove a result and where to remove it', () => {
    const question = correctionQuestion(remove('1'), rows, false)!;
    expect(question).toMatch(/^Delete 1 row here\? It is on RunSignup \(bib 121\)\. RunSignup’s virtual upload cannot remove a result: it stays on RunSignup until you remove it on the race’s results page on RunSignup\.$/);
  });

  it('virtual: a new bib on a confirmed row leaves the old result on RunSignup, and says so', () => {
    const change: ChangeSet = { label: 'Edit', changes: [{ rowId: '1', column: 'bib_num', before: '121', after: '131' }] };
    expect(correctionQuestion(change, rows, false)).toMatch(/result under the old bib stays until you remove it on the race’s results page/);
    // In person the row goes up with its result_id: the result is corrected in place, nothing to ask.
    expect(correctionQuestion(change, rows, true)).toBeNull();
  });

  it('a "no" saves nothing and says so', () => {
    const notices: string[] = [];
    expect(confirmCorrection('Delete?', (n) => notices.push(n), () => false)).toBe(false);
    expect(notices).toEqual(['Nothing changed: the rows stay as they are.']);
    expect(confirmCorrection(null, (n) => notices.push(n), () => false)).toBe(true);
  });
});
