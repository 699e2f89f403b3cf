// The fake RunSignup server for tests, benchmarks and the demo.
export type { Fault, RouteName } from './faults';
export { FaultSwitch } from './faults';
export { readClockTime } from './clockTime';
export type { SeedFile, SyntheticParticipants } from './seed';
export { defaultSeedPath, loadSeed } from './seed';
export { startFakeRunSignup, type FakeRunSignup, type FakeRunSignupOptions } from './server';
export type { Application, InPersonChange, SeriesKey, StoredInPersonResult, StoredResultSet, StoredSeriesScore, StoredSplit, StoredSplitValue, StoredTally, StoredVirtualResult } from './state';
export { FakeState } from './state';
