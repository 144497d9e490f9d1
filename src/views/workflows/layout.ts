/**
 * elkjs layered layout, top-down like Argo's graph, computed in elk's own Web Worker so layout never blocks the
 * main thread; graphs over ELK_MAX_NODES get a quick layering instead (elk needs seconds for 500 nodes). Results
 * are cached by the graph's structure key: phase changes reuse the layout.
 */
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { WorkflowGraph } from '../../worker/features/workflows';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Virtual nodes (groups, retries, the steps/DAG roots' children holders) are drawn small, like Argo does. */
export const SMALL = new Set(['StepGroup', 'TaskGroup', 'Retry']);
export function sizeOf(type: string): { width: number; height: number } {
  return SMALL.has(type) ? { width: 120, height: 30 } : { width: 190, height: 44 };
}

let elk: InstanceType<typeof ELK> | undefined;
const cache = new Map<string, Map<string, Box>>();

/** Above this many nodes elk's layered layout takes seconds; the quick layering below takes milliseconds. */
export const ELK_MAX_NODES = 150;

/**
 * Layers by longest path from the roots, each layer ordered by its parents' positions (one barycentre pass) and
 * centred: good enough for Argo's big fan-outs (hundreds of items under one group), and O(nodes + edges).
 */
export function quickLayout(graph: WorkflowGraph): Map<string, Box> {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const n of graph.nodes) {
    parents.set(n.id, []);
    children.set(n.id, []);
  }
  for (const [s, t] of graph.edges) {
    if (!parents.has(s) || !parents.has(t)) continue;
    parents.get(t)!.push(s);
    children.get(s)!.push(t);
  }
  // Kahn's order; nodes left in a cycle (never in Argo's trees) go last.
  const indeg = new Map(graph.nodes.map((n) => [n.id, parents.get(n.id)!.length]));
  const order: string[] = graph.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  for (let i = 0; i < order.length; i++) {
    for (const c of children.get(order[i]!)!) {
      indeg.set(c, indeg.get(c)! - 1);
      if (indeg.get(c) === 0) order.push(c);
    }
  }
  const placed = new Set(order);
  for (const n of graph.nodes) if (!placed.has(n.id)) order.push(n.id);
  const depth = new Map<string, number>();
  for (const id of order) depth.set(id, Math.max(0, ...parents.get(id)!.map((p) => (depth.get(p) ?? -1) + 1)));
  const layers: string[][] = [];
  for (const id of order) (layers[depth.get(id)!] ??= []).push(id);
  const pos = new Map<string, number>();
  const type = new Map(graph.nodes.map((n) => [n.id, n.type]));
  const boxes = new Map<string, Box>();
  let y = 0;
  for (const layer of layers) {
    if (!layer) continue;
    const bary = (id: string) => {
      const ps = parents.get(id)!.filter((p) => pos.has(p));
      return ps.length ? ps.reduce((a, p) => a + pos.get(p)!, 0) / ps.length : 0;
    };
    const sorted = layer.map((id, i) => ({ id, i, b: bary(id) })).sort((a, b) => a.b - b.b || a.i - b.i);
    const pitch = 210;
    const h = Math.max(...sorted.map(({ id }) => sizeOf(type.get(id)!).height));
    sorted.forEach(({ id }, i) => {
      const size = sizeOf(type.get(id)!);
      const cx = (i - (sorted.length - 1) / 2) * pitch;
      pos.set(id, cx);
      boxes.set(id, { x: cx - size.width / 2, y: y + (h - size.height) / 2, ...size });
    });
    y += h + 40;
  }
  return boxes;
}

export async function layoutGraph(graph: WorkflowGraph): Promise<Map<string, Box>> {
  const hit = cache.get(graph.key);
  if (hit) return hit;
  if (graph.nodes.length > ELK_MAX_NODES) {
    const boxes = quickLayout(graph);
    cache.set(graph.key, boxes);
    return boxes;
  }
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  const res = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '20',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Bigger graphs: fewer crossing-minimisation passes (several times faster).
      ...(graph.nodes.length > 80 ? { 'elk.layered.thoroughness': '1', 'elk.layered.crossingMinimization.greedySwitch.type': 'OFF' } : {}),
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...sizeOf(n.type) })),
    edges: graph.edges.map(([s, t], i) => ({ id: `e${i}`, sources: [s], targets: [t] })),
  });
  const boxes = new Map<string, Box>();
  for (const c of res.children ?? []) boxes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
  if (cache.size > 50) cache.clear();
  cache.set(graph.key, boxes);
  return boxes;
}

/** Start elk's worker (a 1.6 MB script to parse) before the first real graph needs it. */
export function warmUp(): void {
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  void elk.layout({ id: 'warm', children: [{ id: 'a', width: 10, height: 10 }], edges: [] }).catch(() => undefined);
}
