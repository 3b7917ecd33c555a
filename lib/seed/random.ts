// A small seeded random source, so demo and benchmark data come out the same every time.

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export type Random = {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  /** A whole number near `mean` (±50%). */
  around(mean: number): number;
};

export function makeRandom(seed: string): Random {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  let state = h >>> 0;
  // mulberry32
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, chance: (p) => next() < p, around: (mean) => (mean <= 0 ? 0 : int(Math.floor(mean / 2), Math.ceil(mean * 1.5))) };
}
