// Walks a timer from nothing to a working RunSignup connection: where, how to sign in, save
// (secrets go to the keychain and are never shown again), sign in or log in, then check on a race.
import { type FormEvent, useId, useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import { useBridge } from '../bridge';
import { authModeChoices, type ConnectionDraft, emptyDraft, environmentChoices, keyFieldsOf, nextStepOf, saveRequestOf } from './connectionForm';
import { SignInStep } from './SignInStep';

interface Props {
  onChanged: () => void;
  /** Once a check passed: on to the Results screen. */
  onConnected?: (() => void) | undefined;
  /** The form's heading; the first run numbers its steps. */
  heading?: string | undefined;
  /** Settings to start from (the connections view: the current profile); empty otherwise. */
  initial?: ConnectionDraft | undefined;
}

export function ConnectionSetup({ onChanged, onConnected, heading = '1. Where and how to connect', initial }: Props) {
  const id = useId();
  const bridge = useBridge();
  const [draft, setDraft] = useState<ConnectionDraft>(initial ?? emptyDraft);
  const [saved, setSaved] = useState<ProfileView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fields = keyFieldsOf(draft.authMode);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const answer = await bridge.profilesSave(saveRequestOf(draft));
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error.message);
    // The typed secrets are in the keychain now; drop them from the page.
    setDraft((d) => ({ ...d, secret: '', callerRegistrationSecret: '' }));
    setSaved(answer.value);
    onChanged();
  }

  return (
    <div className="connection-setup">
      <form onSubmit={(e) => void save(e)} aria-labelledby={`${id}-form`}>
        <h3 id={`${id}-form`}>{heading}</h3>
        <label htmlFor={`${id}-name`}>Profile name</label>
        <input id={`${id}-name`} value={draft.name} onChange={(e) => set('name', e.target.value)} required maxLength={100} />

        <fieldset>
          <legend>RunSignup site</legend>
          {environmentChoices.map((choice) => (
            <label key={choice.value} className="choice">
              <input type="radio" name={`${id}-env`} value={choice.value} checked={draft.environment === choice.value} onChange={() => set('environment', choice.value)} />
              {choice.label} <span className="hint">({choice.hint})</span>
            </label>
          ))}
          {draft.environment === 'custom' && (
            <>
              <label htmlFor={`${id}-url`}>Server address</label>
              <input id={`${id}-url`} type="url" value={draft.baseUrl} placeholder="http://127.0.0.1:8787" onChange={(e) => set('baseUrl', e.target.value)} required />
            </>
          )}
        </fieldset>

        <label htmlFor={`${id}-mode`}>Sign-in method</label>
        <select id={`${id}-mode`} value={draft.authMode} onChange={(e) => set('authMode', e.target.value as ConnectionDraft['authMode'])} aria-describedby={`${id}-mode-who`}>
          {authModeChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>{choice.label}</option>
          ))}
        </select>
        <ul id={`${id}-mode-who`} className="hint method-list">
          {authModeChoices.map((choice) => (
            <li key={choice.value} className={choice.value === draft.authMode ? 'is-chosen' : undefined}>
              <strong>{choice.label}:</strong> {choice.who}
            </li>
          ))}
        </ul>

        {/* OAuth: the timer only signs in; RSU Timer brings its own client id. Another app's is for advanced setups. */}
        {fields && draft.authMode === 'oauth' && (
          <details>
            <summary>Use your own OAuth app instead (advanced, optional)</summary>
            <label htmlFor={`${id}-key`}>{fields.keyLabel}</label>
            <input id={`${id}-key`} value={draft.key} onChange={(e) => set('key', e.target.value)} autoComplete="off" spellCheck={false} placeholder="RSU Timer's own" />
            <label htmlFor={`${id}-secret`}>{fields.secretLabel}</label>
            <input id={`${id}-secret`} type="password" value={draft.secret} onChange={(e) => set('secret', e.target.value)} autoComplete="new-password" />
          </details>
        )}

        {fields && draft.authMode !== 'oauth' && (
          <>
            <label htmlFor={`${id}-key`}>{fields.keyLabel}</label>
            <input id={`${id}-key`} value={draft.key} onChange={(e) => set('key', e.target.value)} autoComplete="off" spellCheck={false} />
            <label htmlFor={`${id}-secret`}>{fields.secretLabel}</label>
            <input
              id={`${id}-secret`} type="password" value={draft.secret} onChange={(e) => set('secret', e.target.value)} autoComplete="new-password"
              aria-describedby={`${id}-secret-hint`}
            />
            <p id={`${id}-secret-hint`} className="hint">Kept in this computer's keychain only. Leave empty to keep the one saved before.</p>
          </>
        )}

        <details>
          <summary>Caller registration (optional)</summary>
          <label htmlFor={`${id}-reg`}>Registration key (rsu_api_reg)</label>
          <input id={`${id}-reg`} value={draft.callerRegistrationKey} onChange={(e) => set('callerRegistrationKey', e.target.value)} autoComplete="off" />
          <label htmlFor={`${id}-reg-secret`}>Registration secret</label>
          <input id={`${id}-reg-secret`} type="password" value={draft.callerRegistrationSecret} onChange={(e) => set('callerRegistrationSecret', e.target.value)} autoComplete="new-password" />
        </details>

        <button type="submit" className="primary" disabled={busy}>Save connection</button>
        {problem && <p role="alert" className="error">{problem}</p>}
        {saved && !problem && <p role="status">Saved "{saved.name}". Its secrets are in the keychain.</p>}
      </form>

      {saved && <SignInStep profile={saved} firstStep={nextStepOf(saved)} onConnected={onConnected} onChanged={(p) => { setSaved(p); onChanged(); }} />}
    </div>
  );
}
