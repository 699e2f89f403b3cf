// Text to a table of cells, keeping for each row the line the timer sees in a text editor.
import Papa from 'papaparse';

export type CsvDelimiter = ',' | ';' | '\t';
const candidates: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface CsvTable {
  delimiter: CsvDelimiter;
  /** Every row, blank lines included, so row i starts on lines[i]. */
  rows: string[][];
  /** 1-based line where each row starts. */
  lines: number[];
}

/**
 * The delimiter that splits the most lines into the same number of cells. Papaparse's own
 * guess gives up when a title line or blank lines sit above the header, which timing
 * software writes.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.split(/\r\n|\n|\r/, 50).filter((line) => line.trim() !== '');
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of candidates) {
    const counts = new Map<number, number>();
    for (const line of sample) {
      const n = line.split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export function parseTable(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvTable {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const rows = parsed.data;
  // When every line break in the text is one between rows, no cell spans lines and row i is on
  // line i + 1: counting the breaks once is much cheaper than looking into every cell.
  const oneLineRows = lineBreakCount(text) === (rows.length - 1) * parsed.meta.linebreak.length;
  // The newline after the last line is not a row of its own.
  const last = rows.at(-1);
  if (last && last.length === 1 && last[0] === '') rows.pop();
  const lines: number[] = [];
  if (oneLineRows) {
    for (let line = 1; line <= rows.length; line++) lines.push(line);
    return { delimiter, rows, lines };
  }
  let line = 1;
  for (const row of rows) {
    lines.push(line);
    line += 1;
    // A quoted cell can span lines; the next row starts that many lines further down.
    for (const cell of row) {
      if (cell.includes('\n') || cell.includes('\r')) line += cell.split(/\r\n|\n|\r/).length - 1;
    }
  }
  return { delimiter, rows, lines };
}

/** How many CR and LF characters the text holds (a CRLF is two). */
function lineBreakCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) count++;
  return count;
}

export const isBlankRow = (row: readonly string[]): boolean => row.every((cell) => cell.trim() === '');
