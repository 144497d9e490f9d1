/**
 * The workflow's node graph with @xyflow/react, laid out by elkjs (lazy chunk). Nodes show an icon + phase word +
 * colour; a click (or Enter on the focused node) selects it. The layout is redone only when the structure key changes.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, Handle, Position, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { GraphNode, WorkflowGraph } from '../../worker/features/workflows';
import { layoutGraph, SMALL } from './layout';
import type { Box } from './layout';
import { phaseIcon, phaseText, toneOf } from './phase';

interface NodeData extends Record<string, unknown> {
  node: GraphNode;
  selected: boolean;
  onSelect(id: string): void;
}

const WfNode = memo(function WfNode({ data }: NodeProps<Node<NodeData>>) {
  const n = data.node;
  const small = SMALL.has(n.type);
  const label = `${n.displayName} (${n.type}): ${phaseText(n.phase, n.type)}${n.message ? ` — ${n.message}` : ''}`;
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button
        type="button"
        className={`wf-node ${toneOf(n.phase, n.type)} ${small ? 'small' : ''} ${data.selected ? 'selected' : ''}`}
        data-node-name={n.displayName}
        data-node-id={n.id}
        data-node-type={n.type}
        data-phase={n.phase}
        aria-label={label}
        aria-pressed={data.selected}
        title={label}
        onClick={() => data.onSelect(n.id)}
      >
        <span className="wf-node-icon" aria-hidden="true">
          {phaseIcon(n.phase, n.type)}
        </span>
        <span className="wf-node-text">
          <span className="wf-node-name">{n.displayName}</span>
          {!small && (
            <span className="wf-node-sub">
              {phaseText(n.phase, n.type)} · {n.type}
            </span>
          )}
        </span>
      </button>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
});

const NODE_TYPES = { wf: WfNode };

interface Props {
  graph: WorkflowGraph;
  selected?: string;
  onSelect(id: string): void;
}

export default memo(function Graph(props: Props) {
  return (
    <ReactFlowProvider>
      <Flow {...props} />
    </ReactFlowProvider>
  );
});

function Flow({ graph, selected, onSelect }: Props) {
  const rf = useReactFlow();
  const [layout, setLayout] = useState<{ key: string; boxes: Map<string, Box> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One layout at a time; while it runs, only the newest structure is remembered (a growing workflow changes often).
  const wanted = useRef(graph);
  const busy = useRef(false);
  const mounted = useRef(true);
  wanted.current = graph;
  useEffect(() => {
    mounted.current = true;
    const pump = async () => {
      if (busy.current) return;
      busy.current = true;
      try {
        for (let g = wanted.current; ; g = wanted.current) {
          const boxes = await layoutGraph(g);
          if (!mounted.current) return;
          setLayout({ key: g.key, boxes });
          if (wanted.current.key === g.key) break;
        }
      } catch (err: unknown) {
        if (mounted.current) setError(err instanceof Error ? err.message : String(err));
      } finally {
        busy.current = false;
      }
    };
    void pump();
  }, [graph.key]);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  // A new structure: frame the whole graph again (after xyflow has measured the new nodes). A graph too big to read
  // when framed (hundreds of items fanned out) opens at a readable zoom on its root instead; pan and zoom from there.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!layout) return;
    const id = requestAnimationFrame(() => {
      const el = box.current;
      const all = [...layout.boxes.values()];
      if (!el || all.length === 0) return;
      const w = Math.max(...all.map((b) => b.x + b.width)) - Math.min(...all.map((b) => b.x));
      const h = Math.max(...all.map((b) => b.y + b.height)) - Math.min(...all.map((b) => b.y));
      const fit = Math.min(el.clientWidth / (w * 1.15), el.clientHeight / (h * 1.15));
      if (fit >= 0.45) return void rf.fitView({ padding: 0.15, maxZoom: 1.2 });
      const rootId = graph.nodes.find((n) => !graph.edges.some(([, t]) => t === n.id))?.id;
      const root = (rootId && layout.boxes.get(rootId)) || all[0]!;
      const zoom = 0.75;
      void rf.setViewport({ x: el.clientWidth / 2 - (root.x + root.width / 2) * zoom, y: 24 - root.y * zoom, zoom });
    });
    return () => cancelAnimationFrame(id);
    // Only a new layout re-frames; phase changes keep the learner's viewport.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, rf]);

  const nodes = useMemo<Node<NodeData>[]>(() => {
    if (!layout) return [];
    return graph.nodes
      .filter((n) => layout.boxes.has(n.id))
      .map((n) => {
        const b = layout.boxes.get(n.id)!;
        return { id: n.id, type: 'wf', position: { x: b.x, y: b.y }, width: b.width, height: b.height, data: { node: n, selected: n.id === selected, onSelect }, draggable: false, selectable: false };
      });
  }, [graph, layout, selected, onSelect]);
  const edges = useMemo<Edge[]>(() => {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    return graph.edges.map(([s, t]) => {
        const target = byId.get(t);
        const dim = target && toneOf(target.phase, target.type) === 'skipped';
        return { id: `${s}>${t}`, source: s, target: t, type: 'smoothstep', className: dim ? 'wf-edge dim' : 'wf-edge' };
      });
  }, [graph]);

  if (error) return <p className="errors">Layout failed: {error}</p>;
  if (!layout) return <p className="muted wf-graph-wait">Laying out {graph.nodes.length} nodes…</p>;
  return (
    <div ref={box} className="wf-flow">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodeClick={(_, n) => onSelect(n.id)}
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onlyRenderVisibleElements={graph.nodes.length > 150}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow graph"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
