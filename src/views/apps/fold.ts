/** Folding long child lists of the resource tree (pure, so it is unit-tested). */
import type { TreeNode } from '../../worker/features/apps/types';

/** Children shown per parent before a "+N more" row (a 100-replica Deployment stays readable). */
export const FOLD = 8;

/** Which nodes to show: past FOLD children of a parent (and their subtrees) stay folded until expanded. */
export function visible(nodes: TreeNode[], expanded: ReadonlySet<string>): { node: TreeNode; more?: number }[] {
  const total = new Map<string, number>();
  for (const n of nodes) if (n.parent) total.set(n.parent, (total.get(n.parent) ?? 0) + 1);
  const seen = new Map<string, number>();
  const hidden = new Set<string>();
  const out: { node: TreeNode; more?: number }[] = [];
  for (const n of nodes) {
    if (n.parent && hidden.has(n.parent)) {
      hidden.add(n.id);
      continue;
    }
    const i = n.parent ? (seen.get(n.parent) ?? 0) : 0;
    if (n.parent) seen.set(n.parent, i + 1);
    if (n.parent && i >= FOLD && !expanded.has(n.parent)) {
      hidden.add(n.id);
      continue;
    }
    const rest = n.parent && i === FOLD - 1 && !expanded.has(n.parent) ? (total.get(n.parent) ?? 0) - FOLD : 0;
    out.push(rest > 0 ? { node: n, more: rest } : { node: n });
  }
  return out;
}
