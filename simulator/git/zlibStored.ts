/**
 * A zlib stream with "stored" (uncompressed) deflate blocks, RFC 1950/1951. Loose git objects are zlib
 * streams of any compression level, so this is a valid object file that real git reads; we use it
 * because it is fast (no compressor per object) and byte-identical in Node and in a browser, where
 * isomorphic-git would otherwise pick CompressionStream or pako depending on the runtime.
 */
const MAX_BLOCK = 0xffff;

export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_BLOCK));
  const out = new Uint8Array(2 + data.length + blocks * 5 + 4);
  out[0] = 0x78; // CM = deflate, 32 KiB window
  out[1] = 0x01; // FCHECK so that (CMF * 256 + FLG) % 31 == 0, no dictionary, fastest level
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * MAX_BLOCK;
    const len = Math.min(MAX_BLOCK, data.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE = 00 (stored)
    out[o++] = len & 0xff;
    out[o++] = len >>> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(data.subarray(start, start + len), o);
    o += len;
  }
  const adler = adler32(data);
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o++] = adler & 0xff;
  return out;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 is the largest run before the sums can overflow 2^32 (zlib's NMAX).
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The payload of a stored-only zlib stream, or undefined when it uses compressed blocks. */
export function unzlibStored(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 11 || bytes[0] !== 0x78) return undefined;
  const parts: Uint8Array[] = [];
  let total = 0;
  let o = 2;
  for (;;) {
    if (o + 5 > bytes.length) return undefined;
    const head = bytes[o];
    if ((head & 0x06) !== 0) return undefined; // BTYPE is not 00: a compressed block
    const len = bytes[o + 1] | (bytes[o + 2] << 8);
    o += 5;
    if (o + len > bytes.length) return undefined;
    parts.push(bytes.subarray(o, o + len));
    total += len;
    o += len;
    if (head & 1) break;
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let w = 0;
  for (const p of parts) out.set(p, w), (w += p.length);
  return out;
}
