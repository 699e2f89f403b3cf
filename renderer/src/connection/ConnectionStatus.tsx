// The one connection state, in words: the header shows the headline, the upload panel the
// headline with why and what next. The seconds of a wait tick here, on the page's own clock
// (nothing is asked of the main process).
import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../../shared/ipc/channels/connection';
import { connectionWords } from './connectionWords';

export function ConnectionStatus({ connection, compact = false }: { connection: ConnectionState | null; compact?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  const waiting = Boolean(connection?.waitingSince);
  // A display clock, one tick at a time while a wait is shown; it asks the main process nothing.
  useEffect(() => {
    if (!waiting) return;
    const tick = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(tick);
  }, [waiting, now]);
  const words = connectionWords(connection, now);
  const tone = words.tone === 'ok' ? 'is-online' : words.tone === 'problem' ? 'is-offline' : 'is-busy';
  if (compact) {
    return (
      <span className={`online compact ${tone}`} data-testid="header-connection" title={words.detail ?? connection?.message}>
        {words.headline}
      </span>
    );
  }
  return (
    <div className="connection-status">
      <p className={`online ${tone}`} role="status" data-testid="online-status" title={connection?.message}>
        {words.headline}
      </p>
      {words.detail && (
        <p className={`connection-detail${words.tone === 'problem' ? ' error' : ''}`} data-testid="connection-detail">
          {words.detail}
        </p>
      )}
    </div>
  );
}
