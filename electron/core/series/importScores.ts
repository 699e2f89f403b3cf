// Series scores from a CSV file: the same decoding, delimiter guess and column mapping as the
// results import, for race_series_participant_id (or registration_id, mapped through the
// cached series participant list), series_points and position. Preview writes nothing; commit
// writes the file as the whole set, one undo step. A file with any blocked line is refused
// whole: writing the rest would replace the set and silently drop those runners' scores.
import { type Problem, problemText } from '../../../shared/domain/problem';
import { validateSeriesScore } from '../../../shared/domain/seriesScore';
import { applyOverride, type ColumnMapping, decodeCsvBytes, guessMapping, type MappingOverride, parseTable, type SeriesImportField, seriesFields } from '../import';
import { knownHeaderCount } from '../import/columns';
import { isBlankRow } from '../import/table';
import type { SeriesKey, SeriesParticipant, StepOutcome, Store } from '../store';
import { replaceSeriesSet, type SeriesScore } from './seriesSet';

export interface SeriesImportRow {
  /** 1-based line in the file. */
  line: number;
  score: { raceSeriesParticipantId: number | null; seriesPoints: number | null; position: number | null };
  problems: Problem[];
  blocked: boolean;
}

export interface SeriesImportPreview {
  columns: string[];
  mapping: ColumnMapping<SeriesImportField>;
  rows: SeriesImportRow[];
  /** File-level problems first, then row by row. */
  problems: Problem[];
}

const numberCell = (text: string): number | null | 'bad' => (text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : 'bad');

export function previewSeriesImport(bytes: Uint8Array, options: { participants: readonly SeriesParticipant[]; mapping?: MappingOverride<SeriesImportField>; fileName?: string }): SeriesImportPreview {
  const table = parseTable(decodeCsvBytes(bytes).text);
  const fileName = options.fileName ?? 'the file';
  const problems: Problem[] = [];
  const headerIndex = table.rows.slice(0, 20).findIndex((row) => knownHeaderCount(row, seriesFields) >= 1);
  if (headerIndex < 0) {
    problems.push({ row: null, field: 'header', severity: 'error', message: `no header row naming race_series_participant_id, series_points or position in the first 20 lines of ${fileName}`, fix: 'add a header line such as "race_series_participant_id,series_points,position"' });
    return { columns: [], mapping: {}, rows: [], problems };
  }
  const columns = table.rows[headerIndex]!.map((c) => c.trim());
  const mapping = applyOverride(guessMapping(columns, seriesFields), options.mapping, columns);
  const fileProblem = (field: string, message: string, fix: string) => problems.push({ row: null, field, severity: 'error', message, fix });
  if (mapping.race_series_participant_id === undefined && mapping.registration_id === undefined) fileProblem('race_series_participant_id', 'no column is mapped to the series participant id or the registration id', 'choose the column that holds race_series_participant_id (or registration_id)');
  if (mapping.series_points === undefined) fileProblem('series_points', 'no column is mapped to the series points', 'choose the column that holds the points');
  if (mapping.position === undefined) fileProblem('position', 'no column is mapped to the position', 'choose the column that holds the place');

  const byRegistration = new Map(options.participants.filter((p) => p.registrationId !== null).map((p) => [p.registrationId as number, p.raceSeriesParticipantId]));
  const seen = new Map<number, number>();
  const rows: SeriesImportRow[] = [];
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (isBlankRow(cells)) continue;
    const line = table.lines[i]!;
    const rowProblems: Problem[] = [];
    const cell = (field: SeriesImportField) => (mapping[field] === undefined ? '' : (cells[mapping[field]] ?? '').trim());
    const numeric = (field: SeriesImportField, what: string): number | null => {
      const value = numberCell(cell(field));
      if (value !== 'bad') return value;
      rowProblems.push({ row: line, field, severity: 'error', message: `${what} '${cell(field)}' is not a number`, fix: `enter the ${what} as a number` });
      return null;
    };
    let participantId = numeric('race_series_participant_id', 'series participant id');
    const registrationId = numeric('registration_id', 'registration id');
    if (participantId === null && registrationId !== null) {
      participantId = byRegistration.get(registrationId) ?? null;
      if (participantId === null) rowProblems.push({ row: line, field: 'registration_id', severity: 'error', message: `registration ${registrationId} is not in the saved series participant list`, fix: 'download the series participant list again, or put the race_series_participant_id in the file' });
    }
    const score = { raceSeriesParticipantId: participantId, seriesPoints: numeric('series_points', 'series points'), position: numeric('position', 'position') };
    if (rowProblems.length === 0) rowProblems.push(...validateSeriesScore(score, line));
    if (participantId !== null) {
      const earlier = seen.get(participantId);
      if (earlier !== undefined) rowProblems.push({ row: line, field: 'race_series_participant_id', severity: 'error', message: `series participant ${participantId} is already on line ${earlier}`, fix: 'keep one score per runner: delete one of the two lines' });
      else seen.set(participantId, line);
    }
    rows.push({ line, score, problems: rowProblems, blocked: rowProblems.some((p) => p.severity === 'error') });
  }
  problems.push(...rows.flatMap((r) => r.problems));
  return { columns, mapping, rows, problems };
}

/** Writes the file's rows as the whole set; refuses a file with any error, naming the first. */
export function commitSeriesImport(store: Store, key: SeriesKey, preview: SeriesImportPreview, label = 'Import series scores'): StepOutcome {
  const error = preview.problems.find((p) => p.severity === 'error');
  if (error) throw new RangeError(`${problemText(error)} (${preview.problems.filter((p) => p.severity === 'error').length} problem(s) in all; nothing was imported)`);
  return replaceSeriesSet(store, key, label, preview.rows.map((r) => r.score as SeriesScore));
}
