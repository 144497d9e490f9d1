/** git's pkt-line framing: a 4-hex-digit length (itself included) before each line; "0000" flushes. */

export const FLUSH = Buffer.from('0000');

export function pktLine(data: string | Uint8Array): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
}

/** The lines of a request body; `null` for a flush packet. Stops at a malformed length. */
export function parsePktLines(buf: Buffer): (string | null)[] {
  const lines: (string | null)[] = [];
  let at = 0;
  while (at + 4 <= buf.length) {
    const len = parseInt(buf.subarray(at, at + 4).toString('ascii'), 16);
    if (!Number.isFinite(len)) break;
    if (len === 0) {
      lines.push(null);
      at += 4;
      continue;
    }
    if (len < 4 || at + len > buf.length) break;
    lines.push(buf.subarray(at + 4, at + len).toString('utf8'));
    at += len;
  }
  return lines;
}

/** Largest side-band-64k payload: 65520 per packet, less the length and the band byte. */
const SIDEBAND_MAX = 65515;

/** `data` on side-band channel 1 (pack data), split into packets. */
export function sideband(data: Uint8Array, band = 1): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += SIDEBAND_MAX) {
    parts.push(pktLine(Buffer.concat([Buffer.from([band]), Buffer.from(data.subarray(at, at + SIDEBAND_MAX))])));
  }
  return Buffer.concat(parts);
}
