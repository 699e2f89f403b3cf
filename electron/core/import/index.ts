// CSV import: previewImport (no writes) then commitImport (one journal step).
export {
  allResultFields, applyOverride, guessMapping, inPersonResultFields, namedMapping, rememberedOverride, resultFields, resultFieldsFor, seriesFields, virtualResultFields,
} from './columns';
export type { ColumnMapping, ImportField, MappingOverride, NamedMapping, ResultImportField, SeriesImportField } from './columns';
export { commitImport } from './commit';
export type { CommitOptions, ImportOutcome } from './commit';
export { decodeCsvBytes } from './decode';
export type { CsvEncoding } from './decode';
export { previewImport } from './preview';
export type { ResultImportOptions, ResultImportPreview, ResultImportRow } from './preview';
export { detectDelimiter, parseTable } from './table';
export type { CsvDelimiter, CsvTable } from './table';
