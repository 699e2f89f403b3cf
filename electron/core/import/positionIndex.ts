// Finding a runner among 100,000 by bib or registration id. A Map with that many keys cost more
// to build than the whole check it served (import.bench), so the keys go into an open-addressing
// table of positions in the list instead: two typed arrays, no object per key. As with Map.set,
// a later item with the same key wins; the items before it with that key stay reachable, newest
// first, through previous() (a third typed array), for files and events where a key repeats.

export interface PositionIndex<K> {
  /** Where the last item with this key is in the list; -1 when none has it. */
  get(key: K): number;
  /** The item before `position` with the same key, -1 when none: get(key), then previous() back to the first. */
  previous(position: number): number;
}

// FNV-1a over the UTF-16 code units.
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

// Registration ids may pass 2^32, so the high half counts too; the final shift brings high
// bits down to the low ones the table uses.
function hashNumber(n: number): number {
  const hash = Math.imul((n >>> 0) ^ Math.imul((n / 0x1_0000_0000) >>> 0, 0x85ebca6b), 0x9e3779b1);
  return hash ^ (hash >>> 15);
}

const hashOf = (key: string | number): number => (typeof key === 'string' ? hashText(key) : hashNumber(key));

/** Indexes items by keyOf(item); items whose key is null are left out. */
export function indexBy<T, K extends string | number>(items: readonly T[], keyOf: (item: T) => K | null): PositionIndex<K> {
  let size = 16;
  while (size < items.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const keys: (K | null)[] = new Array<K | null>(items.length);
  const before = new Int32Array(items.length).fill(-1);
  for (let position = 0; position < items.length; position++) {
    const key = keyOf(items[position]!);
    keys[position] = key;
    if (key === null) continue;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held < 0 || keys[held] === key) {
        if (held >= 0) before[position] = held;
        slots[slot] = position;
        break;
      }
    }
  }
  return {
    get(key) {
      for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
        const held = slots[slot]!;
        if (held < 0) return -1;
        if (keys[held] === key) return held;
      }
    },
    previous: (position) => before[position] ?? -1,
  };
}
