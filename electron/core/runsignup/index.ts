// The RunSignup client's public face: what the sync engine, handlers and CLI import.
export { type AppliedAuth, applyAuth, type CallerRegistration, type RunSignupAuth, type RunSignupAuthMode } from './auth';
export { defaultVirtualBatchSize, maxSeriesBatchSize, planSeriesBatches, type SeriesBatch, smallerBatchSize, splitVirtualBatches } from './batching';
export { createRunSignupClient, type RunSignupClient, virtualEventTypes, virtualResultsJson, virtualResultsXml } from './client';
export { defaultThrottleWaitMs, RunSignupError, type RunSignupErrorCode, type RunSignupErrorDetails, type RunSignupErrorKind } from './errors';
export { isLoopbackHost, type ResolvedHost, resolveHost, type RunSignupHost } from './hosts';
export { type FullResultRow, fullResultsJson, type GetResultsRequest, type NewResultSetRequest, type PostFullResultsRequest, type PostFullResultsResponse, readFullResultsAnswer, type RemoteResult, type RemoteSplit } from './inPersonResults';
export { redactSecrets, redactUrl } from './redact';
export { lookupAllSeriesParticipants, maxLookupBatchSize, readParticipantsAnswer, type SeriesLookupCalls } from './seriesLookups';
export type * from './types';
export { escapeXml, parseXml, xmlElement } from './xml';
