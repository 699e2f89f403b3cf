// The connections view, opened from the top bar after the first run: sign the current profile
// in again and check it, change its settings (secrets are typed again only to replace them),
// or add a profile under a new name.
import type { ProfileList } from '../../../shared/ipc/channels/profiles';
import { draftOf, nextStepOf } from './connectionForm';
import { ConnectionSetup } from './ConnectionSetup';
import { SignInStep } from './SignInStep';
import './connection.css';

interface Props {
  list: ProfileList;
  onChanged: () => void;
  onDone: () => void;
}

export function ConnectionsScreen({ list, onChanged, onDone }: Props) {
  const current = list.profiles.find((p) => p.name === list.current) ?? null;
  return (
    <section className="connections card" aria-labelledby="connections-heading">
      <div className="card-head">
        <h2 id="connections-heading">Connections</h2>
        <button type="button" onClick={onDone}>Back to Results</button>
      </div>
      {list.keychainProblem && <p role="alert" className="error">{list.keychainProblem}</p>}
      {/* The two children get keys of their own: siblings sharing a key (the profile name) made
          React keep stale sign-in sections each time the profile in use changed. */}
      {current && (
        <SignInStep key={`sign-in:${current.name}`} profile={current} firstStep={nextStepOf(current)} onChanged={onChanged} onConnected={onDone} heading={`Sign in and check "${current.name}"`} />
      )}
      <ConnectionSetup
        key={`setup:${current?.name ?? ''}`}
        heading={current ? `Change "${current.name}", or add a connection under a new name` : 'Add a connection'}
        initial={current ? draftOf(current) : undefined}
        onChanged={onChanged}
        onConnected={onDone}
      />
    </section>
  );
}
