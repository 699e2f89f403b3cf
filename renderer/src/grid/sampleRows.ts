// Made-up finish results for the bench and the tests: deterministic, so two runs measure
// the same rows. About 1 row in 50 has a bib missing from the participant cache.
import type { GridRow, SyncState } from './types';

const firstNames = ['Ann', 'Ben', 'Cleo', 'Dev', 'Eva', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jo'];
const lastNames = ['Okafor', 'Lind', 'Moreau', 'Patel', 'Silva', 'Kowalski', 'Ng', 'Brown'];
const syncStates: readonly SyncState[] = ['confirmed', 'confirmed', 'pending', 'failed'];

const two = (n: number) => String(n).padStart(2, '0');

export function sampleRows(count: number, seed = 1): GridRow[] {
  let state = seed >>> 0 || 1;
  // xorshift32: small, fast and the same in every engine.
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const rows: GridRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const tenths = 9_000 + Math.floor(next() * 60_000) + i; // 15 min to ~2 h 45
    const seconds = Math.floor(tenths / 10);
    const clock = `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${tenths % 10}`;
    const unknownBib = i % 50 === 49;
    const roll = next();
    rows[i] = {
      id: `r${i + 1}`,
      bib_num: String(i + 1),
      registration_id: unknownBib ? null : 500_000 + i,
      name: unknownBib ? '' : `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`,
      clock_time: roll < 0.01 ? 'DNF' : roll < 0.015 ? 'DNS' : clock,
      // Tally left absent on some rows: the upload must leave those unchanged.
      tally_value: i % 3 === 0 ? undefined : Math.floor(next() * 100),
      elevation_gain_in_mm: Math.floor(next() * 200_000),
      syncState: syncStates[i % syncStates.length]!,
      problems: unknownBib
        ? [{ column: 'bib_num', message: `bib ${i + 1} is not in the participant cache`, fix: 'check the bib, or refresh participants from RunSignup' }]
        : [],
    };
  }
  return rows;
}
