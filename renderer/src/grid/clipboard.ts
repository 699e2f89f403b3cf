// Text on the clipboard <-> a block of cells. Excel, Google Sheets and LibreOffice all put
// tab-separated text there, quoting a cell ("...", "" for a quote) when it holds a tab,
// a line break or a quote, and usually end with a line break.

/** A pasted block: rows of cell texts; rows may be ragged (a short row writes fewer cells). */
export type CellBlock = string[][];

/**
 * Tab-separated when the text has a tab; comma-separated when several lines have commas
 * (CSV from a text editor); otherwise one cell per line, so "Smith, Ann" stays one cell.
 */
export function pickDelimiter(text: string): '\t' | ',' | null {
  if (text.includes('\t')) return '\t';
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line !== '');
  return lines.length > 1 && lines.every((line) => line.includes(',')) ? ',' : null;
}

export function parseClipboard(text: string): CellBlock {
  const delimiter = pickDelimiter(text);
  const block: CellBlock = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  // A quote only opens a quoted cell at the start of a cell; elsewhere it is text (Excel does the same).
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      const end = quotedEnd(text, i, delimiter);
      if (end !== -1) {
        cell += text.slice(i + 1, end).replaceAll('""', '"');
        i = end + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === delimiter) {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      block.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  // The trailing line break spreadsheets add does not make an empty last row.
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    block.push(row);
  }
  return block;
}

/**
 * Index of the quote closing a quoted cell opened at `start`, or -1 when the cell is not
 * properly quoted (no closing quote, or text after it before the next delimiter).
 */
function quotedEnd(text: string, start: number, delimiter: string | null): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      const next = text[i + 1];
      return next === undefined || next === delimiter || next === '\n' || next === '\r' ? i : -1;
    }
    i++;
  }
  return -1;
}

/** A block as spreadsheets expect it on the clipboard: tab-separated, quoted where needed. */
export function toTsv(block: readonly (readonly string[])[]): string {
  return block.map((row) => row.map(quoteCell).join('\t')).join('\n');
}

function quoteCell(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
