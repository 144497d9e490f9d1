/** Unified diff of two objects rendered as YAML (js-yaml like the Argo CD UI's diff, keys sorted like `argocd app diff`). */
import { dump } from 'js-yaml';

export function toYaml(obj: unknown): string {
  if (obj === undefined || obj === null) return '';
  return dump(obj, { sortKeys: true, lineWidth: -1, noRefs: true });
}

type Op = { t: ' ' | '-' | '+'; line: string };

/** LCS line diff; manifests are small, so the O(n·m) table is fine. */
function lineOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ t: ' ', line: a[i++]! }), j++;
    // Removals before additions at the same spot, as diff -u prints them.
    else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ t: '-', line: a[i++]! });
    else ops.push({ t: '+', line: b[j++]! });
  }
  return ops;
}

/** GNU diff leaves out a count of 1. */
const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);

const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

/** `--- from` / `+++ to` / `@@ -l,n +l,n @@` hunks with 3 lines of context; '' when equal. */
export function unifiedDiff(from: string, to: string, fromName: string, toName: string, context = 3): string {
  const ops = lineOps(lines(from), lines(to));
  if (!ops.some((o) => o.t !== ' ')) return '';
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.t === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while the next change is within 2×context lines.
    for (;;) {
      while (end < ops.length && ops[end]!.t !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.t === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    let aLine = 1;
    let bLine = 1;
    for (let x = 0; x < start; x++) {
      if (ops[x]!.t !== '+') aLine++;
      if (ops[x]!.t !== '-') bLine++;
    }
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.t !== '+').length;
    const bCount = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${range(aCount ? aLine : aLine - 1, aCount)} +${range(bCount ? bLine : bLine - 1, bCount)} @@`);
    for (const o of hunk) out.push(`${o.t}${o.line}`);
    k = stop;
  }
  return `${out.join('\n')}\n`;
}
