// Series points from an event's finish order: a points table, places with ties, statuses that
// score nothing, and a per-event multiplier. Pure, so the screen's preview, the CLI and the
// tests all compute the same numbers.
import { ceilToPrecision, type ClockPrecision, type ClockTime, defaultClockPrecision } from './clockTime';

/**
 * high: place n scores points[n-1]; places past the list score `beyond` (0 by default, so a
 * finisher still gets a row and counts as having raced).
 * low: place n scores n (1st = 1, the lowest total wins).
 */
export type PointsTable = { kind: 'high'; points: readonly number[]; beyond: number } | { kind: 'low' };

/** How tied finishers share points: each gets the better place's points, or the average of the places they span. */
export type TieRule = 'same' | 'average';

const countDown = (from: number, step: number, to: number): number[] => {
  const points: number[] = [];
  for (let p = from; p >= to; p -= step) points.push(p);
  return points;
};

export const pointsPresets = {
  'hundred-by-ten': { label: '100, 90, 80 ... 10', table: { kind: 'high', points: countDown(100, 10, 10), beyond: 0 } },
  'hundred-by-one': { label: '100, 99, 98 ... 1', table: { kind: 'high', points: countDown(100, 1, 1), beyond: 0 } },
  'age-group': { label: 'Age group 20, 17, 14, 12, 11 ... 1', table: { kind: 'high', points: [20, 17, 14, 12, ...countDown(11, 1, 1)], beyond: 0 } },
  'low-point': { label: 'Low point (1st = 1, lowest total wins)', table: { kind: 'low' } },
} as const satisfies Record<string, { label: string; table: PointsTable }>;

export type PointsPreset = keyof typeof pointsPresets;
export const pointsPresetNames = Object.keys(pointsPresets) as PointsPreset[];

export function isPointsPreset(value: unknown): value is PointsPreset {
  return typeof value === 'string' && Object.hasOwn(pointsPresets, value);
}

/** A custom table typed by the timer: "50, 45, 40" or "50 45 40". */
export function parsePointsList(text: string): { ok: true; table: PointsTable } | { ok: false; error: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'the points list is empty: type the points for 1st, 2nd, 3rd... separated by commas (example 50, 45, 40)' };
  const points: number[] = [];
  for (const [i, part] of parts.entries()) {
    const value = Number(part);
    if (!Number.isFinite(value) || value < 0) return { ok: false, error: `place ${i + 1}: '${part}' is not a number of points of 0 or more` };
    points.push(value);
  }
  for (let i = 1; i < points.length; i++) {
    // A later place scoring more than an earlier one is almost always a typo in the list.
    if (points[i]! > points[i - 1]!) return { ok: false, error: `place ${i + 1} scores ${points[i]}, more than place ${i} (${points[i - 1]}): list the points from 1st place down` };
  }
  return { ok: true, table: { kind: 'high', points, beyond: 0 } };
}

export function checkMultiplier(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return `the multiplier '${value}' must be a number above 0 (1 for a normal event, 2 for double points)`;
  return null;
}

/** Points for a place before any multiplier. */
export function pointsForPlace(table: PointsTable, place: number): number {
  if (table.kind === 'low') return place;
  return table.points[place - 1] ?? table.beyond;
}

/** Series points are kept to hundredths, so 1.1 x 90 is 99, not 99.00000000000001. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

export interface Finisher<T> {
  item: T;
  clock: ClockTime | null;
}

export interface ScoredFinisher<T> {
  item: T;
  /** 1-based; tied finishers share the better place and the next place is skipped (1, 2, 2, 4). */
  position: number;
  seriesPoints: number;
}

export interface UnscoredFinisher<T> {
  item: T;
  reason: string;
}

export interface ScoringOptions {
  table: PointsTable;
  multiplier?: number;
  ties?: TieRule;
  /** Times equal at this precision are a tie, as they would show in the uploaded results. */
  precision?: ClockPrecision;
}

/**
 * Places finishers by time (ties share a place; the input order breaks nothing, it only orders
 * the rows of a tie) and gives each its points. DQ, DNS, DNF, DNQ and rows with no time score
 * nothing: they get no row at all and are listed with the reason.
 */
export function scoreFinishers<T>(finishers: readonly Finisher<T>[], options: ScoringOptions): { scored: ScoredFinisher<T>[]; unscored: UnscoredFinisher<T>[] } {
  const multiplier = options.multiplier ?? 1;
  const problem = checkMultiplier(multiplier);
  if (problem) throw new RangeError(problem);
  const precision = options.precision ?? defaultClockPrecision;
  const ties = options.ties ?? 'same';

  const timed: { item: T; ms: number; order: number }[] = [];
  const unscored: UnscoredFinisher<T>[] = [];
  finishers.forEach((f, order) => {
    if (f.clock === null) unscored.push({ item: f.item, reason: 'no finish time' });
    else if (f.clock.kind === 'status') unscored.push({ item: f.item, reason: `${f.clock.status} scores no points` });
    else timed.push({ item: f.item, ms: ceilToPrecision(f.clock.ms, precision), order });
  });
  timed.sort((a, b) => a.ms - b.ms || a.order - b.order);

  const scored: ScoredFinisher<T>[] = [];
  for (let start = 0; start < timed.length; ) {
    let end = start + 1;
    while (end < timed.length && timed[end]!.ms === timed[start]!.ms) end++;
    const place = start + 1;
    let points = pointsForPlace(options.table, place);
    if (ties === 'average') {
      let sum = 0;
      for (let p = place; p <= end; p++) sum += pointsForPlace(options.table, p);
      points = sum / (end - start);
    }
    for (let i = start; i < end; i++) scored.push({ item: timed[i]!.item, position: place, seriesPoints: roundPoints(points * multiplier) });
    start = end;
  }
  return { scored, unscored };
}
