// CSV import: previewImport (no writes) then commitImport (one journal step).
export { applyOverride, guessMapping, resultFields, seriesFields } from './columns';
export type { ColumnMapping, ImportField, MappingOverride, ResultImportField, SeriesImportField } from './columns';
export { commitImport } from './commit';
export type { CommitOptions, ImportOutcome } from './commit';
export { decodeCsvBytes } from './decode';
export type { CsvEncoding } from './decode';
export { previewImport } from './preview';
export type { ResultImportOptions, ResultImportPreview, ResultImportRow } from './preview';
export { detectDelimiter, parseTable } from './table';
export type { CsvDelimiter, CsvTable } from './table';
