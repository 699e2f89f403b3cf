// The app shell: the top bar (product, mode, screens, connection, About) and one view below it.
// While no connection profile exists, the first-run steps take the whole view.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/result';
import { ConnectionProvider, useBridge, useConnectionState } from './bridge';
import { ConnectionStatus } from './connection/ConnectionStatus';
import { ConnectionsScreen } from './connection/ConnectionsScreen';
import { FirstRunScreen } from './connection/FirstRunScreen';
import { ProfileSwitcher } from './connection/ProfileSwitcher';
import { useProfiles } from './connection/useProfiles';
import { ResultsScreen } from './results/ResultsScreen';
import { SeriesScreen } from './series/SeriesScreen';
import { AboutDialog } from './shell/AboutDialog';
import { type Screen, screenPanelId, ScreenTabs, tabIdOf } from './shell/ScreenTabs';

type Load = { state: 'loading' } | { state: 'ready'; info: AppInfo } | { state: 'failed'; error: IpcError };
type View = Screen | 'first-run' | 'connections';

const isScreen = (view: View | null): view is Screen => view === 'results' || view === 'series';

export function App() {
  const bridge = useBridge();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const profiles = useProfiles();
  // Decided once, from the first list: the first-run steps stay while the timer signs in and checks.
  const [view, setView] = useState<View | null>(null);
  if (view === null && profiles.list) setView(profiles.list.profiles.length === 0 ? 'first-run' : 'results');
  if (view === null && profiles.error) setView('results');

  useEffect(() => {
    void bridge.appInfo().then((result) =>
      setLoad(result.ok ? { state: 'ready', info: result.value } : { state: 'failed', error: result.error }),
    );
  }, [bridge]);

  const ready = load.state === 'ready' && view !== null;
  const list = profiles.list;
  return (
    <ConnectionProvider>
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="13.5" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M9.5 2.5h5M12 2.5v3M12 13.5l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <h1>RSU Timer</h1>
          {load.state === 'ready' && (
            <span className="mode-badge" data-testid="mode">
              {load.info.mode === 'browser' ? 'Browser mode' : 'Desktop'}
            </span>
          )}
        </div>
        {ready && view !== 'first-run' && <ScreenTabs selected={isScreen(view) ? view : null} onSelect={setView} />}
        <div className="topbar-end">
          {ready && view !== 'first-run' && <HeaderConnection />}
          {list && <ProfileSwitcher list={list} onChanged={profiles.reload} onManage={isScreen(view) ? () => setView('connections') : null} />}
          {load.state === 'ready' && <AboutDialog info={load.info} />}
        </div>
      </header>
      {isScreen(view) && list?.keychainProblem && (
        <p role="alert" className="error banner">{list.keychainProblem}</p>
      )}
      <main className={isScreen(view) ? 'workspace' : 'workspace is-centred'}>
        {(load.state === 'loading' || (load.state === 'ready' && view === null)) && <p aria-busy="true">Connecting to the app…</p>}
        {load.state === 'failed' && (
          <p role="alert" className="error">
            {load.error.message}
          </p>
        )}
        {ready && view === 'first-run' && list && (
          <FirstRunScreen onChanged={profiles.reload} onClose={() => setView('results')} hasProfile={list.profiles.length > 0} keychainProblem={list.keychainProblem} />
        )}
        {ready && view === 'connections' && list && (
          <ConnectionsScreen list={list} onChanged={profiles.reload} onDone={() => setView('results')} />
        )}
        {ready && isScreen(view) && (
          <div role="tabpanel" id={screenPanelId} aria-labelledby={tabIdOf(view)}>
            {view === 'results' ? <ResultsScreen /> : <SeriesScreen />}
          </div>
        )}
      </main>
    </div>
    </ConnectionProvider>
  );
}

/** The one connection state, as the upload panel shows it too (its headline only). */
function HeaderConnection() {
  const connection = useConnectionState();
  return connection === null ? null : <ConnectionStatus connection={connection} compact />;
}
