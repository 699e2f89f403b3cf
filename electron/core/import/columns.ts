// Which column holds which API field: guesses from the header names timing software uses, then
// the mapping the timer saved for this kind of event, then what the timer picks now. Fields use
// the API's names, so the mapping reads the same in the import dialog, the CLI and RunSignup's
// documentation. In person, each split of the result set the results go to is a field too
// (`split-<id>`), found by the split's name ("5K") or its place among the set's splits ("Split 1").
import { type ImportedField, importedFields, importedFieldsOf, resultFieldSpec } from '../../../shared/domain/resultFields';
import { type SplitField, splitField, type SplitName } from '../../../shared/domain/splits';

/** Virtual events (Post User Submitted Race Result). */
export const virtualResultFields = importedFieldsOf('virtual');
/** In-person events (Post Event Results): a gun (clock) time, a chip time and a place; no tally or elevation. */
export const inPersonResultFields = importedFieldsOf('inPerson');
/** The virtual fields, as before in-person events came. */
export const resultFields = virtualResultFields;
/** Every result field of either kind: what --map and the IPC mapping accept. */
export const allResultFields = importedFields;
export type ResultImportField = ImportedField;
/** A result field, or a split of the target set (in-person events). */
export type ResultMappingField = ResultImportField | SplitField;

export const resultFieldsFor = (inPerson: boolean): readonly ResultImportField[] => (inPerson ? inPersonResultFields : virtualResultFields);

export const seriesFields = ['race_series_participant_id', 'registration_id', 'series_points', 'position'] as const;
export type SeriesImportField = (typeof seriesFields)[number];

export type ImportField = ResultImportField | SeriesImportField;

/** Field -> 0-based column index; a field left out is not in the file. */
export type ColumnMapping<F extends string = ImportField> = Partial<Record<F, number>>;
/** What the timer picks: a header name (any case) or a 0-based index; null = do not import. */
export type MappingOverride<F extends string = ImportField> = Partial<Record<F, string | number | null>>;
/** A mapping as it is remembered: field -> header name, so it applies to the next file with those headers. */
export type NamedMapping = Record<string, string>;

// Header names, reduced to lowercase letters and digits, in order of preference. A result
// field's are in the field table; the series fields' (registration_id is shared) are here.
const seriesNames: Record<Exclude<SeriesImportField, ResultImportField>, readonly string[]> = {
  race_series_participant_id: ['raceseriesparticipantid', 'seriesparticipantid', 'participantid'],
  series_points: ['seriespoints', 'points', 'pts', 'score'],
  position: ['position', 'place', 'pos', 'rank', 'overallplace'],
};

/** Header names (as headerKey) per field that the fixed table does not know: the splits. */
export type ExtraNames = Readonly<Record<string, readonly string[]>>;

function namesOf(field: string, fields: readonly string[], extra?: ExtraNames): readonly string[] {
  const spec = resultFieldSpec(field);
  // No chip-time field beside it: a virtual event, whose clock time takes a chip time's header too.
  if (spec?.virtualImportHeaders && !fields.includes('chip_time')) return spec.virtualImportHeaders;
  return extra?.[field] ?? spec?.importHeaders ?? seriesNames[field as keyof typeof seriesNames] ?? [];
}

/** The set's splits as fields, in split id order: the order "Split 1", "Split 2" count in. */
export function splitFieldsOf(splits: readonly SplitName[]): SplitField[] {
  return [...splits].sort((a, b) => a.splitId - b.splitId).map((s) => splitField(s.splitId));
}

/** Each split's header names: its own name ("5K"), then "Split N" by id order. */
export function splitHeaderNames(splits: readonly SplitName[]): Record<SplitField, string[]> {
  const out: Record<SplitField, string[]> = {};
  [...splits].sort((a, b) => a.splitId - b.splitId).forEach((s, i) => {
    const own = headerKey(s.name);
    out[splitField(s.splitId)] = [...(own === '' ? [] : [own, `split${own}`]), `split${i + 1}`];
  });
  return out;
}

export const headerKey = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export function guessMapping<F extends string>(headers: readonly string[], fields: readonly F[], extra?: ExtraNames): ColumnMapping<F> {
  const keys = headers.map(headerKey);
  const mapping: ColumnMapping<F> = {};
  const taken = new Set<number>();
  for (const field of fields) {
    for (const name of namesOf(field, fields, extra)) {
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
  const known = new Set(fields.flatMap((field) => namesOf(field, fields)));
  return row.filter((cell) => known.has(headerKey(cell))).length;
}

/** The guess with the timer's choices on top. Throws a message naming the unknown column. */
export function applyOverride<F extends string>(
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

/**
 * The remembered mapping's entries that this file can use: fields of this kind whose header is
 * in the file. The rest of the remembered mapping is ignored (another file, other headers).
 */
export function rememberedOverride<F extends string>(remembered: NamedMapping | null | undefined, headers: readonly string[], fields: readonly F[]): MappingOverride<F> {
  const override: MappingOverride<F> = {};
  if (!remembered) return override;
  const keys = headers.map(headerKey);
  for (const field of fields) {
    const header = remembered[field];
    if (typeof header !== 'string' || header.trim() === '') continue;
    if (keys.includes(headerKey(header))) override[field] = header;
  }
  return override;
}

/** A mapping by header name, to remember; a column with no header has no name and is left out. */
export function namedMapping(mapping: ColumnMapping, headers: readonly string[]): NamedMapping {
  const named: NamedMapping = {};
  for (const [field, index] of Object.entries(mapping) as [string, number | undefined][]) {
    const header = index === undefined ? undefined : headers[index];
    if (header !== undefined && header.trim() !== '') named[field] = header;
  }
  return named;
}
