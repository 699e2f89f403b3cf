// Which column holds which API field: guesses from the header names timing software uses,
// overridden by what the timer picks. Fields use the API's names, so the mapping reads the
// same in the import dialog, the CLI and RunSignup's documentation.

export const resultFields = ['bib_num', 'registration_id', 'clock_time', 'status', 'tally_value', 'elevation_gain_in_mm'] as const;
export type ResultImportField = (typeof resultFields)[number];

export const seriesFields = ['race_series_participant_id', 'registration_id', 'series_points', 'position'] as const;
export type SeriesImportField = (typeof seriesFields)[number];

export type ImportField = ResultImportField | SeriesImportField;

/** Field -> 0-based column index; a field left out is not in the file. */
export type ColumnMapping<F extends string = ImportField> = Partial<Record<F, number>>;
/** What the timer picks: a header name (any case) or a 0-based index; null = do not import. */
export type MappingOverride<F extends string = ImportField> = Partial<Record<F, string | number | null>>;

// Header names, reduced to lowercase letters and digits, in order of preference: a file with
// both "Clock Time" and "Chip Time" maps the clock time.
const names: Record<ImportField, readonly string[]> = {
  bib_num: ['bibnum', 'bib', 'bibnumber', 'bibno', 'racenumber', 'racebib'],
  registration_id: ['registrationid', 'regid', 'registration', 'registrationnumber', 'rsuregistrationid'],
  clock_time: ['clocktime', 'finishtime', 'guntime', 'time', 'finish', 'elapsedtime', 'elapsed', 'chiptime', 'nettime', 'result'],
  status: ['status', 'resultstatus', 'finishstatus'],
  tally_value: ['tallyvalue', 'tally'],
  elevation_gain_in_mm: ['elevationgaininmm', 'elevationgainmm', 'elevationmm', 'elevationgain', 'elevation'],
  race_series_participant_id: ['raceseriesparticipantid', 'seriesparticipantid', 'participantid'],
  series_points: ['seriespoints', 'points', 'pts', 'score'],
  position: ['position', 'place', 'pos', 'rank', 'overallplace'],
};

export const headerKey = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export function guessMapping<F extends ImportField>(headers: readonly string[], fields: readonly F[]): ColumnMapping<F> {
  const keys = headers.map(headerKey);
  const mapping: ColumnMapping<F> = {};
  const taken = new Set<number>();
  for (const field of fields) {
    for (const name of names[field]) {
      const index = keys.findIndex((key, i) => key === name && !taken.has(i));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** How many header cells name a known field: the test for "this row is the header". */
export function knownHeaderCount(row: readonly string[], fields: readonly ImportField[]): number {
  const known = new Set(fields.flatMap((field) => names[field]));
  return row.filter((cell) => known.has(headerKey(cell))).length;
}

/** The guess with the timer's choices on top. Throws a message naming the unknown column. */
export function applyOverride<F extends ImportField>(
  guessed: ColumnMapping<F>,
  override: MappingOverride<F> | undefined,
  headers: readonly string[],
): ColumnMapping<F> {
  const mapping: ColumnMapping<F> = { ...guessed };
  for (const [field, choice] of Object.entries(override ?? {}) as [F, string | number | null | undefined][]) {
    if (choice === undefined) continue;
    if (choice === null) {
      delete mapping[field];
      continue;
    }
    const index = typeof choice === 'number' ? choice : headers.findIndex((h) => headerKey(h) === headerKey(choice));
    if (index < 0 || index >= headers.length) {
      const shown = headers.map((h, i) => h || `column ${i + 1}`).join(', ');
      throw new Error(`Column '${choice}' for ${field} is not in the file. The columns are: ${shown}`);
    }
    // A column feeds one field: the timer's pick takes it from whatever guess had it.
    for (const [other, i] of Object.entries(mapping) as [F, number][]) if (i === index && other !== field) delete mapping[other];
    mapping[field] = index;
  }
  return mapping;
}
