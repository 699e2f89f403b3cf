// The upload panel beside the grid folds to a thin strip, so the grid can take the width; the
// choice is remembered on this computer (localStorage), as the timer left it.
import { useCallback, useState } from 'react';

const storageKey = 'rsu-timer.results.side-collapsed';

function readCollapsed(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(storageKey) === '1';
  } catch {
    return false;
  }
}

export function useSidePanelCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      try {
        localStorage.setItem(storageKey, was ? '0' : '1');
      } catch {
        // Not remembered, still folded for now.
      }
      return !was;
    });
  }, []);
  return [collapsed, toggle];
}

export function SidePanelToggle({ collapsed, onToggle, controls }: { collapsed: boolean; onToggle: () => void; controls: string }) {
  return (
    <button
      type="button"
      className="side-toggle"
      aria-expanded={!collapsed}
      aria-controls={controls}
      title={collapsed ? 'Show the upload panel' : 'Hide the upload panel to give the grid more room'}
      onClick={onToggle}
    >
      {collapsed ? '‹ Upload' : 'Hide panel ›'}
    </button>
  );
}
