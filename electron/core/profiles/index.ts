// The profile service's public face: what the IPC handlers, the shells and the CLI import.
export { explainFailure } from './explainFailure';
export { createProfileService, type ProfileService, type ProfileServiceDeps } from './profileService';
export { environmentBaseUrls, hostOf, kindsUsedBy, normaliseProfile } from './profileRules';
export * from './types';
