// previewImport: everything the import dialog shows before anything is written - the
// columns, the guessed mapping, every row normalised, and every problem with its fix.
// Every row is imported, whatever its problems: a row with an error is flagged (it names the
// line, the field and the fix), shown under Problems only and held back from upload until it is
// fixed. Times keep the source's text exactly. Only a file that cannot be read as results at all
// (no header, no bib or time column, no rows) is refused as a whole.
import { type ClockTime, type ClockTimeParse, isClockStatus, parseClockTime } from '../../../shared/domain/clockTime';
import { isDigits } from '../../../shared/domain/digits';
import type { Problem } from '../../../shared/domain/problem';
import { type EventRules, parseElevationCell, type ResultRowValues, validateResultRow } from '../../../shared/domain/resultRow';
import { type SplitName, splitIdOf, splitText, type SplitTimes } from '../../../shared/domain/splits';
import { parseTallyCell, tallyUnchanged } from '../../../shared/domain/tally';
import type { Participant, RaceEvent } from '../store/races';
import {
  applyOverride, type ColumnMapping, guessMapping, knownHeaderCount, type MappingOverride, type NamedMapping, rememberedOverride, type ResultImportField, resultFieldsFor,
  type ResultMappingField, splitFieldsOf, splitHeaderNames,
} from './columns';
import { type CsvEncoding, decodeCsvBytes } from './decode';
import { indexBy } from './positionIndex';
import { type CsvDelimiter, type CsvTable, isBlankRow, parseTable } from './table';

export interface ResultImportOptions {
  /** isVirtual false: an in-person event (gun time, chip time, place). Absent: virtual. */
  event: Pick<RaceEvent, 'eventId' | 'raceId' | 'allowsElevation'> & { isVirtual?: boolean };
  /** The cached participants of the event, to check bibs and registration ids against. */
  participants: readonly Pick<Participant, 'registrationId' | 'bibNum'>[];
  /** The mapping saved at the last import of this kind of event: applied where its headers are in the file. */
  remembered?: NamedMapping | null;
  /** The timer's choices now: over the guess and the remembered mapping. */
  mapping?: MappingOverride<ResultMappingField>;
  /** In person: the splits of the result set the results go to; each can be mapped (`split-<id>`). */
  splits?: readonly SplitName[];
  fileName?: string;
}

export interface ResultImportRow {
  /** 1-based line in the file, as a text editor shows it. */
  line: number;
  values: ResultRowValues;
  /**
   * The clock text parsed; null when there is none or it does not parse. The form it is sent in
   * is worked out at upload (resultsSync); formatting it here for every row of a big file cost
   * the preview dearly, and nothing read it.
   */
  clock: ClockTime | null;
  problems: Problem[];
  /** Has an error: imported all the same, and held back from upload until it is fixed. */
  flagged: boolean;
}

export interface ResultImportPreview {
  fileName: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  headerLine: number | null;
  columns: string[];
  /** The fields of this kind of event, in the order the dialog shows them (in person: then each split). */
  fields: readonly ResultMappingField[];
  inPerson: boolean;
  /** Split fields (`split-<id>`) -> the split's name. */
  fieldTitles: Record<string, string>;
  /** The starting point: the guess with the remembered mapping on top. */
  guessedMapping: ColumnMapping<ResultMappingField>;
  /** Fields whose column came from the remembered mapping. */
  rememberedFields: ResultMappingField[];
  mapping: ColumnMapping<ResultMappingField>;
  eventId: number;
  raceId: number;
  rows: ResultImportRow[];
  /** Every problem: file-level ones first (row null), then row by row. */
  problems: Problem[];
}

const headerSearchRows = 20;

/** The first row that names at least one known column: title lines above it are skipped. */
function findHeader(table: CsvTable, fields: readonly ResultImportField[]): number | null {
  const limit = Math.min(table.rows.length, headerSearchRows);
  for (let i = 0; i < limit; i++) {
    const row = table.rows[i]!;
    if (row.filter((cell) => cell.trim() !== '').length >= 2 && knownHeaderCount(row, fields) >= 1) return i;
  }
  return null;
}

const fixClock = 'write it as hh:mm:ss.s (example 01:02:03.0), or DQ, DNS, DNF, DNQ';
const fixPlace = 'write the overall place as a whole number (1 for the winner) in the file or in the grid, or leave it empty';
const problem = (row: number, field: string, message: string, fix: string, severity: Problem['severity'] = 'error'): Problem => ({ row, field, severity, message, fix });

/** The first row of a pair that share a bib or registration id learns of the second once. */
function flagFirstOf(first: ResultImportRow, field: string, what: string, line: number): void {
  for (const p of first.problems) if (p.field === field && p.message.startsWith(`${what} is also on line`)) return;
  first.problems.push(problem(first.line, field, `${what} is also on line ${line}`, `correct it on line ${first.line} or line ${line} (in the grid once imported), or delete the duplicate`));
  first.flagged = true;
}

export function previewImport(bytes: Uint8Array, options: ResultImportOptions): ResultImportPreview {
  const { text, encoding } = decodeCsvBytes(bytes);
  const table = parseTable(text);
  const fileName = options.fileName ?? 'the file';
  const problems: Problem[] = [];
  const fileProblem = (field: string, message: string, fix: string, severity: Problem['severity'] = 'error') =>
    problems.push({ row: null, field, severity, message, fix });

  const inPerson = options.event.isVirtual === false;
  const baseFields = resultFieldsFor(inPerson);
  const splits = inPerson ? (options.splits ?? []) : [];
  const splitNames = splitHeaderNames(splits);
  const fields: readonly ResultMappingField[] = [...baseFields, ...splitFieldsOf(splits)];
  const fieldTitles: Record<string, string> = {};
  for (const s of splits) fieldTitles[`split-${s.splitId}`] = s.name;
  // A column chosen for a field the other kind of event has is a mistake to say; "not in the file" (null) is not.
  for (const [field, choice] of Object.entries(options.mapping ?? {})) {
    if (choice === null || choice === undefined || (fields as readonly string[]).includes(field)) continue;
    if (splitIdOf(field) !== null && inPerson) {
      const known = splits.map((s) => `split-${s.splitId} (${s.name})`).join(', ');
      throw new Error(`${field} is not a split of the result set these results go to; ${known ? `its splits are: ${known}` : 'it has no splits, or none is chosen yet (choose the result set while online first)'}`);
    }
    throw new Error(`${field} is not imported for ${inPerson ? 'an in-person' : 'a virtual'} event; the fields are: ${fields.join(', ')}`);
  }
  let headerIndex = findHeader(table, baseFields);
  // Columns chosen by hand (by index) make the first line the header even if it names nothing known.
  if (headerIndex === null && Object.keys(options.mapping ?? {}).length > 0) headerIndex = table.rows.findIndex((row) => !isBlankRow(row));
  const base = {
    fileName,
    encoding,
    delimiter: table.delimiter,
    fields,
    inPerson,
    fieldTitles,
    eventId: options.event.eventId,
    raceId: options.event.raceId,
  };
  if (headerIndex === null || headerIndex < 0) {
    fileProblem('header', `no header row found in the first ${headerSearchRows} lines of ${fileName}`, 'add a header line such as "Bib,Time" above the results, or choose the columns by hand');
    return { ...base, headerLine: null, columns: [], guessedMapping: {}, rememberedFields: [], mapping: {}, rows: [], problems };
  }

  // Trailing delimiters leave empty header cells; they name nothing and map to nothing.
  const columns = table.rows[headerIndex]!.map((cell) => cell.trim());
  const remembered = rememberedOverride(options.remembered, columns, fields);
  const guessedMapping = applyOverride(guessMapping(columns, fields, splitNames), remembered, columns);
  const rememberedFields = fields.filter((field) => remembered[field] !== undefined);
  const mapping = applyOverride(guessedMapping, options.mapping, columns);
  const rules: EventRules = { allowsElevation: !inPerson && options.event.allowsElevation, inPerson };

  if (mapping.bib_num === undefined && mapping.registration_id === undefined) {
    fileProblem('bib_num', 'no column is mapped to the bib or the registration id', 'choose the column that holds the bib (or the registration id)');
  }
  if (inPerson) {
    const anySplit = Object.keys(mapping).some((field) => splitIdOf(field) !== null);
    if (mapping.clock_time === undefined && mapping.chip_time === undefined && mapping.place === undefined && mapping.status === undefined && !anySplit) {
      fileProblem('clock_time', 'no column is mapped to a time or a place', 'choose the column that holds the clock (gun) time, the chip time or the place');
    }
  } else if (mapping.clock_time === undefined && mapping.status === undefined) {
    fileProblem('clock_time', 'no column is mapped to the clock time', 'choose the column that holds the finish time');
  }
  if (rules.allowsElevation && mapping.elevation_gain_in_mm === undefined) {
    fileProblem('elevation_gain_in_mm', 'this event requires elevation gain and no column is mapped to it, so every row is held back from upload until its elevation is entered', 'choose the column with the elevation gain in millimetres, or add one to the file', 'warning');
  }
  if (options.participants.length === 0) {
    fileProblem('bib_num', 'no participants are cached for this event, so bibs and registration ids were not checked', 'refresh the participant list while online, then preview again', 'warning');
  }

  // Each participant is found by bib and by registration id with one lookup a row, and "seen on
  // line n" for the duplicate checks sits in arrays beside them, by participant: 100,000 rows
  // made seven Map operations a row the slowest part of the check.
  const { participants } = options;
  const bibOwner = indexBy(participants, (p) => p.bibNum);
  const registrationOwner = indexBy(participants, (p) => p.registrationId);
  const checkParticipants = participants.length > 0;
  // 1 + the index in `rows` of the row that had it first; 0: not seen yet.
  const bibSeenOn = new Int32Array(participants.length);
  const registrationSeenOn = new Int32Array(participants.length);
  const otherBibSeenOn = new Map<string, number>();
  const otherRegistrationSeenOn = new Map<number, number>();
  const rows: ResultImportRow[] = [];

  const bibColumn = mapping.bib_num ?? -1;
  const registrationColumn = mapping.registration_id ?? -1;
  const statusColumn = mapping.status ?? -1;
  const clockColumn = mapping.clock_time ?? -1;
  const tallyColumn = mapping.tally_value ?? -1;
  const elevationColumn = mapping.elevation_gain_in_mm ?? -1;
  const chipColumn = mapping.chip_time ?? -1;
  const placeColumn = mapping.place ?? -1;
  // Split id, its column and its name, for the splits the file has.
  const splitColumns: { id: string; column: number; name: string }[] = [];
  for (const s of splits) {
    const column = (mapping as Record<string, number | undefined>)[`split-${s.splitId}`];
    if (column !== undefined) splitColumns.push({ id: String(s.splitId), column, name: s.name });
  }
  const cellAt = (cells: readonly string[], column: number): string | undefined => (column < 0 ? undefined : (cells[column] ?? '').trim());

  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (isBlankRow(cells)) continue;
    const line = table.lines[i]!;
    const rowProblems: Problem[] = [];

    const bibText = cellAt(cells, bibColumn);
    const bibNum = bibText ? bibText : null;
    const registrationText = cellAt(cells, registrationColumn);
    let registrationId: number | null = null;
    if (registrationText) {
      if (isDigits(registrationText)) registrationId = Number(registrationText);
      else rowProblems.push(problem(line, 'registration_id', `registration id '${registrationText}' is not a whole number`, 'copy the registration id from RunSignup, or clear the cell and use the bib'));
    }

    // A DQ/DNS/DNF/DNQ in a status column wins over whatever is in the time column.
    const statusText = cellAt(cells, statusColumn);
    const clockText = statusText && isClockStatus(statusText.toUpperCase()) ? statusText : cellAt(cells, clockColumn) || null;
    let clock: ClockTime | null = null;
    let parsed: ClockTimeParse | undefined;
    if (clockText !== null) {
      parsed = parseClockTime(clockText);
      if (parsed.ok) clock = parsed.value;
    }

    let values: ResultRowValues;
    let elevationReported = false;
    if (inPerson) {
      // The chip time as written, like the clock time; the status column speaks for the clock time only.
      const chipText = cellAt(cells, chipColumn) || null;
      const placeText = cellAt(cells, placeColumn);
      let place: number | null = null;
      if (placeText) {
        if (isDigits(placeText) && placeText.length <= 15) place = Number(placeText);
        else rowProblems.push(problem(line, 'place', `place '${placeText}' is not a whole number, so the row was imported without a place`, fixPlace));
      }
      values = { bibNum, registrationId, clockText, tally: tallyUnchanged, elevationGainMm: null, chipText, place };
      if (splitColumns.length > 0) {
        // Each split as written (x as X); an empty cell is no split.
        const rowSplits: SplitTimes = {};
        for (const split of splitColumns) {
          const text = splitText(cellAt(cells, split.column));
          if (text !== null) rowSplits[split.id] = text;
        }
        values.splits = rowSplits;
      }
    } else {
      const tally = parseTallyCell(cellAt(cells, tallyColumn));
      if (!tally.ok) rowProblems.push(problem(line, 'tally_value', tally.error, 'write a number, or leave the cell empty to clear the tally'));
      let elevationGainMm: number | null = null;
      if (elevationColumn >= 0) {
        const elevation = parseElevationCell(cellAt(cells, elevationColumn)!);
        if (elevation.ok) elevationGainMm = elevation.value;
        else {
          elevationReported = true;
          rowProblems.push(problem(line, 'elevation_gain_in_mm', `${elevation.error}, so the row was imported without it`, 'write the elevation gain in whole millimetres (example 125000 for 125 m)'));
        }
      }
      values = { bibNum, registrationId, clockText, tally: tally.ok ? tally.value : tallyUnchanged, elevationGainMm };
    }
    for (const found of validateResultRow(values, rules, line, parsed)) {
      if (found.field === 'clock_time' && !inPerson) found.fix = fixClock;
      // A missing elevation holds the row back like any other error (a file-level warning says
      // once when the column is missing); a cell that is not a number was reported above.
      if (found.field === 'elevation_gain_in_mm' && elevationReported) continue;
      if (found.field === 'registration_id' && registrationText) continue; // reported above
      const splitId = splitIdOf(found.field);
      if (splitId !== null) {
        // The rules name a split by its id; the timer knows it by its name.
        const name = splitColumns.find((split) => split.id === splitId)?.name;
        if (name !== undefined) found.message = found.message.replace(`split ${splitId} `, `split ${name} `);
      }
      rowProblems.push(found);
    }

    // Both rows of a pair are flagged: the second names the first, the first the second.
    const rowNumber = rows.length + 1;
    const bibIndex = bibNum === null ? -1 : bibOwner.get(bibNum);
    const registrationIndex = registrationId === null ? -1 : registrationOwner.get(registrationId);
    if (bibNum !== null) {
      const first = bibIndex < 0 ? otherBibSeenOn.get(bibNum) : bibSeenOn[bibIndex] || undefined;
      if (first !== undefined) {
        const firstRow = rows[first - 1]!;
        rowProblems.push(problem(line, 'bib_num', `bib ${bibNum} is also on line ${firstRow.line}`, `correct it on line ${firstRow.line} or line ${line} (in the grid once imported), or delete the duplicate`));
        flagFirstOf(firstRow, 'bib_num', `bib ${bibNum}`, line);
      } else if (bibIndex < 0) otherBibSeenOn.set(bibNum, rowNumber);
      else bibSeenOn[bibIndex] = rowNumber;
    }
    if (registrationId !== null) {
      const first = registrationIndex < 0 ? otherRegistrationSeenOn.get(registrationId) : registrationSeenOn[registrationIndex] || undefined;
      if (first !== undefined) {
        const firstRow = rows[first - 1]!;
        rowProblems.push(problem(line, 'registration_id', `registration id ${registrationId} is also on line ${firstRow.line}`, `correct it on line ${firstRow.line} or line ${line} (in the grid once imported), or delete the duplicate`));
        flagFirstOf(firstRow, 'registration_id', `registration id ${registrationId}`, line);
      } else if (registrationIndex < 0) otherRegistrationSeenOn.set(registrationId, rowNumber);
      else registrationSeenOn[registrationIndex] = rowNumber;
    }

    if (checkParticipants) {
      if (bibNum !== null && bibIndex < 0 && registrationId === null) {
        rowProblems.push(problem(line, 'bib_num', `bib ${bibNum} is not a participant of this event`, 'check the bib, or refresh participants if the runner registered late'));
      }
      if (registrationId !== null) {
        if (registrationIndex < 0) {
          rowProblems.push(problem(line, 'registration_id', `registration id ${registrationId} is not a participant of this event`, 'check the registration id, or refresh participants if the runner registered late'));
        } else if (bibNum !== null && participants[registrationIndex]!.bibNum !== bibNum) {
          const registeredBib = participants[registrationIndex]!.bibNum ?? 'no bib';
          rowProblems.push(problem(
            line,
            'bib_num',
            `bib ${bibNum} and registration id ${registrationId} disagree: that registration has bib ${registeredBib}, and RunSignup will use the registration's bib`,
            `correct the bib to ${registeredBib} or correct the registration id`,
          ));
        }
      }
    }

    let flagged = false;
    for (const p of rowProblems) if (p.severity === 'error') flagged = true;
    rows.push({ line, values, clock, problems: rowProblems, flagged });
  }

  if (rows.length === 0) fileProblem('rows', `${fileName} has a header but no result rows`, 'check that this is the right file');
  for (const row of rows) for (const p of row.problems) problems.push(p);
  return { ...base, headerLine: table.lines[headerIndex]!, columns, guessedMapping, rememberedFields, mapping, rows, problems };
}
