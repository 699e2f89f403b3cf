// The results editor's core (issue 6): plain Node modules the IPC handlers stay thin over.
export { editsFor, editsForSliced, newRowsFor } from './gridEdits';
export { readHistory, describeChange } from './history';
export { csvLayout, inPersonLayout, resultsCsv, resultsCsvSliced, safeCell } from './exportCsv';
export { commitFile, fileRefusals, previewFile } from './importFile';
export { nowhere, readLastPlace, writeLastPlace } from './lastPlace';
export { createUploadJobs, type ResultsUploader, type UploadJobs, type UploadRequest } from './uploadJobs';
export {
  eventChecksFor, eventChecksSliced, fastBibKey, heldBackRows, keysOfStep, liveRowsSliced, rowsByIdsSliced, participantIndex, rowProblems, rowsSharingKeys, syncStateOf, toWireRow, wireRowsFor, wireRowsWith, yieldToEventLoop,
} from './wireRows';
export type { EventChecks } from './wireRows';
