/** Line diff (Myers' O(ND) algorithm) and unified hunks in `git diff` format, for small text files. */

export type LineOp = { op: ' ' | '-' | '+'; line: string };

/** Splits text into lines the way git counts them (a final newline does not open an empty line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script from `a` to `b`, as keep/delete/insert operations in order. */
export function diffLines(a: string[], b: string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the path.
  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ op: ' ', line: a[--x] }), y--;
    if (d === 0) break;
    if (down) ops.push({ op: '+', line: b[--y] });
    else ops.push({ op: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) ops.push({ op: ' ', line: a[--x] }), y--;
  return ops.reverse();
}

/** Unified diff hunks (`@@ -a,b +c,d @@` then lines), `context` lines around each change like git. */
export function unifiedHunks(before: string, after: string, context = 3): string[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const changed: number[] = [];
  ops.forEach((o, i) => o.op !== ' ' && changed.push(i));
  const hunks: string[] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i] - context);
    let end = Math.min(ops.length, changed[i] + context + 1);
    while (i + 1 < changed.length && changed[i + 1] - context <= end) end = Math.min(ops.length, changed[++i] + context + 1);
    i++;
    let aStart = 0;
    let bStart = 0;
    for (let j = 0; j < start; j++) {
      if (ops[j].op !== '+') aStart++;
      if (ops[j].op !== '-') bStart++;
    }
    const body = ops.slice(start, end);
    const aLen = body.filter((o) => o.op !== '+').length;
    const bLen = body.filter((o) => o.op !== '-').length;
    const header = `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`;
    hunks.push([header, ...body.map((o) => o.op + o.line)].join('\n'));
  }
  return hunks;
}

/** git prints `start,len` 1-based, omits `,1`, and uses the line before for an empty side. */
function range(start: number, len: number): string {
  if (len === 0) return `${start},0`;
  return len === 1 ? `${start + 1}` : `${start + 1},${len}`;
}
