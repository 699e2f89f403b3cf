// Every result field once. Its key is RunSignup's name for it, which is also the grid column key,
// the import mapping key and the wire row key; beside it, the timer's title, the kinds of event
// that have it, and how the grid, the import, the CSV export and the store hold it. The grid
// columns, the edit checks, the import mapping, the wire rows and the export all read this
// table, so a field is spelt once here and nowhere else decides which fields there are.
// Splits (`split-<id>`) are not listed: a result set's splits are only known at run time.
import type { ResultRowValues } from './resultRow';

export type EventKind = 'virtual' | 'inPerson';

/** ResultRowValues properties that hold one plain value, as the wire and the export show it. */
type PlainRowKey = { [K in keyof ResultRowValues]-?: ResultRowValues[K] extends string | number | null | undefined ? K : never }[keyof ResultRowValues];

export interface ResultFieldSpec {
  readonly key: string;
  /** The grid column's title, and how every message names the field. */
  readonly title: string;
  /** Where there is room for more than the column's title: the import dialog and the history. */
  readonly fullTitle?: string;
  readonly kinds: readonly EventKind[];
  /** A grid column: one the timer edits, or one only shown. */
  readonly grid?: 'editable' | 'shown';
  /** The grid shows this column right after that one instead of in table order. */
  readonly gridAfter?: string;
  /** The header names (as headerKey writes them) an import guesses for it, best first; absent: not imported. */
  readonly importHeaders?: readonly string[];
  /** Header names for virtual events, where the field has no chip-time field beside it. */
  readonly virtualImportHeaders?: readonly string[];
  readonly csvHeader?: string;
  /** The ResultRow property holding the value as it goes on the wire and into the export. */
  readonly rowKey?: PlainRowKey;
  /** The store's columns for it: the first names the field in the history, the rest are derived from it. */
  readonly storeColumns?: readonly string[];
}

const both = ['virtual', 'inPerson'] as const;

// The order is RunSignup's, which the import dialog and the CLI list the fields in.
const resultFieldTable = [
  {
    key: 'bib_num', title: 'Bib', kinds: both, grid: 'editable', csvHeader: 'Bib', rowKey: 'bibNum', storeColumns: ['bib_num'],
    importHeaders: ['bibnum', 'bib', 'bibnumber', 'bibno', 'racenumber', 'racebib'],
  },
  {
    key: 'registration_id', title: 'Reg. id', fullTitle: 'Registration id', kinds: both, grid: 'editable', csvHeader: 'Registration ID', rowKey: 'registrationId',
    storeColumns: ['registration_id'], importHeaders: ['registrationid', 'regid', 'registration', 'registrationnumber', 'rsuregistrationid'],
  },
  // From the participant cache, by bib or registration id: not stored on the row.
  { key: 'name', title: 'Name', kinds: both, grid: 'shown', csvHeader: 'Name' },
  {
    key: 'clock_time', title: 'Clock time', kinds: both, grid: 'editable', csvHeader: 'Clock time', rowKey: 'clockText',
    storeColumns: ['clock_text', 'clock_ms', 'clock_status'],
    importHeaders: ['clocktime', 'guntime', 'finishtime', 'time', 'finish', 'elapsedtime', 'elapsed', 'gun', 'clock', 'result'],
    // A virtual event has no chip field: there a chip (net) time is the best clock time there is,
    // after every clock-time name, so a file with both "Clock Time" and "Chip Time" maps the clock.
    virtualImportHeaders: ['clocktime', 'finishtime', 'guntime', 'time', 'finish', 'elapsedtime', 'elapsed', 'chiptime', 'nettime', 'result'],
  },
  {
    key: 'chip_time', title: 'Chip time', kinds: ['inPerson'], grid: 'editable', csvHeader: 'Chip time', rowKey: 'chipText', storeColumns: ['chip_text', 'chip_ms', 'chip_status'],
    importHeaders: ['chiptime', 'nettime', 'chip', 'net', 'chipelapsed', 'netelapsed'],
  },
  // The grid leads with the place in person, as a results sheet does.
  {
    key: 'place', title: 'Place', kinds: ['inPerson'], grid: 'editable', gridAfter: 'name', csvHeader: 'Place', rowKey: 'place', storeColumns: ['place'],
    importHeaders: ['place', 'overallplace', 'overall', 'pos', 'position', 'rank', 'oaplace', 'overallrank', 'oa'],
  },
  // Import only: a status column (DNF, DQ) goes into the clock time.
  { key: 'status', title: 'Status', fullTitle: 'Status (DNF, DQ…)', kinds: both, importHeaders: ['status', 'resultstatus', 'finishstatus'] },
  // The tally is a state (unchanged, cleared or a value), not one plain value: no rowKey.
  { key: 'tally_value', title: 'Tally', kinds: ['virtual'], grid: 'editable', csvHeader: 'Tally', storeColumns: ['tally_state', 'tally_value'], importHeaders: ['tallyvalue', 'tally'] },
  {
    key: 'elevation_gain_in_mm', title: 'Elevation (mm)', kinds: ['virtual'], grid: 'editable', csvHeader: 'Elevation (mm)', rowKey: 'elevationGainMm',
    storeColumns: ['elevation_gain_mm'], importHeaders: ['elevationgaininmm', 'elevationgainmm', 'elevationmm', 'elevationgain', 'elevation'],
  },
  // Worked out from the row's versions: not stored as such.
  { key: 'syncState', title: 'Sync', kinds: both, grid: 'shown', csvHeader: 'Sync' },
] as const satisfies readonly ResultFieldSpec[];

type Row = (typeof resultFieldTable)[number];
export type ResultFieldKey = Row['key'];
/** A grid column the timer edits, and a field a row's problem can name. */
export type EditableField = Extract<Row, { grid: 'editable' }>['key'];
export type GridField = Extract<Row, { grid: string }>['key'];
export type ImportedField = Extract<Row, { importHeaders: readonly string[] }>['key'];

export const resultFieldSpecs: readonly ResultFieldSpec[] = resultFieldTable;
const byKey = new Map(resultFieldSpecs.map((f) => [f.key, f]));

/** The field's row of the table; undefined for a split or a name that is no result field. */
export const resultFieldSpec = (key: string): ResultFieldSpec | undefined => byKey.get(key);

export const editableFields = resultFieldSpecs.filter((f) => f.grid === 'editable').map((f) => f.key as EditableField);
export const importedFields = resultFieldSpecs.filter((f) => f.importHeaders !== undefined).map((f) => f.key as ImportedField);

export const importedFieldsOf = (kind: EventKind): ImportedField[] => importedFields.filter((key) => byKey.get(key)!.kinds.includes(kind));

/** The grid's columns for this kind of event, in the order it shows them. */
export function gridFieldsOf(kind: EventKind): ResultFieldSpec[] {
  const fields = resultFieldSpecs.filter((f) => f.grid !== undefined && f.kinds.includes(kind) && f.gridAfter === undefined);
  for (const moved of resultFieldSpecs.filter((f) => f.gridAfter !== undefined && f.kinds.includes(kind))) {
    fields.splice(fields.findIndex((f) => f.key === moved.gridAfter) + 1, 0, moved);
  }
  return fields;
}

/** The fields the CSV export has for this kind of event, in the grid's order. */
export const csvFieldsOf = (kind: EventKind): ResultFieldSpec[] => gridFieldsOf(kind).filter((f) => f.csvHeader !== undefined);
