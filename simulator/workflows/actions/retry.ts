/**
 * `argo retry` (util.FormulateRetryWorkflow): reset the failed part of a finished workflow's node tree so
 * the operator runs it again, and delete the pods of the nodes that will re-run.
 */
import { clone } from '../../cluster/types.js';
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { getWorkflow, WF_API } from './control.js';
import type { ActionWorld } from './control.js';
import { failedOrError, parseFieldSelector, selectorMatchesNode, specOf, statusOf } from './nodes.js';
import type { Node, Nodes } from './nodes.js';

interface DagNode {
  n: Node;
  parent?: DagNode;
  children: DagNode[];
}

const GROUP = new Set(['DAG', 'TaskGroup', 'StepGroup', 'Steps']);
const EXECUTION = new Set(['Container', 'Pod', 'HTTP', 'Plugin']);

function buildDag(wfName: string, nodes: Nodes): Map<string, DagNode> {
  const out = new Map<string, DagNode>();
  const parentOf = new Map<string, string>();
  for (const id of Object.keys(nodes).sort()) {
    out.set(id, { n: nodes[id], children: [] });
    for (const c of nodes[id].children ?? []) parentOf.set(c, id);
  }
  for (const [id, d] of out) {
    const p = parentOf.get(id);
    if (p === undefined && d.n.name !== wfName && !d.n.name.startsWith(`${wfName}.onExit`)) throw new Error(`couldn't find parent node for ${id}`);
    if (p !== undefined) d.parent = out.get(p);
    for (const c of d.n.children ?? []) {
      const cn = out.get(c);
      if (!cn) throw new Error(`coudln't obtain child ${c}`);
      d.children.push(cn);
    }
  }
  return out;
}

function descendants(d: DagNode): Set<string> {
  const out = new Set<string>();
  const queue = [d];
  while (queue.length) for (const c of queue.shift()!.children) if (!out.has(c.n.id)) (out.add(c.n.id), queue.push(c));
  return out;
}

function isDescendantSucceeded(nodes: Nodes, node: Node, reset: Set<string>, seen = new Set<string>()): boolean {
  for (const c of node.children ?? []) {
    const child = nodes[c];
    if (!child || seen.has(c)) continue;
    seen.add(c);
    if ((!reset.has(c) && child.phase === 'Succeeded') || isDescendantSucceeded(nodes, child, reset, seen)) return true;
  }
  return false;
}

/** Breadth-first from the root: parents come before their children. */
function sorted(dag: Map<string, DagNode>, rootName: string): DagNode[] {
  const root = [...dag.values()].find((d) => d.n.name === rootName);
  if (!root) throw new Error("couldn't find root node");
  const out: DagNode[] = [];
  const seen = new Set([root.n.id]);
  const queue = [root];
  while (queue.length) {
    const cur = queue.shift()!;
    out.push(cur);
    for (const c of cur.children) if (!seen.has(c.n.id)) (seen.add(c.n.id), queue.push(c));
  }
  return out;
}

function resetUntil(d: DagNode | undefined, match: (d: DagNode) => boolean, reset: (id: string) => void): DagNode {
  for (let cur = d; ; cur = cur.parent) {
    if (!cur) throw new Error('was seeking node but ran out of nodes to explore');
    if (match(cur)) {
      reset(cur.n.id);
      return cur;
    }
  }
}

function resetBoundaries(d: DagNode | undefined, reset: (id: string) => void): DagNode | undefined {
  let cur = d;
  for (;;) {
    if (!cur) return cur;
    if (cur.parent?.n.type === 'Retry') {
      reset(cur.parent.n.id);
      cur = cur.parent;
    }
    if (cur.parent?.n.type === 'StepGroup' || cur.parent?.n.type === 'TaskGroup') reset(cur.parent.n.id);
    const boundary = cur.n.boundaryID;
    if (!boundary) return cur.parent;
    cur = resetUntil(cur, (x) => x.n.id === boundary, reset);
  }
}

/** resetPath: the nodes from the root to `start` that must re-run (reset) and `start` with its subtree (delete). */
function resetPath(dag: Map<string, DagNode>, start: string): { reset: Set<string>; del: Set<string> } {
  const leaf = dag.get(start);
  if (!leaf) throw new Error(`was unable to find ${start}`);
  const del = descendants(leaf);
  del.add(start);
  const reset = new Set<string>();
  if (!leaf.parent) return { reset, del };
  const addReset = (id: string) => reset.add(id);
  let cur: DagNode | undefined = leaf;
  while (cur) {
    if (GROUP.has(cur.n.type)) {
      addReset(cur.n.id);
      cur = resetBoundaries(cur, addReset);
      continue;
    }
    if (cur.n.type === 'Retry' && failedOrError(cur.n)) addReset(cur.n.id);
    else if (cur.n.type === 'Container') {
      const pod = resetUntil(cur, (x) => x.n.type === 'Pod', addReset);
      del.add(pod.n.id);
      for (const c of descendants(pod)) del.add(c);
      cur = pod;
      continue;
    }
    cur = cur.parent;
  }
  return { reset, del };
}

function resetNode(node: Node, nowIso: string): Node {
  const out = clone(node);
  if (out.type === 'Suspend' && out.outputs?.parameters) {
    out.outputs.parameters = out.outputs.parameters.map((p) => ({ name: p.name, valueFrom: { supplied: {} } }));
  }
  out.phase = node.phase === 'Skipped' ? 'Skipped' : 'Running';
  delete out.message;
  out.startedAt = nowIso;
  delete out.finishedAt;
  return out;
}

export interface RetryOptions {
  restartSuccessful?: boolean;
  nodeFieldSelector?: string;
}

export interface RetryResult {
  workflow: KubeObject;
  /** Node ids of the Pod nodes whose pods must go (the operator creates them anew). */
  podNodesToDelete: string[];
}

/** FormulateRetryWorkflow, on plain data. `nowIso` is the virtual time written to reset nodes. */
export function formulateRetryWorkflow(wf: StoredObject, nowIso: string, opts: RetryOptions = {}): RetryResult {
  const status = statusOf(wf);
  const phase = status.phase ?? '';
  if (phase === 'Succeeded') {
    if (!opts.restartSuccessful || !opts.nodeFieldSelector) throw new Error('To retry a succeeded workflow, set the options restartSuccessful and nodeFieldSelector');
  } else if (phase !== 'Failed' && phase !== 'Error') throw new Error(`Cannot retry a workflow in phase ${phase}`);
  const name = wf.metadata.name;
  const onExit = `${name}.onExit`;
  const nodes = status.nodes ?? {};

  const labels = { ...(wf.metadata.labels ?? {}) };
  delete labels['workflows.argoproj.io/completed'];
  delete labels['workflows.argoproj.io/workflow-archiving-status'];
  const spec = { ...specOf(wf) };
  delete spec.shutdown;
  if (spec.activeDeadlineSeconds === 0) delete spec.activeDeadlineSeconds;
  // The workflow starts over (phase Unknown), keeping the nodes that need not run again.
  const newStatus: Record<string, unknown> = clone(status) as Record<string, unknown>;
  delete newStatus.phase;
  delete newStatus.message;
  delete newStatus.finishedAt;
  newStatus.startedAt = nowIso;
  const conds = (Array.isArray(status.conditions) ? (status.conditions as { type: string }[]) : []).filter((c) => c.type !== 'Completed');
  newStatus.conditions = [...conds, { type: 'Completed', status: 'False' }];
  if (newStatus.storedWorkflowTemplateSpec && typeof newStatus.storedWorkflowTemplateSpec === 'object') delete (newStatus.storedWorkflowTemplateSpec as Record<string, unknown>).shutdown;
  delete newStatus.persistentVolumeClaims;

  const toResetInput = new Set<string>();
  if (opts.restartSuccessful && opts.nodeFieldSelector) {
    const terms = parseFieldSelector(opts.nodeFieldSelector);
    for (const n of Object.values(nodes)) if (selectorMatchesNode(terms, n)) toResetInput.add(n.id);
  }
  for (const [id, n0] of Object.entries(nodes)) {
    if (!failedOrError(n0) || !EXECUTION.has(n0.type)) continue;
    let n = n0;
    if (n.nodeFlag?.retried) n = Object.values(nodes).find((p) => p.type === 'Retry' && (p.children ?? []).includes(id)) ?? n;
    if (!isDescendantSucceeded(nodes, n, toResetInput)) toResetInput.add(id);
  }
  const dag = buildDag(name, nodes);
  const order = sorted(dag, name);
  let reset = new Set<string>();
  let del = new Set<string>();
  for (const d of order) {
    if (!toResetInput.has(d.n.id) || del.has(d.n.id)) continue;
    const r = resetPath(dag, d.n.id);
    reset = new Set([...reset, ...r.reset]);
    del = new Set([...del, ...r.del]);
  }
  const out: Nodes = {};
  for (const id of reset) if (!del.has(id) && nodes[id]) out[id] = resetNode(nodes[id], nowIso);
  const podNodes = new Set<string>();
  for (const id of del) if (nodes[id]?.type === 'Pod') podNodes.add(id);
  for (const [id, n] of Object.entries(nodes)) {
    const drop = del.has(id) || n.name.startsWith(onExit);
    if (!out[id] && !drop) out[id] = clone(n);
    if (n.name === onExit) {
      podNodes.add(id);
      for (const c of descendants(dag.get(id)!)) podNodes.add(c);
    }
  }
  for (const [id, n] of Object.entries(out)) {
    const old = nodes[id];
    out[id] = { ...n, children: (old.children ?? []).filter((c) => !del.has(c)), outboundNodes: (old.outboundNodes ?? []).filter((c) => !del.has(c)) };
    if (!old.children) delete out[id].children;
    if (!old.outboundNodes) delete out[id].outboundNodes;
  }
  newStatus.nodes = out;
  const workflow = { ...wf, metadata: { ...wf.metadata, labels }, spec, status: newStatus } as KubeObject;
  return { workflow, podNodesToDelete: [...podNodes].filter((id) => nodes[id] && (nodes[id].type === 'Pod' || nodes[id].name.startsWith(onExit))).sort() };
}

/** `argo retry NAME`: write the reset workflow and delete the pods of the nodes that run again. */
export function retry(world: ActionWorld, namespace: string, name: string, opts: RetryOptions = {}): StoredObject {
  const wf = getWorkflow(world, namespace, name);
  const { workflow, podNodesToDelete } = formulateRetryWorkflow(wf, new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), opts);
  const ids = new Set(podNodesToDelete);
  for (const pod of world.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: `workflows.argoproj.io/workflow=${name}` })) {
    const id = pod.metadata.annotations?.['workflows.argoproj.io/node-id'];
    if (id && ids.has(id) && !pod.metadata.deletionTimestamp) world.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata.name });
  }
  return world.store.update(workflow);
}

export { WF_API };
