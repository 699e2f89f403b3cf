// Runs in the sandboxed renderer before the page. It exposes exactly one method per contract
// channel, never ipcRenderer itself, and `satisfies Bridge` makes a missing or misspelt
// channel a type error.
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../shared/ipc/bridge';

const bridge = {
  appInfo: () => ipcRenderer.invoke('app:info'),
  shellOpenExternal: (request) => ipcRenderer.invoke('shell:openExternal', request),
  racesList: () => ipcRenderer.invoke('races:list'),
  racesPull: (request) => ipcRenderer.invoke('races:pull', request),
  eventsList: (request) => ipcRenderer.invoke('events:list', request),
  resultsRows: (request) => ipcRenderer.invoke('results:rows', request),
  resultsApplyChanges: (request) => ipcRenderer.invoke('results:applyChanges', request),
  journalUndo: (request) => ipcRenderer.invoke('journal:undo', request),
  journalRedo: (request) => ipcRenderer.invoke('journal:redo', request),
  journalHistory: (request) => ipcRenderer.invoke('journal:history', request),
  importPreview: (request) => ipcRenderer.invoke('import:preview', request),
  importCommit: (request) => ipcRenderer.invoke('import:commit', request),
  uploadPreview: (request) => ipcRenderer.invoke('upload:preview', request),
  uploadStart: (request) => ipcRenderer.invoke('upload:start', request),
  uploadStatus: (request) => ipcRenderer.invoke('upload:status', request),
  uploadCancel: (request) => ipcRenderer.invoke('upload:cancel', request),
  uploadPing: (request) => ipcRenderer.invoke('upload:ping', request),
  resultsExportCsv: (request) => ipcRenderer.invoke('results:exportCsv', request),
  settingsLastPlace: (request) => ipcRenderer.invoke('settings:lastPlace', request),
  profilesList: () => ipcRenderer.invoke('profiles:list'),
  profilesSave: (request) => ipcRenderer.invoke('profiles:save', request),
  profilesRemove: (request) => ipcRenderer.invoke('profiles:remove', request),
  profilesSelect: (request) => ipcRenderer.invoke('profiles:select', request),
  profilesCheck: (request) => ipcRenderer.invoke('profiles:check', request),
  profilesLoginTemporary: (request) => ipcRenderer.invoke('profiles:loginTemporary', request),
  profilesSignInOAuth: (request) => ipcRenderer.invoke('profiles:signInOAuth', request),
  profilesSignInStatus: (request) => ipcRenderer.invoke('profiles:signInStatus', request),
  profilesSignInCancel: (request) => ipcRenderer.invoke('profiles:signInCancel', request),
  profilesSignOut: (request) => ipcRenderer.invoke('profiles:signOut', request),
  seriesRows: (request) => ipcRenderer.invoke('series:rows', request),
  seriesCompute: (request) => ipcRenderer.invoke('series:compute', request),
  seriesApplyChanges: (request) => ipcRenderer.invoke('series:applyChanges', request),
  seriesUndo: (request) => ipcRenderer.invoke('series:undo', request),
  seriesRedo: (request) => ipcRenderer.invoke('series:redo', request),
  seriesImport: (request) => ipcRenderer.invoke('series:import', request),
  seriesParticipantsImport: (request) => ipcRenderer.invoke('series:participantsImport', request),
  seriesUpload: (request) => ipcRenderer.invoke('series:upload', request),
  seriesUploadStatus: (request) => ipcRenderer.invoke('series:uploadStatus', request),
  seriesLookups: () => ipcRenderer.invoke('series:lookups'),
  seriesRefreshLookups: (request) => ipcRenderer.invoke('series:refreshLookups', request),
  seriesRefreshStatus: (request) => ipcRenderer.invoke('series:refreshStatus', request),
  seriesLastSet: (request) => ipcRenderer.invoke('series:lastSet', request),
} satisfies Bridge;

contextBridge.exposeInMainWorld('rsu', bridge);
