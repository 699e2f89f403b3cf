import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexBy } from '../../electron/core/import/positionIndex';

/** What the index must answer: the position Map.set would have kept, last item winning. */
function expected<K>(keys: readonly (K | null)[]): Map<K, number> {
  const map = new Map<K, number>();
  keys.forEach((key, position) => {
    if (key !== null) map.set(key, position);
  });
  return map;
}

describe('finding a runner by bib or registration id', () => {
  it('finds every bib where Map would, the later runner winning a shared bib, and nothing else', () => {
    const bib = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: 0, max: 3000 }).map(String), fc.constantFrom('007', '7', '42B', 'ë1'));
    fc.assert(
      fc.property(fc.array(fc.option(bib), { maxLength: 300 }), fc.array(bib, { maxLength: 50 }), (bibs, probes) => {
        const index = indexBy(bibs, (b) => b);
        const map = expected(bibs);
        return [...bibs.filter((b) => b !== null), ...probes].every((b) => index.get(b) === (map.get(b) ?? -1));
      }),
      { numRuns: 500 },
    );
  });

  it('finds registration ids past 2^32 and tells ids apart that differ only in high bits', () => {
    const id = fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 2 ** 21 }).map((n) => n * 2 ** 32 + 5), fc.maxSafeInteger());
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), fc.array(id, { maxLength: 50 }), (ids, probes) => {
        const index = indexBy(ids, (n) => n);
        const map = expected(ids);
        return [...ids, ...probes].every((n) => index.get(n) === (map.get(n) ?? -1));
      }),
      { numRuns: 500 },
    );
  });

  it('holds 100,000 runners in sequence and out of order', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => 500_000 + ((i * 7919) % 100_000));
    const index = indexBy(ids, (n) => n);
    expect(ids.every((n, i) => index.get(n) === i)).toBe(true);
    expect(index.get(499_999)).toBe(-1);
    const bibs = ids.map(String);
    const byBib = indexBy(bibs, (b) => b);
    expect(bibs.every((b, i) => byBib.get(b) === i)).toBe(true);
    expect(byBib.get('600000')).toBe(-1);
  });

  it('reaches every earlier item with the same key through previous(), newest first', () => {
    const bib = fc.constantFrom('1', '2', '007', '42B', null);
    fc.assert(
      fc.property(fc.array(bib, { maxLength: 200 }), (bibs) => {
        const index = indexBy(bibs, (b) => b);
        for (const key of new Set(bibs)) {
          if (key === null) continue;
          const chain: number[] = [];
          for (let at = index.get(key); at >= 0; at = index.previous(at)) chain.push(at);
          const positions = bibs.flatMap((b, i) => (b === key ? [i] : []));
          if (chain.join() !== positions.reverse().join()) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('finds nothing in an empty list', () => {
    expect(indexBy([] as string[], (b) => b).get('1')).toBe(-1);
  });
});
