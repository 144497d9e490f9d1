/** The resource tree folds long child lists (a 100-replica ReplicaSet) behind "+N more", subtrees included. */
import { describe, expect, it } from 'vitest';
import { FOLD, visible } from '../../../src/views/apps/fold.js';
import type { TreeNode } from '../../../src/worker/features/apps/types.js';

const node = (id: string, parent: string, depth: number): TreeNode => ({ id, parent, depth, ref: { apiVersion: 'v1', kind: 'Pod', name: id }, group: '', live: true });

describe('tree folding', () => {
  const rs = node('rs', '', 1);
  const pods = Array.from({ length: FOLD + 3 }, (_, i) => node(`p${i}`, 'rs', 2));
  // The last pod owns a child: folded with its parent.
  const nodes = [rs, ...pods, node('child', `p${FOLD + 2}`, 3), node('svc', '', 1)];

  it('shows the first children, counts the rest, and keeps later top-level resources', () => {
    const shown = visible(nodes, new Set());
    expect(shown.map((s) => s.node.id)).toEqual(['rs', ...pods.slice(0, FOLD).map((p) => p.id), 'svc']);
    expect(shown.find((s) => s.more !== undefined)).toEqual({ node: pods[FOLD - 1], more: 3 });
  });

  it('shows everything under an expanded parent', () => {
    const shown = visible(nodes, new Set(['rs']));
    expect(shown.map((s) => s.node.id)).toEqual(nodes.map((n) => n.id));
    expect(shown.some((s) => s.more !== undefined)).toBe(false);
  });
});
