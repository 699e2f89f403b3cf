// The profile list from the main side, and a way to read it again after a change.
import { useCallback, useEffect, useState } from 'react';
import type { ProfileList } from '../../../shared/ipc/channels/profiles';
import { useBridge } from '../bridge';

export function useProfiles(): { list: ProfileList | null; error: string | null; reload: () => void } {
  const bridge = useBridge();
  const [list, setList] = useState<ProfileList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void bridge.profilesList().then((answer) => {
      if (answer.ok) {
        setList(answer.value);
        setError(null);
      } else setError(answer.error.message);
    });
  }, [bridge]);
  useEffect(reload, [reload]);
  return { list, error, reload };
}
