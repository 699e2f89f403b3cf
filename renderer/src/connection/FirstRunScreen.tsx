// Shown instead of the screens while no connection profile exists: the steps to a working
// RunSignup connection, ending on the Results screen. "Later" puts it away for this session;
// editing and importing work offline anyway.
import { ConnectionSetup } from './ConnectionSetup';
import './connection.css';

interface Props {
  onChanged: () => void;
  onClose: () => void;
  hasProfile: boolean;
  keychainProblem: string | null;
}

export function FirstRunScreen({ onChanged, onClose, hasProfile, keychainProblem }: Props) {
  return (
    <section className="first-run card" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">Connect to RunSignup</h2>
      <p className="lead">
        Set this up once. Keys, secrets and sign-in tokens go into this computer's keychain, never into a file, and RSU Timer never shows them again.
      </p>
      {keychainProblem && <p role="alert" className="error">{keychainProblem}</p>}
      <ConnectionSetup onChanged={onChanged} onConnected={onClose} />
      <p className="first-run-later">
        <button type="button" className="link-button" onClick={onClose}>{hasProfile ? 'Done: close these steps' : 'Set up later and work offline'}</button>
      </p>
    </section>
  );
}
