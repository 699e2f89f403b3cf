// Runs in the sandboxed renderer before the page. It exposes exactly one method per contract
// channel and one subscription to pushed events, never ipcRenderer itself, and `satisfies
// Bridge` makes a missing or misspelt channel a type error.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../shared/ipc/bridge';
import type { Channel, RequestOf, ResponseOf } from '../shared/ipc/contract';
import { type AppEvent, type AppEventListener, eventChannel } from '../shared/ipc/events';
import { fail, type IpcResult } from '../shared/ipc/result';

/**
 * Never rejects, like the HTTP bridge: a call that fails on the way (the main process gone, a
 * request that cannot be copied) resolves to a failed result, so the page's queue of edits
 * sees an answer and goes on.
 */
async function invoke<C extends Channel>(channel: C, request?: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
  try {
    return (await (request === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, request))) as IpcResult<ResponseOf<C>>;
  } catch {
    return fail('ipc_failed', 'RSU Timer could not finish this request. Your data is saved; please try again.');
  }
}

/** The page gets the event alone, never Electron's event object (it carries ipcRenderer). */
function onEvent(listener: AppEventListener): () => void {
  const forward = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
  ipcRenderer.on(eventChannel, forward);
  return () => void ipcRenderer.removeListener(eventChannel, forward);
}

const bridge = {
  onEvent,
  appInfo: () => invoke('app:info'),
  shellOpenExternal: (request) => invoke('shell:openExternal', request),
  connectionWatch: (request) => invoke('connection:watch', request),
  connectionUnwatch: (request) => invoke('connection:unwatch', request),
  connectionCheck: (request) => invoke('connection:check', request),
  racesList: () => invoke('races:list'),
  racesPull: (request) => invoke('races:pull', request),
  eventsList: (request) => invoke('events:list', request),
  eventsStartLocal: (request) => invoke('events:startLocal', request),
  eventsMoveLocal: (request) => invoke('events:moveLocal', request),
  resultsRows: (request) => invoke('results:rows', request),
  resultsRowsPage: (request) => invoke('results:rowsPage', request),
  resultsApplyChanges: (request) => invoke('results:applyChanges', request),
  journalUndo: (request) => invoke('journal:undo', request),
  journalRedo: (request) => invoke('journal:redo', request),
  journalHistory: (request) => invoke('journal:history', request),
  importPreview: (request) => invoke('import:preview', request),
  importCommit: (request) => invoke('import:commit', request),
  uploadPreview: (request) => invoke('upload:preview', request),
  uploadStart: (request) => invoke('upload:start', request),
  uploadStatus: (request) => invoke('upload:status', request),
  uploadCancel: (request) => invoke('upload:cancel', request),
  resultsExportCsv: (request) => invoke('results:exportCsv', request),
  settingsLastPlace: (request) => invoke('settings:lastPlace', request),
  resultSetsList: (request) => invoke('resultSets:list', request),
  resultSetsChoose: (request) => invoke('resultSets:choose', request),
  resultSetsCreate: (request) => invoke('resultSets:create', request),
  resultsCompare: (request) => invoke('results:compare', request),
  resultsTakeRemote: (request) => invoke('results:takeRemote', request),
  resultsClearRemote: (request) => invoke('results:clearRemote', request),
  profilesList: () => invoke('profiles:list'),
  profilesSave: (request) => invoke('profiles:save', request),
  profilesRemove: (request) => invoke('profiles:remove', request),
  profilesSelect: (request) => invoke('profiles:select', request),
  profilesCheck: (request) => invoke('profiles:check', request),
  profilesLoginTemporary: (request) => invoke('profiles:loginTemporary', request),
  profilesSignInOAuth: (request) => invoke('profiles:signInOAuth', request),
  profilesSignInStatus: (request) => invoke('profiles:signInStatus', request),
  profilesSignInCancel: (request) => invoke('profiles:signInCancel', request),
  profilesSignOut: (request) => invoke('profiles:signOut', request),
  seriesRows: (request) => invoke('series:rows', request),
  seriesCompute: (request) => invoke('series:compute', request),
  seriesApplyChanges: (request) => invoke('series:applyChanges', request),
  seriesUndo: (request) => invoke('series:undo', request),
  seriesRedo: (request) => invoke('series:redo', request),
  seriesImport: (request) => invoke('series:import', request),
  seriesParticipantsImport: (request) => invoke('series:participantsImport', request),
  seriesUpload: (request) => invoke('series:upload', request),
  seriesUploadStatus: (request) => invoke('series:uploadStatus', request),
  seriesLookups: () => invoke('series:lookups'),
  seriesRefreshLookups: (request) => invoke('series:refreshLookups', request),
  seriesRefreshStatus: (request) => invoke('series:refreshStatus', request),
  seriesLookupRunners: (request) => invoke('series:lookupRunners', request),
  seriesChooseMatch: (request) => invoke('series:chooseMatch', request),
  seriesAcceptExactMatches: (request) => invoke('series:acceptExactMatches', request),
  seriesAddToSeries: (request) => invoke('series:addToSeries', request),
  seriesLastSet: (request) => invoke('series:lastSet', request),
} satisfies Bridge;

contextBridge.exposeInMainWorld('rsu', bridge);
