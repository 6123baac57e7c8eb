/**
 * A seeded pseudo-random generator (mulberry32): identical seeds give identical ids, so a test that
 * asserts on an `open_kfid` or a `msgid` stays stable from run to run.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** Hashes a string seed to 32 bits (FNV-1a), so string and number seeds are both accepted. */
function seedOf(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Creates a generator from `seed`. */
export function createRandom(seed: number | string): Random {
  let state = seedOf(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const string = (length: number, alphabet = ID_ALPHABET): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length));
    return out;
  };
  return { next, string, hex: (length) => string(length, HEX) };
}
