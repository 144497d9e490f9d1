/**
 * The Problems list: monaco-yaml's schema check and the engine's lint often report the same thing at the same line
 * (a missing required field, a wrong type). Such an entry is listed once, with both sources and the higher severity.
 * Pure (no Monaco), so it is unit-tested in Node.
 */
import type { Problem } from './markers';

const RANK: Record<Problem['severity'], number> = { error: 3, warning: 2, info: 1 };

/** Same text, ignoring whitespace runs and a final full stop (the two checkers differ only there). */
const textKey = (message: string) => message.trim().replace(/\s+/g, ' ').replace(/\.$/, '');

export function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  const at = new Map<string, number>();
  for (const p of problems) {
    const key = `${p.line}\u0000${textKey(p.message)}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(p);
      continue;
    }
    const kept = out[i]!;
    const sources = kept.source.split(' + ');
    out[i] = {
      ...kept,
      column: Math.min(kept.column, p.column),
      severity: RANK[p.severity] > RANK[kept.severity] ? p.severity : kept.severity,
      source: sources.includes(p.source) ? kept.source : `${kept.source} + ${p.source}`,
    };
  }
  return out;
}
