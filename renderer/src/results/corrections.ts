// Corrections to rows RunSignup already holds: what an upload can and cannot undo there, asked
// before the edit is saved. An in-person upload goes with each row's result_id, so a changed bib
// updates the result in place; but no upload removes one result, and a virtual upload keys on the
// runner, so a virtual row moved to another bib leaves the old runner's result on RunSignup.
import type { ChangeSet, GridRow } from '../grid/types';

const onRunSignup = (row: GridRow | undefined, inPerson: boolean): row is GridRow =>
  row !== undefined && (row.syncState === 'confirmed' || (inPerson && typeof row.result_id === 'number'));

const rowsWord = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
const bibOf = (row: GridRow) => (typeof row.bib_num === 'string' && row.bib_num !== '' ? row.bib_num : '(none)');

/** The question to ask before saving `changeSet`, or null when it needs none. */
export function correctionQuestion(changeSet: ChangeSet, rows: readonly GridRow[], inPerson: boolean): string | null {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const removed = changeSet.changes.filter((c) => c.column === null).map((c) => byId.get(c.rowId));
  const removedThere = removed.filter((row) => onRunSignup(row, inPerson));
  const questions: string[] = [];
  if (removedThere.length > 0) {
    const there = `${removedThere.length === removed.length && removed.length === 1 ? 'It is' : `${removedThere.length} of them ${removedThere.length === 1 ? 'is' : 'are'}`} on RunSignup (bib ${removedThere.slice(0, 5).map(bibOf).join(', ')}${removedThere.length > 5 ? ', …' : ''}).`;
    questions.push(
      inPerson
        ? `Delete ${rowsWord(removed.length)} here? ${there} The next upload cannot remove one result from a result set, so RunSignup keeps ${removedThere.length === 1 ? 'it' : 'them'}. To take ${removedThere.length === 1 ? 'it' : 'them'} off, use “Clear the set” in Compare with RunSignup, then upload again.`
        : `Delete ${rowsWord(removed.length)} here? ${there} RunSignup’s virtual upload cannot remove a result: ${removedThere.length === 1 ? 'it stays' : 'they stay'} on RunSignup until you remove ${removedThere.length === 1 ? 'it' : 'them'} on the race’s results page on RunSignup.`,
    );
  }
  if (!inPerson) {
    const moved = changeSet.changes.filter((c) => c.column === 'bib_num' && c.before !== c.after).map((c) => byId.get(c.rowId)).filter((row) => onRunSignup(row, false));
    if (moved.length > 0) {
      questions.push(
        `Change the bib of ${rowsWord(moved.length)} RunSignup already has (bib ${moved.slice(0, 5).map(bibOf).join(', ')})? The upload adds the result under the new bib; RunSignup’s virtual upload cannot move it, so the result under the old bib stays until you remove it on the race’s results page on RunSignup.`,
      );
    }
  }
  return questions.length > 0 ? questions.join('\n\n') : null;
}

/** Asks `question` (none: go ahead); a "no" leaves everything as it was and says so. */
export function confirmCorrection(question: string | null, notice: (text: string) => void, ask: (text: string) => boolean): boolean {
  if (question === null || ask(question)) return true;
  notice('Nothing changed: the rows stay as they are.');
  return false;
}
