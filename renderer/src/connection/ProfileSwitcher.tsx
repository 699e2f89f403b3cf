// The top bar's connection picker: which profile uploads go through, whether it is ready,
// and sign out (which deletes that profile's keychain entries).
import { useId, useState } from 'react';
import type { ProfileList } from '../../../shared/ipc/channels/profiles';
import { bridge } from '../bridge';
import './connection.css';

export function ProfileSwitcher({ list, onChanged }: { list: ProfileList; onChanged: () => void }) {
  const id = useId();
  const [note, setNote] = useState<string | null>(null);
  if (list.profiles.length === 0) return null;
  const current = list.profiles.find((p) => p.name === list.current) ?? null;

  async function select(name: string) {
    const answer = await bridge?.profilesSelect({ name });
    setNote(answer && !answer.ok ? answer.error.message : null);
    onChanged();
  }

  async function signOut() {
    if (!current || !window.confirm(`Sign out of "${current.name}"? Its keys and sign-in are deleted from the keychain.`)) return;
    const answer = await bridge?.profilesSignOut({ name: current.name });
    setNote(answer && !answer.ok ? answer.error.message : `Signed out of "${current.name}".`);
    onChanged();
  }

  const state = list.keychainProblem ? 'keychain unavailable' : current?.ready ? 'ready' : 'not signed in';
  return (
    <div className="profile-switcher">
      <label htmlFor={`${id}-profile`}>Connection</label>
      <select id={`${id}-profile`} value={list.current ?? ''} onChange={(e) => void select(e.target.value)}>
        {list.current === null && <option value="">Choose…</option>}
        {list.profiles.map((p) => (
          <option key={p.name} value={p.name}>{p.name}</option>
        ))}
      </select>
      <span className="badge" data-testid="connection-state">{state}</span>
      {current && <button type="button" onClick={() => void signOut()}>Sign out</button>}
      {note && <span role="status">{note}</span>}
      {list.keychainProblem && <span role="alert" className="error">{list.keychainProblem}</span>}
    </div>
  );
}
