// Which scoring set to work on: series, year, race and event, scoring type. Each is picked from
// the lookups cached while online, or typed in by id when nothing is cached. "Refresh from
// RunSignup" fills the cache in the main process (progress pushed); the set last opened is
// remembered and opened again next time.
import { useCallback, useEffect, useState } from 'react';
import type { WireSeriesKey } from '../../../shared/ipc/channels/series';
import type { WireCachedSeries } from '../../../shared/ipc/channels/seriesLookups';
import { jobKey } from '../../../shared/ipc/events';
import { useBridge, useJob } from '../bridge';
import { type IdChoice, IdPicker } from './IdPicker';

type Draft = Record<keyof WireSeriesKey, string>;
const empty: Draft = { raceSeriesId: '', raceSeriesYearId: '', raceId: '', eventId: '', scoringTypeId: '' };
const names: Record<keyof WireSeriesKey, string> = { raceSeriesId: 'Series id', raceSeriesYearId: 'Series year id', raceId: 'Race id', eventId: 'Event id', scoringTypeId: 'Scoring type id' };
const steps: Record<string, string> = { series: 'Reading the series…', years: 'Reading its years…', 'scoring types': 'Reading scoring types…', participants: 'Looking up series participants…' };

const text = (id: number | null) => (id === null ? '' : String(id));
const newestYear = (series: WireCachedSeries | undefined) => text(series?.years[0]?.raceSeriesYearId ?? null);

/** The five ids, or the first field that is not a positive whole number. */
function keyOf(draft: Draft): WireSeriesKey | keyof WireSeriesKey {
  const key = {} as WireSeriesKey;
  for (const field of Object.keys(empty) as (keyof WireSeriesKey)[]) {
    const value = Number(draft[field]);
    if (draft[field] === '' || !Number.isSafeInteger(value) || value <= 0) return field;
    key[field] = value;
  }
  return key;
}

export function ScoringSetPicker({ onOpen, onNotice, onRefreshed }: { onOpen: (key: WireSeriesKey) => void; onNotice: (text: string) => void; onRefreshed: () => void }) {
  const [lookups, setLookups] = useState<WireCachedSeries[]>([]);
  const [draft, setDraft] = useState<Draft>(empty);
  const bridge = useBridge();

  const loadLookups = useCallback(async () => {
    const answer = await bridge.seriesLookups();
    if (answer.ok) setLookups(answer.value.series);
    return answer.ok ? answer.value.series : [];
  }, [bridge]);

  const refreshed = async (seriesId: number) => {
    const fresh = await loadLookups();
    // A refresh with no year chosen looked up the newest one: pick it.
    setDraft((d) => (d.raceSeriesYearId === '' ? { ...d, raceSeriesYearId: newestYear(fresh.find((s) => s.raceSeriesId === seriesId)) } : d));
    onRefreshed();
  };
  // The series whose refresh this picker started; the main process pushes its progress and end.
  const [refreshing, setRefreshing] = useState<number | null>(null);
  const { value: refresh, ask } = useJob('seriesRefresh', jobKey.seriesRefresh(refreshing ?? 0), (pushed) => {
    if (pushed.state === 'finished') void refreshed(pushed.raceSeriesId);
  });

  // Whether the cache and the set last opened were read: the hint for an empty cache waits for it.
  const [loaded, setLoaded] = useState(false);
  // The cache and the set last opened; a whole set opens at once, as results open at the last place.
  // With no set opened yet but one series cached, that series and its newest year are filled in.
  useEffect(() => {
    void (async () => {
      const cached = await loadLookups();
      const last = await bridge.seriesLastSet({});
      setLoaded(true);
      if (!last.ok) return;
      if (last.value.raceSeriesId === null && cached.length === 1) {
        const only = cached[0]!;
        setDraft((d) => (d === empty ? { ...empty, raceSeriesId: text(only.raceSeriesId), raceSeriesYearId: newestYear(only) } : d));
        return;
      }
      const restored: Draft = { raceSeriesId: text(last.value.raceSeriesId), raceSeriesYearId: text(last.value.raceSeriesYearId), raceId: text(last.value.raceId), eventId: text(last.value.eventId), scoringTypeId: text(last.value.scoringTypeId) };
      // What the timer typed meanwhile stays: the restore only fills an untouched form.
      setDraft((d) => (d === empty ? restored : d));
      const key = keyOf(restored);
      if (typeof key === 'object') onOpen(key);
    })();
  }, [bridge, loadLookups, onOpen]);

  const series = lookups.find((s) => text(s.raceSeriesId) === draft.raceSeriesId);
  const year = series?.years.find((y) => text(y.raceSeriesYearId) === draft.raceSeriesYearId);
  const choices = {
    series: lookups.map((s): IdChoice => ({ value: text(s.raceSeriesId), text: `${s.name || 'Series'} (${s.raceSeriesId})` })),
    years: (series?.years ?? []).map((y): IdChoice => ({ value: text(y.raceSeriesYearId), text: `${y.year ?? 'Year'} (${y.raceSeriesYearId})` })),
    events: (year?.events ?? []).map((e): IdChoice => ({ value: `${e.raceId}:${e.eventId}`, text: `${e.raceName} – ${e.eventName} (${e.eventId})` })),
    types: (series?.scoringTypes ?? []).map((t): IdChoice => ({ value: text(t.scoringTypeId), text: `${t.name} (${t.scoringTypeId})` })),
  };

  const chooseSeries = ([raceSeriesId = '']: string[]) =>
    setDraft({ ...empty, raceSeriesId, raceSeriesYearId: newestYear(lookups.find((s) => text(s.raceSeriesId) === raceSeriesId)) });

  const startRefresh = async () => {
    const seriesId = Number(draft.raceSeriesId);
    if (!Number.isSafeInteger(seriesId) || seriesId <= 0) return onNotice('Series id: type the series id (a positive whole number from the series’ RunSignup address) to refresh it from RunSignup.');
    const yearId = Number(draft.raceSeriesYearId);
    setRefreshing(seriesId);
    const answer = await ask(() => bridge.seriesRefreshLookups({ raceSeriesId: seriesId, ...(Number.isSafeInteger(yearId) && yearId > 0 ? { raceSeriesYearId: yearId } : {}) }));
    if (!answer.ok) return onNotice(answer.error.message);
  };

  const open = (event: React.FormEvent) => {
    event.preventDefault();
    const key = keyOf(draft);
    if (typeof key !== 'object') return onNotice(`${names[key]}: pick it from the list, or type the id as a positive whole number (RunSignup shows it in the series’ address).`);
    void bridge.seriesLastSet({ set: key });
    onOpen(key);
  };

  const running = refresh?.state === 'running';
  return (
    <form className="series-key" onSubmit={open} aria-label="Scoring set">
      <IdPicker label="Series" idLabels={[names.raceSeriesId]} choices={choices.series} values={[draft.raceSeriesId]} onChange={chooseSeries} />
      <IdPicker label="Series year" idLabels={[names.raceSeriesYearId]} choices={choices.years} values={[draft.raceSeriesYearId]} onChange={([raceSeriesYearId = '']) => setDraft({ ...draft, raceSeriesYearId, raceId: '', eventId: '' })} />
      <IdPicker label="Race and event" idLabels={[names.raceId, names.eventId]} choices={choices.events} values={[draft.raceId, draft.eventId]} onChange={([raceId = '', eventId = '']) => setDraft({ ...draft, raceId, eventId })} />
      <IdPicker label="Scoring type" idLabels={[names.scoringTypeId]} choices={choices.types} values={[draft.scoringTypeId]} onChange={([scoringTypeId = '']) => setDraft({ ...draft, scoringTypeId })} />
      <div className="series-key-actions">
        <button type="submit" className="primary">
          Open scoring set
        </button>
        <button type="button" disabled={running} onClick={() => void startRefresh()}>
          {running ? 'Refreshing…' : 'Refresh from RunSignup'}
        </button>
      </div>
      {loaded && lookups.length === 0 && Object.values(draft).every((v) => v === '') && (
        <p className="series-lookup-note" data-testid="series-picker-hint">
          No series saved on this laptop yet: type the series id (from the series’ RunSignup address) and choose “Refresh from RunSignup” while online; the year, events and scoring types then come from lists.
        </p>
      )}
      {running && refresh && (
        <div className="progress">
          <progress max={Math.max(1, refresh.total)} value={refresh.done} aria-label="Refresh progress" />
          <span>
            {refresh.step ? steps[refresh.step] : ''} {refresh.step === 'participants' ? `${refresh.done} of ${refresh.total}` : ''}
          </span>
        </div>
      )}
      {refresh?.state === 'finished' && (
        <p role="status" data-testid="series-refresh-status" className={refresh.outcome === 'failed' ? 'error' : undefined}>
          {refresh.message}
        </p>
      )}
      {series && year && year.lookedUpAt && (
        <p className="series-lookup-note">
          RunSignup lookup for {year.year ?? year.raceSeriesYearId}: {year.inSeries} of {year.lookedUp} registrations are series participants
          {year.needChoice ? `, ${year.needChoice} need a choice (Runners to check)` : ''} (refreshed {new Date(year.lookedUpAt).toLocaleString()}).
        </p>
      )}
    </form>
  );
}
