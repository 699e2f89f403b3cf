// "About": this installation's facts (what a timer reads out when reporting a problem) in a
// modal dialog. The native <dialog> keeps focus inside and closes on Esc; focus then goes back
// to the button that opened it.
import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';

export function AboutDialog({ info }: { info: AppInfo }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <>
      <button ref={opener} type="button" className="topbar-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        About
      </button>
      <dialog
        ref={dialog}
        className="about-dialog"
        aria-labelledby="about-heading"
        onClose={() => {
          setOpen(false);
          opener.current?.focus();
        }}
      >
        <h2 id="about-heading">This installation</h2>
        <dl className="facts" data-testid="app-info">
          <dt>Product</dt>
          <dd>{info.name}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Running as</dt>
          <dd>{info.mode === 'browser' ? 'Browser mode (development and demo)' : 'Desktop app'}</dd>
          <dt>Data folder</dt>
          <dd data-testid="data-dir">{info.dataDir}</dd>
          <dt>Node</dt>
          <dd>{info.versions.node}</dd>
          {info.versions.electron && (
            <>
              <dt>Electron</dt>
              <dd>{info.versions.electron}</dd>
            </>
          )}
        </dl>
        <p className="hint">Your results and series scores are in the data folder; keys and sign-ins are in this computer's keychain.</p>
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={() => dialog.current?.close()}>Close</button>
        </div>
      </dialog>
    </>
  );
}
