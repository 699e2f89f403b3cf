import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockTime } from '../../shared/domain/clockTime';
import {
  parsePointsList,
  type PointsTable,
  pointsForPlace,
  pointsPresetNames,
  pointsPresets,
  scoreFinishers,
} from '../../shared/domain/seriesPoints';

const t = (seconds: number): ClockTime => ({ kind: 'time', ms: Math.round(seconds * 1000), fractionDigits: 1 });
const s = (status: 'DQ' | 'DNS' | 'DNF' | 'DNQ'): ClockTime => ({ kind: 'status', status });
const hundredByTen = pointsPresets['hundred-by-ten'].table;
const lowPoint = pointsPresets['low-point'].table;
const score = (clocks: (ClockTime | null)[], options: Parameters<typeof scoreFinishers>[1]) =>
  scoreFinishers(clocks.map((clock, i) => ({ item: `r${i + 1}`, clock })), options);
const brief = (r: ReturnType<typeof score>) => r.scored.map((x) => [x.item, x.position, x.seriesPoints]);

describe('points tables', () => {
  it('100/90/80 counts down to 10 and scores 0 past the tenth place', () => {
    expect([1, 2, 3, 10, 11, 50].map((p) => pointsForPlace(hundredByTen, p))).toEqual([100, 90, 80, 10, 0, 0]);
  });
  it('100/99/98 gives 1 point at 100th and 0 after', () => {
    const table = pointsPresets['hundred-by-one'].table;
    expect([1, 2, 100, 101].map((p) => pointsForPlace(table, p))).toEqual([100, 99, 1, 0]);
  });
  it('the age-group table is 20, 17, 14, 12, 11 ... 1', () => {
    expect(pointsPresets['age-group'].table.points).toEqual([20, 17, 14, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
  it('low-point scoring gives 1st place 1 point', () => {
    expect([1, 2, 37].map((p) => pointsForPlace(lowPoint, p))).toEqual([1, 2, 37]);
  });
  it('reads a custom list typed with commas or spaces', () => {
    expect(parsePointsList('50, 45 40;35')).toEqual({ ok: true, table: { kind: 'high', points: [50, 45, 40, 35], beyond: 0 } });
  });
  it('refuses a custom list that is empty, not numbers, or climbs, naming the place', () => {
    expect(parsePointsList('  ')).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(parsePointsList('50, x')).toMatchObject({ ok: false, error: expect.stringContaining("place 2: 'x'") });
    expect(parsePointsList('50, 60')).toMatchObject({ ok: false, error: expect.stringContaining('place 2 scores 60, more than place 1') });
  });
});

describe('placing finishers', () => {
  it('places by time, not by the order the results came in', () => {
    expect(brief(score([t(300), t(200), t(250)], { table: hundredByTen }))).toEqual([['r2', 1, 100], ['r3', 2, 90], ['r1', 3, 80]]);
  });
  it('ties share the better place and its points, and the next place is skipped', () => {
    expect(brief(score([t(100), t(110), t(110), t(120)], { table: hundredByTen }))).toEqual([['r1', 1, 100], ['r2', 2, 90], ['r3', 2, 90], ['r4', 4, 70]]);
  });
  it('with the average rule, tied finishers split the points of the places they span', () => {
    expect(brief(score([t(100), t(110), t(110), t(120)], { table: hundredByTen, ties: 'average' }))).toEqual([['r1', 1, 100], ['r2', 2, 85], ['r3', 2, 85], ['r4', 4, 70]]);
  });
  it('times equal at the upload precision are a tie (20:00.03 and 20:00.07 both show 20:00.1)', () => {
    expect(brief(score([t(1200.03), t(1200.07)], { table: hundredByTen })).map((r) => r[1])).toEqual([1, 1]);
    expect(brief(score([t(1200.03), t(1200.07)], { table: hundredByTen, precision: 'hundredths' })).map((r) => r[1])).toEqual([1, 2]);
  });
  it('DQ, DNS, DNF, DNQ and a missing time score nothing and take no place', () => {
    const r = score([s('DQ'), t(100), s('DNS'), null, s('DNF'), t(90), s('DNQ')], { table: hundredByTen });
    expect(brief(r)).toEqual([['r6', 1, 100], ['r2', 2, 90]]);
    expect(r.unscored).toEqual([
      { item: 'r1', reason: 'DQ scores no points' },
      { item: 'r3', reason: 'DNS scores no points' },
      { item: 'r4', reason: 'no finish time' },
      { item: 'r5', reason: 'DNF scores no points' },
      { item: 'r7', reason: 'DNQ scores no points' },
    ]);
  });
  it('a multiplier scales points and keeps them to hundredths', () => {
    expect(brief(score([t(1), t(2)], { table: hundredByTen, multiplier: 2 }))).toEqual([['r1', 1, 200], ['r2', 2, 180]]);
    expect(brief(score([t(1), t(2)], { table: hundredByTen, multiplier: 1.1 })).map((r) => r[2])).toEqual([110, 99]);
    expect(brief(score([t(1), t(2), t(2)], { table: hundredByTen, ties: 'average', multiplier: 1 / 3 })).map((r) => r[2])).toEqual([33.33, 28.33, 28.33]);
  });
  it('refuses a multiplier of 0 or less, saying what to enter', () => {
    expect(() => score([t(1)], { table: hundredByTen, multiplier: 0 })).toThrow(/above 0 \(1 for a normal event/);
    expect(() => score([t(1)], { table: hundredByTen, multiplier: Number.NaN })).toThrow(RangeError);
  });
  it('low-point scoring gives places as points, ties sharing the better one', () => {
    expect(brief(score([t(5), t(3), t(3), t(9)], { table: lowPoint }))).toEqual([['r2', 1, 1], ['r3', 1, 1], ['r1', 3, 3], ['r4', 4, 4]]);
  });
});

describe('properties', () => {
  const clocks = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 3_600_000 }).map((ms): ClockTime => ({ kind: 'time', ms, fractionDigits: 3 })) },
      { weight: 1, arbitrary: fc.constantFrom<ClockTime>(s('DQ'), s('DNS'), s('DNF'), s('DNQ')) },
      // Few distinct times, so ties are common.
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((n): ClockTime => ({ kind: 'time', ms: n * 60_000, fractionDigits: 0 })) },
    ),
    { maxLength: 60 },
  );
  const highTables = fc.oneof(
    fc.constantFrom(...pointsPresetNames.map((n) => pointsPresets[n].table).filter((tb) => tb.kind === 'high')),
    fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 }).map((pts): PointsTable => ({ kind: 'high', points: pts.sort((a, b) => b - a), beyond: 0 })),
  );
  const ties = fc.constantFrom<'same' | 'average'>('same', 'average');

  it('for a high-point table, points never increase as the place gets worse', () => {
    fc.assert(
      fc.property(clocks, highTables, ties, fc.constantFrom(0.5, 1, 2), (cs, table, tie, multiplier) => {
        const { scored } = score(cs, { table, ties: tie, multiplier });
        for (let i = 1; i < scored.length; i++) {
          expect(scored[i]!.position).toBeGreaterThanOrEqual(scored[i - 1]!.position);
          expect(scored[i]!.seriesPoints).toBeLessThanOrEqual(scored[i - 1]!.seriesPoints);
        }
      }),
    );
  });

  it('every timed finisher gets exactly one row, every status none; tied finishers get equal places and points', () => {
    fc.assert(
      fc.property(clocks, fc.oneof(highTables, fc.constant(lowPoint)), ties, (cs, table, tie) => {
        const { scored, unscored } = score(cs, { table, ties: tie });
        const timed = cs.filter((c) => c?.kind === 'time').length;
        expect(scored).toHaveLength(timed);
        expect(unscored).toHaveLength(cs.length - timed);
        expect(new Set([...scored.map((x) => x.item), ...unscored.map((x) => x.item)]).size).toBe(cs.length);
        const byItem = new Map(cs.map((c, i) => [`r${i + 1}`, c]));
        for (const a of scored) {
          for (const b of scored) {
            const ca = byItem.get(a.item) as { ms: number };
            const cb = byItem.get(b.item) as { ms: number };
            if (Math.ceil(ca.ms / 100) === Math.ceil(cb.ms / 100)) expect([a.position, a.seriesPoints]).toEqual([b.position, b.seriesPoints]);
          }
        }
        // Competition ranking: a place is 1 + the number of finishers strictly ahead.
        scored.forEach((x) => expect(x.position).toBe(scored.findIndex((y) => y.position === x.position) + 1));
      }),
    );
  });

  it('low-point: points equal the place times the multiplier', () => {
    fc.assert(
      fc.property(clocks, fc.constantFrom(1, 2, 0.5), (cs, multiplier) => {
        for (const x of score(cs, { table: lowPoint, multiplier }).scored) expect(x.seriesPoints).toBe(x.position * multiplier);
      }),
    );
  });
});
