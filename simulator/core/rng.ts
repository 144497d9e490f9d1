/** Seeded pseudo-random numbers (sfc32): the engine's only source of randomness. */
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * The state words in a Float64Array: storing a number outside the small-integer range (most uint32
 * words) into an object field boxed a fresh heap number on every draw. Float64 holds each value exactly
 * as the fields did (`a` is a signed xor result), so the arithmetic and `getState` are unchanged.
 */
const A = 0;
const B = 1;
const C = 2;
const D = 3;

export class Rng {
  private readonly s = new Float64Array(4);

  constructor(seed: number | RngState) {
    if (typeof seed === 'number') {
      // Spread the seed over four words (splitmix32), then warm up so nearby seeds diverge.
      let x = seed >>> 0;
      const next = (): number => {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
      };
      this.setState({ a: next(), b: next(), c: next(), d: next() });
      for (let i = 0; i < 12; i++) this.nextUint32();
    } else {
      this.setState(seed);
    }
  }

  nextUint32(): number {
    const s = this.s;
    const b = s[B]!;
    const c = s[C]!;
    const t = (((s[A]! + b) >>> 0) + s[D]!) >>> 0;
    s[D] = (s[D]! + 1) >>> 0;
    s[A] = b ^ (b >>> 9);
    s[B] = (c + (c << 3)) >>> 0;
    s[C] = ((((c << 21) | (c >>> 11)) >>> 0) + t) >>> 0;
    return t;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Lowercase alphanumeric suffix like the API server's generateName (5 chars from bcdfghjklmnpqrstvwxz2456789). */
  suffix(length = 5): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  /** RFC 4122 version-4 shaped UUID, from this generator (the 32 hex digits of four words, version and variant set). */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = this.nextUint32();
    const w2 = this.nextUint32();
    const w3 = this.nextUint32();
    // Character codes into one reused buffer, one string at the end: uuids are minted on every create.
    const c = UUID_CODES;
    putHex(c, 0, w0, 8);
    c[8] = DASH;
    putHex(c, 9, w1 >>> 16, 4);
    c[13] = DASH;
    c[14] = HEX_CODES[4]!;
    putHex(c, 15, w1 & 0xfff, 3);
    c[18] = DASH;
    c[19] = HEX_CODES[((w2 >>> 28) & 3) | 8]!;
    putHex(c, 20, (w2 >>> 16) & 0xfff, 3);
    c[23] = DASH;
    putHex(c, 24, w2 & 0xffff, 4);
    putHex(c, 28, w3, 8);
    return String.fromCharCode.apply(null, c);
  }

  getState(): RngState {
    const s = this.s;
    return { a: s[A]!, b: s[B]!, c: s[C]!, d: s[D]! };
  }

  setState(state: RngState): void {
    const s = this.s;
    s[A] = state.a;
    s[B] = state.b;
    s[C] = state.c;
    s[D] = state.d;
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const DASH = 45;
const UUID_CODES: number[] = new Array<number>(36).fill(0);

/** Write the low `digits` hex digits of `w` into `out` at `at`, most significant first. */
function putHex(out: number[], at: number, w: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    out[at + i] = HEX_CODES[w & 15]!;
    w >>>= 4;
  }
}
