/**
 * A small synchronous zlib inflater (RFC 1950/1951): the sync read path's fallback for loose objects that
 * were compressed by someone else (isomorphic-git writes through CompressionStream or pako, both async
 * for us). Objects this package writes are stored-only and never need it.
 */

class BitReader {
  pos: number;
  private bit = 0;
  constructor(
    private readonly data: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }
  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      if (this.pos >= this.data.length) throw new Error('inflate: unexpected end of data');
      v |= ((this.data[this.pos]! >> this.bit) & 1) << i;
      if (++this.bit === 8) {
        this.bit = 0;
        this.pos++;
      }
    }
    return v;
  }
  align(): void {
    if (this.bit !== 0) {
      this.bit = 0;
      this.pos++;
    }
  }
}

interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1]! + counts[i - 1]!;
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offs[lengths[i]!]!++] = i;
  return { counts, symbols };
}

function decodeSym(r: BitReader, h: Huffman): number {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len < 16; len++) {
    code |= r.bits(1);
    const count = h.counts[len]!;
    if (code - count < first) return h.symbols[index + (code - first)]!;
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  throw new Error('inflate: bad huffman code');
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED_LIT = huffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DIST = huffman(new Array<number>(30).fill(5));

/** Inflates a zlib stream (2-byte header, deflate blocks; the Adler-32 trailer is not checked). */
export function inflateZlib(data: Uint8Array): Uint8Array {
  if (data.length < 2 || (data[0]! & 0x0f) !== 8 || ((data[0]! << 8) | data[1]!) % 31 !== 0) throw new Error('inflate: not a zlib stream');
  const r = new BitReader(data, 2);
  let out = new Uint8Array(Math.max(64, data.length * 4));
  let o = 0;
  const ensure = (n: number): void => {
    if (o + n <= out.length) return;
    const next = new Uint8Array(Math.max(out.length * 2, o + n));
    next.set(out.subarray(0, o));
    out = next;
  };
  for (;;) {
    const final = r.bits(1);
    const type = r.bits(2);
    if (type === 0) {
      r.align();
      const len = data[r.pos]! | (data[r.pos + 1]! << 8);
      r.pos += 4;
      ensure(len);
      out.set(data.subarray(r.pos, r.pos + len), o);
      o += len;
      r.pos += len;
    } else if (type === 1 || type === 2) {
      let lit = FIXED_LIT;
      let dist = FIXED_DIST;
      if (type === 2) {
        const hlit = r.bits(5) + 257;
        const hdist = r.bits(5) + 1;
        const hclen = r.bits(4) + 4;
        const cl = new Array<number>(19).fill(0);
        for (let i = 0; i < hclen; i++) cl[CL_ORDER[i]!] = r.bits(3);
        const clh = huffman(cl);
        const lengths: number[] = [];
        while (lengths.length < hlit + hdist) {
          const sym = decodeSym(r, clh);
          if (sym < 16) lengths.push(sym);
          else if (sym === 16) {
            const prev = lengths[lengths.length - 1] ?? 0;
            for (let n = 3 + r.bits(2); n > 0; n--) lengths.push(prev);
          } else if (sym === 17) for (let n = 3 + r.bits(3); n > 0; n--) lengths.push(0);
          else for (let n = 11 + r.bits(7); n > 0; n--) lengths.push(0);
        }
        lit = huffman(lengths.slice(0, hlit));
        dist = huffman(lengths.slice(hlit));
      }
      for (;;) {
        const sym = decodeSym(r, lit);
        if (sym < 256) {
          ensure(1);
          out[o++] = sym;
        } else if (sym === 256) break;
        else {
          const li = sym - 257;
          const len = LEN_BASE[li]! + r.bits(LEN_EXTRA[li]!);
          const di = decodeSym(r, dist);
          const d = DIST_BASE[di]! + r.bits(DIST_EXTRA[di]!);
          if (d > o) throw new Error('inflate: distance too far back');
          ensure(len);
          for (let k = 0; k < len; k++, o++) out[o] = out[o - d]!;
        }
      }
    } else throw new Error('inflate: invalid block type');
    if (final) break;
  }
  return out.subarray(0, o);
}
