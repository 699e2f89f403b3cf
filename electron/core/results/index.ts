// The results editor's core (issue 6): plain Node modules the IPC handlers stay thin over.
export { editsFor } from './gridEdits';
export { readHistory, describeChange } from './history';
export { resultsCsv, safeCell } from './exportCsv';
export { commitFile, previewFile } from './importFile';
export { nowhere, readLastPlace, writeLastPlace } from './lastPlace';
export { createUploadJobs, type ResultsUploader, type UploadJobs, type UploadRequest } from './uploadJobs';
export { participantIndex, rowProblems, syncStateOf, toWireRow, wireRowsFor } from './wireRows';
