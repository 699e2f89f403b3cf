import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/result';
import { bridge } from './bridge';
import { FirstRunScreen } from './connection/FirstRunScreen';
import { ProfileSwitcher } from './connection/ProfileSwitcher';
import { useProfiles } from './connection/useProfiles';
import { ResultsScreen } from './results/ResultsScreen';
import { SeriesScreen } from './series/SeriesScreen';

type Load = { state: 'loading' } | { state: 'ready'; info: AppInfo } | { state: 'failed'; error: IpcError };

export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const profiles = useProfiles();
  // Decided once, from the first list: the first-run steps stay open while the timer signs in and checks.
  const [firstRun, setFirstRun] = useState<boolean | null>(null);
  const [screen, setScreen] = useState<'results' | 'series'>('results');
  if (firstRun === null && profiles.list) setFirstRun(profiles.list.profiles.length === 0);

  useEffect(() => {
    if (!bridge) return;
    void bridge.appInfo().then((result) =>
      setLoad(result.ok ? { state: 'ready', info: result.value } : { state: 'failed', error: result.error }),
    );
  }, []);

  if (!bridge) {
    return (
      <main className="shell">
        <h1>RSU Timer</h1>
        <p role="alert" className="error">
          This page was opened without its access token. Open the address that <code>npm run dev:browser</code> printed.
        </p>
      </main>
    );
  }

  return (
    <div className="shell">
      <header className="topbar">
        <h1>RSU Timer</h1>
        {load.state === 'ready' && (
          <span className="badge" data-testid="mode">
            {load.info.mode === 'browser' ? 'Browser mode' : 'Desktop'}
          </span>
        )}
        {profiles.list && <ProfileSwitcher list={profiles.list} onChanged={profiles.reload} />}
      </header>
      <main>
        {load.state === 'loading' && <p aria-busy="true">Connecting to the app…</p>}
        {load.state === 'failed' && (
          <p role="alert" className="error">
            {load.error.message}
          </p>
        )}
        {load.state === 'ready' && firstRun && profiles.list && (
          <FirstRunScreen onChanged={profiles.reload} onClose={() => setFirstRun(false)} hasProfile={profiles.list.profiles.length > 0} keychainProblem={profiles.list.keychainProblem} />
        )}
        {load.state === 'ready' && (
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">This installation</h2>
            <dl className="facts" data-testid="app-info">
              <dt>Version</dt>
              <dd>{load.info.version}</dd>
              <dt>Data folder</dt>
              <dd data-testid="data-dir">{load.info.dataDir}</dd>
              <dt>Node</dt>
              <dd>{load.info.versions.node}</dd>
            </dl>
          </section>
        )}
        {load.state === 'ready' && (
          <nav className="screen-tabs" aria-label="Screens">
            <button type="button" aria-pressed={screen === 'results'} onClick={() => setScreen('results')}>
              Results
            </button>
            <button type="button" aria-pressed={screen === 'series'} onClick={() => setScreen('series')}>
              Series
            </button>
          </nav>
        )}
        {load.state === 'ready' && screen === 'results' && <ResultsScreen />}
        {load.state === 'ready' && screen === 'series' && <SeriesScreen />}
      </main>
    </div>
  );
}
