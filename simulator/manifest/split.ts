/**
 * Split a YAML stream at its `---` lines so each document parses on its own: a syntax error in one
 * document does not hide the others (a document marker at column 0 always ends a document in YAML,
 * even inside block or quoted scalars, so this split is exact).
 */

export interface Segment {
  text: string;
  /** Offset of `text` in the file. */
  offset: number;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;

export function splitDocuments(text: string): Segment[] {
  const cuts: number[] = [0];
  for (const m of text.matchAll(MARKER)) {
    let at = m.index;
    if (at === 0) continue;
    // Directives (`%YAML 1.2`) right above a marker belong to the document it starts.
    while (at > 0) {
      const prevStart = text.lastIndexOf('\n', at - 2) + 1;
      if (text[prevStart] !== '%' || prevStart < cuts[cuts.length - 1]!) break;
      at = prevStart;
    }
    if (at > cuts[cuts.length - 1]!) cuts.push(at);
  }
  const out: Segment[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i]!;
    const end = i + 1 < cuts.length ? cuts[i + 1]! : text.length;
    out.push({ text: text.slice(start, end), offset: start });
  }
  return out;
}

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
