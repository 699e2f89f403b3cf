// Results | Series as a tab list (WAI-ARIA tabs pattern): one tab in the Tab order, the arrow
// keys, Home and End move between tabs and open them at once (the screens load instantly).
import { type KeyboardEvent, useRef } from 'react';

export type Screen = 'results' | 'series';

const screens: { id: Screen; label: string }[] = [
  { id: 'results', label: 'Results' },
  { id: 'series', label: 'Series' },
];

export const tabIdOf = (screen: Screen) => `screen-tab-${screen}`;
export const screenPanelId = 'screen-panel';

/** `selected` is null while another view (connections) fills the main area. */
export function ScreenTabs({ selected, onSelect }: { selected: Screen | null; onSelect: (screen: Screen) => void }) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusable = selected ?? 'results';

  function onKeyDown(event: KeyboardEvent, index: number) {
    const last = screens.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onSelect(screens[next]!.id);
    tabs.current[next]?.focus();
  }

  return (
    <div role="tablist" aria-label="Screens" className="screen-tabs">
      {screens.map((screen, index) => (
        <button
          key={screen.id}
          ref={(element) => {
            tabs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={tabIdOf(screen.id)}
          aria-selected={selected === screen.id}
          aria-controls={selected === screen.id ? screenPanelId : undefined}
          tabIndex={focusable === screen.id ? 0 : -1}
          onClick={() => onSelect(screen.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {screen.label}
        </button>
      ))}
    </div>
  );
}
