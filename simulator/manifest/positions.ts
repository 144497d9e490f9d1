/** Source positions of every node in a parsed document, and lookups by field path. */

/** 1-based line/column of a node's value, plus of its key when it sits in a mapping. Plain data (cloneable). */
export interface PosNode {
  line: number;
  column: number;
  keyLine?: number;
  keyColumn?: number;
  /** Mapping children: parallel arrays (plain data, no prototype tricks with keys like `__proto__`). */
  keys?: string[];
  values?: PosNode[];
  /** Sequence children. */
  items?: PosNode[];
}

export type PathSegment = string | number;

/** Offsets → 1-based line/column, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
  }
}

/**
 * Parse a field path as the API server writes it: `spec.template.spec.containers[0].image`,
 * `metadata.labels[app.kubernetes.io/name]`, or with a leading dot (`.spec.replicas`).
 */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let cur = '';
  const flush = (): void => {
    if (cur !== '') out.push(cur);
    cur = '';
  };
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const end = path.indexOf(']', i);
      if (end < 0) {
        cur = path.slice(i);
        break;
      }
      const inner = path.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner.replace(/^"(.*)"$/, '$1'));
      i = end + 1;
    } else {
      cur += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** Format path segments the way field errors do: identifiers with dots, indexes and other keys in brackets. */
export function formatPath(segments: readonly PathSegment[]): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${seg}]`;
  }
  return s;
}

function child(node: PosNode, key: PathSegment): PosNode | undefined {
  if (typeof key === 'number') return node.items?.[key];
  const i = node.keys?.indexOf(key) ?? -1;
  return i >= 0 ? node.values![i] : undefined;
}

export interface FoundPosition {
  line: number;
  column: number;
  /** The part of the path that was found (a missing field is reported at its nearest parent). */
  matched: PathSegment[];
  exact: boolean;
}

/**
 * Find the node for a path. Keys with dots (`app.kubernetes.io/name`) also match when written
 * unbracketed: a segment run is joined back greedily when the split form does not exist.
 */
export function findPosition(root: PosNode, path: string | readonly PathSegment[]): FoundPosition {
  const segs = typeof path === 'string' ? parsePath(path) : path;
  let node = root;
  const matched: PathSegment[] = [];
  let i = 0;
  while (i < segs.length) {
    let next: PosNode | undefined;
    let used = 1;
    const seg = segs[i]!;
    if (typeof seg === 'number' && node.items === undefined && node.keys) next = child(node, String(seg));
    else next = child(node, seg);
    if (!next && typeof seg === 'string') {
      for (let j = segs.length; j > i + 1 && !next; j--) {
        const joined = segs.slice(i, j).join('.');
        next = child(node, joined);
        if (next) used = j - i;
      }
    }
    if (!next) break;
    matched.push(used === 1 ? seg : segs.slice(i, i + used).join('.'));
    node = next;
    i += used;
  }
  const exact = i === segs.length;
  // A field is reported where its key starts (that is where an editor should put the squiggle).
  return { line: node.keyLine ?? node.line, column: node.keyColumn ?? node.column, matched, exact };
}
