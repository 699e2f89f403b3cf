// Series scores: compute from results, import from CSV, write a set, upload it in safe batches.
export { computeSeriesScores, saveComputedScores, type ComputeOptions, type ComputedScore, type LeftOutFinisher, type SeriesComputation } from './computeScores';
export { commitSeriesImport, previewSeriesImport, type SeriesImportPreview, type SeriesImportRow } from './importScores';
export { replaceSeriesSet, type SeriesScore } from './seriesSet';
export { failedIdReason, syncSeriesScores, type SeriesFailedRow, type SeriesSyncOptions, type SeriesSyncOutcome, type SeriesSyncProgress, type SeriesSyncReport, type SeriesUploader } from './seriesSync';
export { editSeriesSet, type SeriesEdit } from './seriesEdits';
export { readSeriesParticipants } from './participantsFile';
export { pullSeriesLookups, type LookupPullOptions, type LookupPullProgress, type LookupPullReport, type SeriesLookupReader } from './lookupPull';
export { noSeriesSet, readLastSeriesSet, writeLastSeriesSet } from './lastSeriesSet';
export { acceptExactMatches, addRunnersToSeries, type AddToSeriesReport, chooseSeriesMatch, isExactLooking, type LookupRunner, type LookupRunnerState, lookupRunners, type RunnerDetails, type SeriesParticipantAdder } from './lookupChoices';
