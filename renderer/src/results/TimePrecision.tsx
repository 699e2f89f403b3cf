// How precisely the grid shows times (tenths unless the timer picks another), for the whole app
// on this computer. Only the display: the stored text stays as typed, and the upload sends its own.
import { useCallback, useState } from 'react';
import { type ClockPrecision, clockPrecisions, defaultClockPrecision } from '../../../shared/domain/clockTime';

const storageKey = 'rsu-timer.time-precision';

function readPrecision(): ClockPrecision {
  try {
    const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
    return clockPrecisions.find((p) => p === saved) ?? defaultClockPrecision;
  } catch {
    return defaultClockPrecision;
  }
}

export function useTimePrecision(): [ClockPrecision, (precision: ClockPrecision) => void] {
  const [precision, setPrecision] = useState(readPrecision);
  const choose = useCallback((next: ClockPrecision) => {
    setPrecision(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered; shown this way for now.
    }
  }, []);
  return [precision, choose];
}

const names: Record<ClockPrecision, string> = { seconds: 'seconds', tenths: 'tenths', hundredths: 'hundredths', thousandths: 'thousandths' };

export function TimePrecisionPicker({ precision, onChange }: { precision: ClockPrecision; onChange: (precision: ClockPrecision) => void }) {
  return (
    <label className="time-precision" title="How the grid shows times, rounded up; what was typed stays as it is">
      Times to{' '}
      <select value={precision} onChange={(event) => onChange(clockPrecisions.find((p) => p === event.target.value) ?? defaultClockPrecision)}>
        {clockPrecisions.map((p) => (
          <option key={p} value={p}>
            {names[p]}
          </option>
        ))}
      </select>
    </label>
  );
}
