/** Workflow phase, completion, progress and node events (operator.go markWorkflowPhase, progress). */
import { fulfilled } from '../nodes/types.js';
import type { NodePhase, NodeStatus, WorkflowPhase } from '../nodes/types.js';
import { nextPhase } from './lifecycle.js';
import { LABEL_COMPLETED, LABEL_PHASE } from './names.js';
import type { Woc } from './woc.js';

export function markWorkflowPhase(woc: Woc, phase: Exclude<WorkflowPhase, ''>, message: string): void {
  const st = woc.status;
  const next = nextPhase(st.phase, phase);
  const ref = { kind: 'Workflow', namespace: woc.namespace, name: woc.name };
  if (st.phase !== next) {
    st.phase = next;
    woc.updated = true;
    const labels = (woc.wf.metadata.labels ??= {});
    labels[LABEL_PHASE] = next;
    if (labels[LABEL_COMPLETED] === undefined) labels[LABEL_COMPLETED] = 'false';
    if (next === 'Running') woc.ctx.record({ involvedObject: ref, reason: 'WorkflowRunning', message: 'Workflow Running', why: `The workflow controller started ${woc.name} at its entrypoint '${woc.spec.entrypoint ?? ''}'.` });
    if (next === 'Succeeded') woc.ctx.record({ involvedObject: ref, reason: 'WorkflowSucceeded', message: 'Workflow completed', why: 'Every node of the workflow finished successfully (or was skipped/omitted).' });
    if (next === 'Failed' || next === 'Error') {
      woc.ctx.record({ involvedObject: ref, reason: 'WorkflowFailed', type: 'Warning', message, why: `The workflow ended ${next}: ${message || 'a node failed'}.` });
    }
  }
  if (!st.startedAt && next !== 'Pending') {
    st.startedAt = woc.iso();
    woc.updated = true;
  }
  if ((st.message ?? '') !== message) {
    if (message) st.message = message;
    else delete st.message;
    woc.updated = true;
  }
  if (next === 'Error') {
    const root = woc.nodes[woc.name];
    if (root && root.phase === 'Running') woc.markNode(root, 'Error', 'Workflow operation error');
  }
}

/** A finished workflow: finishedAt, the `completed` label, the Completed condition. */
export function finishWorkflow(woc: Woc): void {
  const st = woc.status;
  st.finishedAt = woc.iso();
  (woc.wf.metadata.labels ??= {})[LABEL_COMPLETED] = 'true';
  const conds = (st.conditions ??= []).filter((c) => c.type !== 'Completed');
  conds.push({ type: 'Completed', status: 'True' });
  for (const c of conds) if (c.type === 'PodRunning') c.status = 'False';
  st.conditions = conds;
  woc.updated = true;
}

/** Progress tallies over Pod nodes of one node map. */
interface Tally {
  /** Nodes of any type that are Failed or Error (workflow.failures is empty when none are). */
  failed: number;
  /** Nodes a per-reconcile walk looks for (see `liveCount`): most workflows have none. */
  memo: number;
  containers: number;
  daemons: number;
  done: number;
  total: number;
  running: number;
  cpu: number;
  memory: number;
}

/**
 * The tally of each node map this controller wrote (derived data): the next reconcile starts from it
 * and re-counts only the nodes it copied or added, instead of every node of a big workflow.
 */
const TALLIES = new WeakMap<object, Tally>();
const PENDING_TALLY = new WeakMap<Woc, Tally>();

/** Count `n` into `t` (sign -1 takes a stored node's share out). `n` must have its resourcesDuration when it counts. */
function count(t: Tally, n: NodeStatus, sign: number): void {
  if (n.phase === 'Failed' || n.phase === 'Error') t.failed += sign;
  if (isLive(n, 'memo')) t.memo += sign;
  if (isLive(n, 'containers')) t.containers += sign;
  if (isLive(n, 'daemons')) t.daemons += sign;
  if (n.type !== 'Pod') return;
  t.total += sign;
  if (n.phase === 'Succeeded') t.done += sign;
  if (n.phase === 'Running') t.running += sign;
  if (fulfilled(n.phase) && n.startedAt && n.finishedAt) {
    t.cpu += sign * (n.resourcesDuration?.cpu ?? 0);
    t.memory += sign * (n.resourcesDuration?.memory ?? 0);
  }
}

/** A finished Pod node gets its resourcesDuration once (returns the node to count). */
function withDuration(woc: Woc, raw: NodeStatus): NodeStatus {
  const { startedAt, finishedAt } = raw;
  if (raw.type !== 'Pod' || !fulfilled(raw.phase) || !startedAt || !finishedAt || raw.resourcesDuration) return raw;
  const n = woc.get(raw.id) as NodeStatus;
  // Argo's default requests (100m CPU, 100Mi) over the pod's run time, in whole units.
  const secs = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
  n.resourcesDuration = { cpu: Math.max(secs > 0 ? 1 : 0, Math.round(secs * 0.1)), memory: Math.max(secs > 0 ? 1 : 0, Math.round(secs * 0.1)) };
  return n;
}

function tally(woc: Woc): Tally {
  const origin = woc.origin;
  const base = origin && !woc.nodesDeleted ? TALLIES.get(origin) : undefined;
  if (base) {
    // Every finished Pod node of a written map already has its resourcesDuration (set before the write).
    const t = { ...base };
    for (const id of woc.touched) {
      const old = Object.prototype.hasOwnProperty.call(origin, id) ? origin?.[id] : undefined;
      if (old) count(t, old, -1);
      const cur = woc.peek(id);
      if (cur) count(t, withDuration(woc, cur), 1);
    }
    return t;
  }
  const t: Tally = { failed: 0, memo: 0, containers: 0, daemons: 0, done: 0, total: 0, running: 0, cpu: 0, memory: 0 };
  for (const raw of woc.nodeList()) count(t, withDuration(woc, raw), 1);
  return t;
}

export type LiveKind = 'memo' | 'containers' | 'daemons';

/** The nodes each walk acts on: memoized results not from the cache, unfinished Container nodes, running daemons. */
function isLive(n: NodeStatus, kind: LiveKind): boolean {
  if (kind === 'memo') return !!(n as { memoizationStatus?: { hit?: boolean } }).memoizationStatus && !(n as { memoizationStatus?: { hit?: boolean } }).memoizationStatus?.hit;
  if (kind === 'containers') return n.type === 'Container' && !fulfilled(n.phase) && !!n.boundaryID;
  return !!n.daemoned && !fulfilled(n.phase);
}

/**
 * How many nodes of this reconcile's map are `kind` right now, from the stored map's tally and the
 * nodes this reconcile touched; undefined when the stored map has no tally (walk instead). Lets a
 * per-reconcile walk over every node be skipped when there is nothing for it (the usual case).
 */
export function liveCount(woc: Woc, kind: LiveKind): number | undefined {
  const origin = woc.origin;
  const base = origin && !woc.nodesDeleted ? TALLIES.get(origin) : undefined;
  if (!base) return undefined;
  let n = base[kind];
  for (const id of woc.touched) {
    const old = Object.prototype.hasOwnProperty.call(origin, id) ? origin?.[id] : undefined;
    if (old && isLive(old, kind)) n--;
    const cur = woc.peek(id);
    if (cur && isLive(cur, kind)) n++;
  }
  return n;
}

/** `{{workflow.failures}}`: the Failed and Error nodes in map order, as JSON. */
export function workflowFailures(woc: Woc): string {
  const origin = woc.origin;
  const base = origin && !woc.nodesDeleted ? TALLIES.get(origin) : undefined;
  if (base) {
    // Usually nothing failed: the stored map's count and this reconcile's changes say so without a walk.
    let failed = base.failed;
    const bad = (n: NodeStatus | undefined): boolean => n !== undefined && (n.phase === 'Failed' || n.phase === 'Error');
    for (const id of woc.touched) {
      if (Object.prototype.hasOwnProperty.call(origin, id) && bad(origin?.[id])) failed--;
      if (bad(woc.peek(id))) failed++;
    }
    if (failed === 0) return '[]';
  }
  return JSON.stringify(
    woc
      .nodeList()
      .filter((n) => n.phase === 'Failed' || n.phase === 'Error')
      .map((n) => ({ displayName: n.displayName, message: n.message ?? '', templateName: n.templateName ?? '', phase: n.phase, podName: woc.podName(n.name, n.templateName ?? ''), finishedAt: n.finishedAt ?? '' })),
  );
}

/** The node map `nodes` was just written by this reconcile: keep its tally for the next one. */
export function rememberTally(woc: Woc, nodes: object): void {
  const t = PENDING_TALLY.get(woc);
  if (t) TALLIES.set(nodes, t);
}

/** Progress "done/total" over Pod nodes, and the PodRunning condition. */
export function updateProgress(woc: Woc): void {
  const t = tally(woc);
  PENDING_TALLY.set(woc, t);
  const { done, total } = t;
  const running = t.running > 0;
  const rd = { cpu: t.cpu, memory: t.memory };
  const progress = `${done}/${total}`;
  if (woc.status.progress !== progress) {
    woc.status.progress = progress;
    woc.updated = true;
  }
  if (total > 0 && (woc.status.resourcesDuration?.cpu !== rd.cpu || woc.status.resourcesDuration?.memory !== rd.memory)) {
    woc.status.resourcesDuration = rd;
    woc.updated = true;
  }
  const root = woc.peek(woc.name);
  if (root && root.progress !== progress) (woc.get(root.id) as NodeStatus).progress = progress;
  if (woc.status.phase === 'Running' || woc.status.phase === 'Pending') {
    const conds = (woc.status.conditions ??= []);
    const c = conds.find((x) => x.type === 'PodRunning');
    const s = running ? 'True' : 'False';
    if (!c) conds.push({ type: 'PodRunning', status: s });
    else if (c.status !== s) c.status = s;
    else return;
    woc.updated = true;
  }
}

/** WorkflowNode<Phase> events for nodes that changed phase in this reconcile. */
export function recordNodeEvents(woc: Woc): void {
  const ref = { kind: 'Workflow', namespace: woc.namespace, name: woc.name };
  const before = woc.phaseBefore;
  for (const n of changedNodes(woc)) {
    // Nodes still frozen are the stored ones: this reconcile did not change them.
    if (Object.isFrozen(n)) continue;
    const old = before.get(n.id);
    if (old === n.phase) continue;
    if (n.phase !== 'Running' && !(n.phase === 'Succeeded' || n.phase === 'Failed' || n.phase === 'Error')) continue;
    const message = `${n.phase} node ${n.name}${n.message ? `: ${n.message}` : ''}`;
    woc.ctx.record({
      involvedObject: ref,
      reason: `WorkflowNode${n.phase}`,
      type: n.phase === 'Running' || n.phase === 'Succeeded' ? 'Normal' : 'Warning',
      message,
      why: n.phase === 'Failed' || n.phase === 'Error' ? `Node ${n.displayName} (${n.type}) ended ${n.phase}${n.message ? `: ${n.message}` : ''}.` : undefined,
    });
  }
}

/** The nodes this reconcile copied or added, in map order (a few, among possibly thousands). */
function changedNodes(woc: Woc): NodeStatus[] {
  if (!woc.origin || woc.nodesDeleted) return woc.nodeList();
  const origin = woc.origin;
  const old: string[] = [];
  for (const id of woc.touched) if (Object.prototype.hasOwnProperty.call(origin, id)) old.push(id);
  const keys = woc.nodeKeys;
  const out: NodeStatus[] = [];
  if (old.length > 16) {
    // Many (a wide fan-out finishing): one pass over the stored keys in order, not a search per node.
    const stored = keys.length - (woc.touched.size - old.length);
    const touched = woc.touched;
    for (let i = 0; i < stored; i++) if (touched.has(keys[i] as string)) out.push(woc.peek(keys[i] as string) as NodeStatus);
  } else {
    if (old.length > 1) {
      const at = new Map(old.map((id) => [id, positionOf(keys, id)]));
      old.sort((a, b) => (at.get(a) as number) - (at.get(b) as number));
    }
    for (const id of old) out.push(woc.peek(id) as NodeStatus);
  }
  // Added nodes come after the stored ones, in the order they were added.
  for (let i = keys.length - (woc.touched.size - old.length); i < keys.length; i++) out.push(woc.peek(keys[i] as string) as NodeStatus);
  return out;
}

/** `keys.indexOf(id)`, searched from both ends: touched nodes are mostly the root and the newest ones. */
function positionOf(keys: readonly string[], id: string): number {
  for (let i = 0, j = keys.length - 1; i <= j; i++, j--) {
    if (keys[i] === id) return i;
    if (keys[j] === id) return j;
  }
  return -1;
}
