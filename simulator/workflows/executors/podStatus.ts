/**
 * podReconciliation + taskResultReconciliation + assessNodeStatus: pod phases and container
 * statuses become node phases and messages; outputs come from the WorkflowTaskResult that
 * `argoexec wait` writes (named after the node id), like Argo ≥ 3.4.
 */
import type { StoredObject } from '../../cluster/types.js';
import { clone, isObj } from '../../cluster/types.js';
import type { Woc } from '../controller/woc.js';
import { LABEL_COMPLETED, LABEL_REPORT_OUTPUTS_COMPLETED } from '../controller/names.js';
import { fulfilled } from '../nodes/types.js';
import type { NodePhase, NodeStatus, Outputs } from '../nodes/types.js';
import { lendWorkflowObjects } from './podIndex.js';
import { walkNodes } from '../controller/walks.js';

interface CtrState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; reason?: string; message?: string; finishedAt?: string; startedAt?: string };
}
interface CtrStatus {
  name: string;
  ready?: boolean;
  state?: CtrState;
}

function statuses(pod: StoredObject, field: 'containerStatuses' | 'initContainerStatuses'): CtrStatus[] {
  const st = pod.status;
  if (!isObj(st)) return [];
  const v = st[field];
  return Array.isArray(v) ? (v as unknown as CtrStatus[]) : [];
}

function podPhase(pod: StoredObject): string {
  return isObj(pod.status) && typeof pod.status.phase === 'string' ? pod.status.phase : 'Pending';
}

function pendingReason(pod: StoredObject): string {
  for (const c of statuses(pod, 'containerStatuses')) {
    const w = c.state?.waiting;
    if (w && w.reason && w.reason !== 'ContainerCreating' && w.reason !== 'PodInitializing') return w.message ? `${w.reason}: ${w.message}` : w.reason;
  }
  for (const c of statuses(pod, 'initContainerStatuses')) {
    const w = c.state?.waiting;
    if (w && w.reason && w.reason !== 'PodInitializing') return w.message ? `${w.reason}: ${w.message}` : w.reason;
  }
  const conds = isObj(pod.status) && Array.isArray(pod.status.conditions) ? (pod.status.conditions as { reason?: string; message?: string }[]) : [];
  for (const c of conds) if (c.reason === 'Unschedulable') return c.message ? `${c.reason}: ${c.message}` : c.reason;
  return '';
}

/** inferFailedReason (argoexec v3 wording): `Error (exit code 1)`, `OOMKilled (exit code 137)`. */
export function inferFailedReason(pod: StoredObject): { phase: NodePhase; message: string } {
  const st = isObj(pod.status) ? pod.status : {};
  if (typeof st.message === 'string' && st.message) return { phase: 'Failed', message: st.message };
  const order = (n: string): number => (n === 'main' ? 1 : n === 'wait' ? 2 : 3);
  const ctrs = [...statuses(pod, 'initContainerStatuses'), ...[...statuses(pod, 'containerStatuses')].sort((a, b) => order(a.name) - order(b.name))];
  if (ctrs.length === 0) return { phase: 'Failed', message: `can't find failed message for pod ${pod.metadata.name} namespace ${pod.metadata.namespace}` };
  let mainOk = false;
  let waitOk = false;
  for (const c of ctrs) {
    if (c.state?.waiting) {
      return { phase: 'Error', message: `Pod failed before ${c.name} container starts due to ${c.state.waiting.reason ?? ''}: ${c.state.waiting.message ?? ''}` };
    }
    const t = c.state?.terminated;
    if (!t) continue;
    if ((t.exitCode ?? 0) === 0) {
      if (c.name === 'main') mainOk = true;
      else if (c.name === 'wait') waitOk = true;
      continue;
    }
    let msg = `${t.reason ?? 'Error'} (exit code ${t.exitCode})`;
    if (t.message) msg = `${msg}: ${t.message}`;
    if (c.name === 'init' || c.name === 'wait') return { phase: 'Error', message: msg };
    if (c.name === 'main') return { phase: 'Failed', message: msg };
    if (t.exitCode !== 137 && t.exitCode !== 143) return { phase: 'Failed', message: msg };
  }
  if (mainOk) return waitOk ? { phase: 'Succeeded', message: '' } : { phase: 'Failed', message: 'pod failed: wait container did not complete successfully' };
  if (waitOk) return { phase: 'Failed', message: 'pod failed: main container did not complete successfully' };
  return { phase: 'Failed', message: 'pod failed: neither main nor wait container completed successfully' };
}

/** How long a finished pod's node waits for its WorkflowTaskResult. */
export const TASK_RESULT_GRACE_MS = 30_000;

function waitExitedCleanly(pod: StoredObject): boolean {
  const w = statuses(pod, 'containerStatuses').find((c) => c.name === 'wait');
  return w?.state?.terminated?.exitCode === 0;
}

function mainExitCode(pod: StoredObject): number | undefined {
  for (const c of statuses(pod, 'containerStatuses')) if (c.name === 'main' && c.state?.terminated) return c.state.terminated.exitCode ?? 0;
  return undefined;
}

function finishedAt(pod: StoredObject): string | undefined {
  // (Two loops, not a spread of both lists: this runs for every finished pod.)
  let latest: string | undefined;
  for (const c of statuses(pod, 'initContainerStatuses')) {
    const f = c.state?.terminated?.finishedAt;
    if (f && (!latest || f > latest)) latest = f;
  }
  for (const c of statuses(pod, 'containerStatuses')) {
    const f = c.state?.terminated?.finishedAt;
    if (f && (!latest || f > latest)) latest = f;
  }
  return latest;
}

/** Outputs from the node's WorkflowTaskResult, when argoexec wait has reported them. */
function taskResultOutputs(woc: Woc, nodeId: string): { outputs?: Outputs; completed: boolean; progress?: string } | undefined {
  const tr = woc.taskResults.get(nodeId);
  if (!tr) return undefined;
  const out = isObj(tr.outputs) ? (tr.outputs as unknown as Outputs) : undefined;
  const completed = tr.metadata.labels?.[LABEL_REPORT_OUTPUTS_COMPLETED] === 'true';
  return { outputs: out, completed, progress: typeof tr.progress === 'string' ? tr.progress : undefined };
}

function assess(woc: Woc, pod: StoredObject, node: NodeStatus, daemon: boolean): void {
  const phase = podPhase(pod);
  const st = isObj(pod.status) ? pod.status : {};
  if (typeof st.podIP === 'string' && daemon) node.podIP = st.podIP;
  if (pod.spec && typeof (pod.spec as { nodeName?: unknown }).nodeName === 'string') node.hostNodeName = (pod.spec as { nodeName: string }).nodeName;
  const tr = taskResultOutputs(woc, node.id);
  if (tr?.outputs) {
    const exitCode = node.outputs?.exitCode;
    node.outputs = { ...tr.outputs };
    if (exitCode !== undefined && node.outputs.exitCode === undefined) node.outputs.exitCode = exitCode;
    woc.updated = true;
  }
  if (tr?.progress) node.progress = tr.progress;
  const code = mainExitCode(pod);
  if (code !== undefined) {
    node.outputs = { ...(node.outputs ?? {}), exitCode: String(code) };
  }
  if ((phase === 'Succeeded' || phase === 'Failed') && !tr?.completed && waitExitedCleanly(pod)) {
    // Argo ≥ 3.4: the node completes once argoexec wait reported its outputs (report-outputs-completed);
    // a missing report is given up on after a grace period.
    const finished = Date.parse(finishedAt(pod) ?? woc.iso());
    if (woc.now() < finished + TASK_RESULT_GRACE_MS) {
      woc.requeue(finished + TASK_RESULT_GRACE_MS - woc.now());
      return;
    }
  }
  switch (phase) {
    case 'Pending':
      woc.markNode(node, 'Pending', pendingReason(pod));
      return;
    case 'Running':
      if (daemon) {
        const allReady = statuses(pod, 'containerStatuses').every((c) => c.ready);
        if (allReady && !node.daemoned) {
          node.daemoned = true;
          node.podIP = typeof st.podIP === 'string' ? st.podIP : undefined;
          woc.markNode(node, 'Running', '');
        }
        return;
      }
      woc.markNode(node, 'Running', '');
      return;
    case 'Succeeded': {
      if (daemon) {
        delete node.daemoned;
        woc.markNode(node, 'Failed', node.message);
      } else woc.markNode(node, 'Succeeded', '');
      break;
    }
    case 'Failed': {
      const r = inferFailedReason(pod);
      delete node.daemoned;
      woc.markNode(node, r.phase, r.message);
      break;
    }
    default:
      woc.markNode(node, 'Error', `Unexpected pod phase for ${pod.metadata.name}: ${phase}`);
  }
  const f = finishedAt(pod);
  if (f) node.finishedAt = f;
  node.taskResultSynced = true;
  if (node.phase === 'Succeeded' && node.progress === '0/1') node.progress = '1/1';
}

/**
 * assess for a stored node: copied first (Woc copy-on-read, like every changed node) when it will most likely
 * change (its pod's phase or host differs from the node's); else assessed on a shallow draft and copied
 * only if that changed it (a no-op leaves the stored node shared and untouched).
 */
function assessDraft(woc: Woc, pod: StoredObject, raw: NodeStatus): void {
  const phase = podPhase(pod);
  const podDone = phase === 'Succeeded' || phase === 'Failed';
  if (!podDone) woc.activePods++;
  const daemon = woc.template(raw.templateName ?? '')?.daemon === true;
  const host = (pod.spec as { nodeName?: unknown } | undefined)?.nodeName;
  if (phase !== raw.phase || (typeof host === 'string' && host !== raw.hostNodeName)) {
    const node = woc.get(raw.id) as NodeStatus;
    assess(woc, pod, node, daemon);
    return labelCompleted(woc, pod, node, podDone);
  }
  const draft = { ...raw };
  assess(woc, pod, draft, daemon);
  if (!sameNode(draft, raw)) {
    const node = woc.get(raw.id) as NodeStatus;
    adopt(node, draft, raw);
    labelCompleted(woc, pod, node, podDone);
  } else labelCompleted(woc, pod, raw, podDone);
}

/** The draft has raw's fields, in raw's order, with the same values (outputs may be rebuilt equal). */
export function sameNode(draft: NodeStatus, raw: NodeStatus): boolean {
  const dk = Object.keys(draft);
  const rk = Object.keys(raw);
  if (dk.length !== rk.length) return false;
  for (let i = 0; i < dk.length; i++) {
    const k = dk[i] as keyof NodeStatus;
    if (k !== rk[i]) return false;
    if (draft[k] !== raw[k] && !(k === 'outputs' && JSON.stringify(draft.outputs) === JSON.stringify(raw.outputs))) return false;
  }
  return true;
}

/** Make `node` (a copy of raw) what assess made of the draft: same fields in the same order, new values copied. */
export function adopt(node: NodeStatus, draft: NodeStatus, raw: NodeStatus): void {
  const target = node as unknown as Record<string, unknown>;
  const from = draft as unknown as Record<string, unknown>;
  const was = raw as unknown as Record<string, unknown>;
  for (const k of Object.keys(target)) if (!(k in from)) delete target[k];
  for (const k of Object.keys(from)) {
    const v = from[k];
    // Changed values are assess's own or shared stored parts: copied so the node stays wholly mutable.
    if (v !== was[k]) target[k] = typeof v === 'object' && v !== null ? clone(v) : v;
  }
  const order = Object.keys(from);
  const got = Object.keys(target);
  if (got.length === order.length && got.every((k, i) => k === order[i])) return;
  // A field deleted and set again moved to the end in the draft: rebuild in the draft's order.
  const values = order.map((k) => target[k]);
  for (const k of got) delete target[k];
  order.forEach((k, i) => (target[k] = values[i]));
}

/** labelPodCompleted: pod GC and `kubectl get pods -l workflows.argoproj.io/completed=true` rely on it. */
function labelCompleted(woc: Woc, pod: StoredObject, node: NodeStatus, podDone: boolean): void {
  if (fulfilled(node.phase) && podDone && pod.metadata.labels?.[LABEL_COMPLETED] !== 'true') {
    woc.ctx.store.patch({ apiVersion: 'v1', kind: 'Pod', namespace: woc.namespace, name: pod.metadata.name }, 'merge', { metadata: { labels: { [LABEL_COMPLETED]: 'true' } } });
  }
}

/**
 * Stored (frozen) Pod nodes that are finished, with their pod finished and labelled completed: nothing
 * above changes for them again (a frozen node is the same data for as long as it lives), so later
 * reconciles skip them instead of re-reading their pods.
 */
const SETTLED = new WeakSet<NodeStatus>();
const isPodNode = (n: NodeStatus): boolean => n.type === 'Pod';

/** Index this workflow's pods and task results, then bring every unfinished Pod node up to date. */
export function reconcilePods(woc: Woc): void {
  // This reconcile's view as of now (the index keeps changing as it writes; it copies a lent map first).
  const objs = lendWorkflowObjects(woc.ctx.store, woc.namespace, woc.name);
  woc.pods = objs.pods;
  woc.taskResults = objs.taskResults;
  // Only Pod nodes not settled: the stored map's candidates plus the touched nodes, not every node (walks.ts).
  for (const raw of walkNodes(woc, 'pods', isPodNode, SETTLED)) {
    if (raw.type !== 'Pod' || SETTLED.has(raw)) continue;
    const pod = woc.pods.get(raw.id);
    // Finished nodes are only read; a stored one still running is assessed on a shallow draft and copied
    // (Woc copy-on-read) only if that changed it; the others are this reconcile's own copies already.
    const readOnly = fulfilled(raw.phase) && !raw.daemoned;
    if (pod && !readOnly && Object.isFrozen(raw)) {
      assessDraft(woc, pod, raw);
      continue;
    }
    const node = readOnly ? raw : (woc.get(raw.id) as NodeStatus);
    if (!pod) {
      // Daemoned pods killed at the end and pods deleted by hand: the node cannot finish normally.
      if (!fulfilled(node.phase) && node.phase !== 'Pending') woc.markNode(node, 'Error', 'pod deleted');
      continue;
    }
    const podDone = podPhase(pod) === 'Succeeded' || podPhase(pod) === 'Failed';
    if (!podDone) woc.activePods++;
    if (!(fulfilled(node.phase) && !node.daemoned)) {
      const tmpl = woc.template(node.templateName ?? '');
      assess(woc, pod, node, tmpl?.daemon === true);
    }
    // labelPodCompleted: pod GC and `kubectl get pods -l workflows.argoproj.io/completed=true` rely on it.
    if (fulfilled(node.phase) && podDone && pod.metadata.labels?.[LABEL_COMPLETED] !== 'true') {
      woc.ctx.store.patch({ apiVersion: 'v1', kind: 'Pod', namespace: woc.namespace, name: pod.metadata.name }, 'merge', { metadata: { labels: { [LABEL_COMPLETED]: 'true' } } });
    } else if (podDone && node === raw && Object.isFrozen(raw) && fulfilled(raw.phase) && !raw.daemoned) SETTLED.add(raw);
  }
}
