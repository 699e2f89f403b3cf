// After saving: sign in (OAuth in the browser) or log in (email and password, never kept),
// then "Check connection" on a race, with the answer in plain words.
import { type FormEvent, useId, useState } from 'react';
import type { ConnectionCheck, ProfileView } from '../../../shared/ipc/channels/profiles';
import { useAppEvents, useBridge } from '../bridge';

interface Props {
  profile: ProfileView;
  firstStep: 'sign_in' | 'log_in' | 'check';
  onChanged: (profile: ProfileView) => void;
  /** Where the timer goes once the check passed (the Results screen); no button without it. */
  onConnected?: (() => void) | undefined;
  /** The step's heading; numbered for the first run by default. */
  heading?: string | undefined;
}

export function SignInStep({ profile, firstStep, onChanged, onConnected, heading }: Props) {
  const id = useId();
  const bridge = useBridge();
  const [signInNote, setSignInNote] = useState<{ text: string; failed: boolean } | null>(null);
  const [authorizeUrl, setAuthorizeUrl] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [raceId, setRaceId] = useState('');
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [busy, setBusy] = useState(false);
  // A browser sign-in started here and not finished: the main process says when it ends.
  const [waiting, setWaiting] = useState(false);

  const refreshProfile = async () => {
    const list = await bridge.profilesList();
    const fresh = list.ok ? list.value.profiles.find((p) => p.name === profile.name) : undefined;
    if (fresh) onChanged(fresh);
  };

  useAppEvents((event) => {
    if (!waiting || event.type !== 'signIn' || event.name !== profile.name) return;
    if (event.progress.state === 'signed_in') {
      setWaiting(false);
      setSignInNote({ text: 'Signed in to RunSignup. The tokens are in the keychain.', failed: false });
      void refreshProfile();
    } else if (event.progress.state === 'failed') {
      setWaiting(false);
      setSignInNote({ text: event.progress.message, failed: true });
    }
  });

  async function signIn() {
    setSignInNote(null);
    const started = await bridge.profilesSignInOAuth({ name: profile.name });
    if (!started.ok) return setSignInNote({ text: started.error.message, failed: true });
    setAuthorizeUrl(started.value.authorizeUrl);
    // Browser mode: the server cannot open a browser, so this page opens RunSignup's sign-in page.
    if (!started.value.browserOpened) window.open(started.value.authorizeUrl, '_blank', 'noopener');
    setSignInNote({ text: 'Finish signing in on the RunSignup page that opened, then come back here.', failed: false });
    setWaiting(true);
  }

  async function logIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const answer = await bridge.profilesLoginTemporary({ name: profile.name, email, password });
    setBusy(false);
    setPassword(''); // never kept, not even on the page
    if (!answer.ok) return setSignInNote({ text: answer.error.message, failed: true });
    setSignInNote({ text: 'Logged in to RunSignup. RSU Timer kept neither the email nor the password.', failed: false });
    onChanged(answer.value);
  }

  async function runCheck(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const n = Number(raceId);
    const answer = await bridge.profilesCheck({ name: profile.name, ...(Number.isSafeInteger(n) && n > 0 ? { raceId: n } : {}) });
    setBusy(false);
    setCheck(answer.ok ? answer.value : { ok: false, profile: profile.name, message: answer.error.message, fix: 'other', race: null });
  }

  const needsSignIn = profile.authMode === 'oauth' && (!profile.configured?.oauthTokens || check?.fix === 'sign_in_again');
  const needsLogIn = profile.authMode === 'tmp_key' && (!profile.configured?.temporaryKey || check?.fix === 'log_in_again');

  return (
    <section aria-labelledby={`${id}-steps`} className="connection-steps">
      <h3 id={`${id}-steps`}>{heading ?? `2. ${firstStep === 'check' && !needsSignIn && !needsLogIn ? 'Check the connection' : 'Sign in, then check'}`}</h3>
      {needsSignIn && (
        <p>
          <button type="button" onClick={() => void signIn()}>Sign in to RunSignup</button>
          {authorizeUrl && (
            <> {' '}<a href={authorizeUrl} target="_blank" rel="noopener noreferrer">Open the sign-in page again</a></>
          )}
        </p>
      )}
      {needsLogIn && (
        <form onSubmit={(e) => void logIn(e)} aria-label="Log in to RunSignup">
          <label htmlFor={`${id}-email`}>RunSignup email</label>
          <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" required />
          <label htmlFor={`${id}-password`}>RunSignup password</label>
          <input id={`${id}-password`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" required />
          <button type="submit" disabled={busy}>Log in to RunSignup</button>
        </form>
      )}
      {signInNote && <p role={signInNote.failed ? 'alert' : 'status'} className={signInNote.failed ? 'error' : undefined}>{signInNote.text}</p>}

      <form onSubmit={(e) => void runCheck(e)} aria-label="Check connection">
        <label htmlFor={`${id}-race`}>Race number to check with</label>
        <input id={`${id}-race`} inputMode="numeric" pattern="[0-9]*" value={raceId} onChange={(e) => setRaceId(e.target.value)} aria-describedby={`${id}-race-hint`} />
        <p id={`${id}-race-hint`} className="hint">The number in the race's RunSignup address.</p>
        <button type="submit" disabled={busy}>Check connection</button>
      </form>
      {check && (
        <p role={check.ok ? 'status' : 'alert'} className={check.ok ? 'success' : 'error'} data-testid="connection-check">
          {check.message}
        </p>
      )}
      {check?.ok && onConnected && (
        <p>
          <button type="button" className="primary" onClick={onConnected}>Continue to Results</button>
        </p>
      )}
    </section>
  );
}
