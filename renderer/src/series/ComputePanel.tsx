// Compute points from the event's results: a points table (presets or a custom list), how ties
// share points, who takes places, and the event's multiplier. One compute = one undo step.
import { useId, useState } from 'react';
import { pointsPresetNames, pointsPresets } from '../../../shared/domain/seriesPoints';
import type { SeriesComputeAnswer, WireSeriesKey } from '../../../shared/ipc/channels/series';
import { useBridge } from '../bridge';

export function ComputePanel({ seriesKey, onComputed, onError }: { seriesKey: WireSeriesKey; onComputed: (answer: SeriesComputeAnswer) => void; onError: (message: string) => void }) {
  const bridge = useBridge();
  const ids = useId();
  const [table, setTable] = useState<string>('hundred-by-ten');
  const [custom, setCustom] = useState('');
  const [multiplier, setMultiplier] = useState('1');
  const [ties, setTies] = useState<'same' | 'average'>('same');
  const [placeAmong, setPlaceAmong] = useState<'series' | 'everyone'>('series');
  const [busy, setBusy] = useState(false);

  const compute = async (event: React.FormEvent) => {
    event.preventDefault();
    const factor = Number(multiplier);
    if (!Number.isFinite(factor) || factor <= 0) return onError(`Multiplier: '${multiplier}' must be a number above 0 (1 for a normal event, 2 for double points).`);
    setBusy(true);
    const answer = await bridge.seriesCompute({ key: seriesKey, table, ...(table === 'custom' ? { customPoints: custom } : {}), multiplier: factor, ties, placeAmong });
    setBusy(false);
    if (answer.ok) onComputed(answer.value);
    else onError(answer.error.message);
  };

  return (
    <form className="panel compute-panel" onSubmit={(e) => void compute(e)} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>Compute points from results</h3>
      <div className="fields">
        <label>
          Points table
          <select value={table} onChange={(e) => setTable(e.target.value)}>
            {pointsPresetNames.map((name) => (
              <option key={name} value={name}>
                {pointsPresets[name].label}
              </option>
            ))}
            <option value="custom">Custom list…</option>
          </select>
        </label>
        {table === 'custom' && (
          <label>
            Custom points (1st, 2nd, 3rd…)
            <input value={custom} onChange={(e) => setCustom(e.target.value)} placeholder="50, 45, 40" />
          </label>
        )}
        <label>
          Multiplier
          <input inputMode="decimal" value={multiplier} onChange={(e) => setMultiplier(e.target.value)} />
        </label>
        <label>
          Ties
          <select value={ties} onChange={(e) => setTies(e.target.value as 'same' | 'average')}>
            <option value="same">Share the better place's points</option>
            <option value="average">Average the places' points</option>
          </select>
        </label>
        <label>
          Places among
          <select value={placeAmong} onChange={(e) => setPlaceAmong(e.target.value as 'series' | 'everyone')}>
            <option value="series">Series runners only</option>
            <option value="everyone">Everyone in the event</option>
          </select>
        </label>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Compute points
      </button>
    </form>
  );
}
