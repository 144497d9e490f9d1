/** The quick layering used for big workflow graphs: roots on top, children below parents, no overlaps. */
import { describe, expect, it } from 'vitest';
import { quickLayout } from '../../../src/views/workflows/layout.js';
import type { WorkflowGraph } from '../../../src/worker/features/workflows.js';

function fanOut(items: number): WorkflowGraph {
  const nodes: WorkflowGraph['nodes'] = [
    { id: 'wf', name: 'wf', displayName: 'wf', type: 'Steps', phase: 'Running' },
    { id: 'g0', name: 'wf[0]', displayName: '[0]', type: 'StepGroup', phase: 'Running' },
    { id: 'g1', name: 'wf[1]', displayName: '[1]', type: 'StepGroup', phase: 'Pending' },
  ];
  const edges: WorkflowGraph['edges'] = [['wf', 'g0']];
  for (let i = 0; i < items; i++) {
    nodes.push({ id: `p${i}`, name: `wf[0].fan(${i})`, displayName: `fan(${i})`, type: 'Pod', phase: 'Succeeded' });
    edges.push(['g0', `p${i}`], [`p${i}`, 'g1']);
  }
  return { key: `fan-${items}`, rev: '1', nodes, edges };
}

describe('quickLayout', () => {
  it('layers a 500-item fan-out top-down without overlapping boxes', () => {
    const g = fanOut(500);
    const boxes = quickLayout(g);
    expect(boxes.size).toBe(g.nodes.length);
    for (const [s, t] of g.edges) expect(boxes.get(t)!.y).toBeGreaterThan(boxes.get(s)!.y);
    const items = [...boxes.entries()].filter(([id]) => id.startsWith('p')).map(([, b]) => b);
    expect(new Set(items.map((b) => b.y)).size).toBe(1);
    const xs = items.map((b) => b.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(items[0]!.width);
    // The group above and below the fan-out are centred over it.
    const mid = (xs[0]! + xs.at(-1)! + items[0]!.width) / 2;
    expect(Math.abs(boxes.get('g0')!.x + boxes.get('g0')!.width / 2 - mid)).toBeLessThan(1);
  });

  it('puts a node under the deepest of its parents (DAG joins)', () => {
    const g: WorkflowGraph = {
      key: 'dag',
      rev: '1',
      nodes: ['root', 'a', 'b', 'c'].map((id) => ({ id, name: id, displayName: id, type: id === 'root' ? 'DAG' : 'Pod', phase: 'Succeeded' })),
      edges: [['root', 'a'], ['a', 'b'], ['a', 'c'], ['b', 'c']],
    };
    const boxes = quickLayout(g);
    expect(boxes.get('c')!.y).toBeGreaterThan(boxes.get('b')!.y);
    expect(boxes.get('b')!.y).toBeGreaterThan(boxes.get('a')!.y);
  });
});
