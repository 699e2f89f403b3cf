// The top bar's connection picker: which profile uploads go through, whether it is ready,
// sign out (which deletes that profile's keychain entries), and the way to the connections view.
import { useId, useState } from 'react';
import type { ProfileList } from '../../../shared/ipc/channels/profiles';
import { useBridge } from '../bridge';
import './connection.css';

interface Props {
  list: ProfileList;
  onChanged: () => void;
  /** Opens the connections view; null while it (or the first run) is already showing. */
  onManage: (() => void) | null;
}

export function ProfileSwitcher({ list, onChanged, onManage }: Props) {
  const id = useId();
  const bridge = useBridge();
  const [note, setNote] = useState<string | null>(null);
  if (list.profiles.length === 0) {
    return onManage ? <button type="button" className="topbar-button" onClick={onManage}>Connect to RunSignup…</button> : null;
  }
  const current = list.profiles.find((p) => p.name === list.current) ?? null;

  async function select(name: string) {
    const answer = await bridge.profilesSelect({ name });
    setNote(answer.ok ? null : answer.error.message);
    onChanged();
  }

  async function signOut() {
    if (!current || !window.confirm(`Sign out of "${current.name}"? Its keys and sign-in are deleted from the keychain.`)) return;
    const answer = await bridge.profilesSignOut({ name: current.name });
    setNote(answer.ok ? `Signed out of "${current.name}".` : answer.error.message);
    onChanged();
  }

  const state = list.keychainProblem ? 'keychain unavailable' : current?.ready ? 'ready' : 'not signed in';
  const tone = list.keychainProblem ? 'is-bad' : current?.ready ? 'is-good' : 'is-warning';
  return (
    <div className="profile-switcher">
      <label htmlFor={`${id}-profile`}>Connection</label>
      <select id={`${id}-profile`} value={list.current ?? ''} onChange={(e) => void select(e.target.value)}>
        {list.current === null && <option value="">Choose…</option>}
        {list.profiles.map((p) => (
          <option key={p.name} value={p.name}>{p.name}</option>
        ))}
      </select>
      <span className={`state-pill ${tone}`} data-testid="connection-state">{state}</span>
      {onManage && <button type="button" className="topbar-button" onClick={onManage}>{current?.ready ? 'Connections…' : 'Sign in…'}</button>}
      {current && <button type="button" className="topbar-button" onClick={() => void signOut()}>Sign out</button>}
      {note && <span role="status" className="topbar-note">{note}</span>}
    </div>
  );
}
