/**
 * Argo Workflows for the UI: the workflow list, one workflow's node graph (structure + phases), one node's details,
 * CronWorkflows with their next runs, and the `argo` actions (suspend, resume, stop, terminate, retry, resubmit).
 * Queries return only what the views draw; the graph carries a structure key so the view re-lays out only when
 * the node set changes, not on every phase change.
 */
import type { Sandbox } from '../../../simulator/sandbox.js';
import type { StoredObject } from '../../../simulator/cluster/types.js';
import { workflowActions } from '../../../simulator/workflows/actions/index.js';
import { LABEL_CRON_WORKFLOW, nextFireTime, scheduleWithTimezoneString } from '../../../simulator/workflows/cron/index.js';
import { cronSchedules } from '../../../simulator/workflows/lint/index.js';
import { fnv32a, LABEL_WORKFLOW, ANNOTATION_NODE_ID } from '../../../simulator/workflows/index.js';
import type { NodeStatus, WorkflowStatus, WorkflowSpec, Parameter, Artifact } from '../../../simulator/workflows/index.js';
import { scanEvents } from './pods.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';

const API = 'argoproj.io/v1alpha1';

export type { WorkflowActionName, WorkflowRow, GraphNode, WorkflowGraph, ActionState, WorkflowSummary, NodeDetails, CronRow } from './workflows/types.js';
import type { WorkflowActionName, WorkflowRow, GraphNode, WorkflowGraph, ActionState, WorkflowSummary, NodeDetails, CronRow } from './workflows/types.js';

const ms = (iso: unknown): number | undefined => (typeof iso === 'string' && iso ? Date.parse(iso) : undefined);
const statusOf = (wf: StoredObject): WorkflowStatus => (wf.status ?? {}) as WorkflowStatus;
const specOf = (wf: StoredObject): WorkflowSpec => (wf.spec ?? {}) as WorkflowSpec;

/** Per world (load and replay make new ones): the last graph of each workflow with the version it was built from. */
const GRAPHS = new WeakMap<Sandbox, Map<string, { version: string; graph: WorkflowGraph }>>();

function listWorkflows(world: Sandbox, namespace?: string): StoredObject[] {
  return world.store.list({ apiVersion: API, kind: 'Workflow' }, namespace ? { namespace } : {});
}

function getWf(world: Sandbox, namespace: string, name: string): StoredObject | undefined {
  return world.store.get({ apiVersion: API, kind: 'Workflow', namespace, name });
}

/** Argo UI's isWorkflowSuspended: `spec.suspend` or a running Suspend node. */
function isSuspended(wf: StoredObject): boolean {
  if (specOf(wf).suspend === true) return true;
  return Object.values(statusOf(wf).nodes ?? {}).some((n) => n.type === 'Suspend' && n.phase === 'Running');
}

function row(wf: StoredObject): WorkflowRow {
  const st = statusOf(wf);
  const spec = specOf(wf);
  const r: WorkflowRow = {
    namespace: wf.metadata.namespace ?? 'default',
    name: wf.metadata.name,
    phase: st.phase || 'Pending',
    progress: st.progress ?? '0/0',
    template: spec.workflowTemplateRef?.name ?? spec.entrypoint ?? '',
    suspended: isSuspended(wf),
  };
  const started = ms(st.startedAt);
  const finished = ms(st.finishedAt);
  if (started !== undefined) r.startedAt = started;
  if (finished !== undefined) r.finishedAt = finished;
  if (st.message) r.message = st.message;
  const cron = wf.metadata.labels?.[LABEL_CRON_WORKFLOW];
  if (cron) r.cron = cron;
  return r;
}

/** Argo UI's workflow-operations map: which buttons apply now, and why not. */
export function actionStates(wf: StoredObject): ActionState[] {
  const phase = statusOf(wf).phase || 'Pending';
  const running = phase === 'Running';
  const suspended = isSuspended(wf);
  const done = phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
  const notRunning = `the workflow is ${phase}, not Running`;
  return [
    { action: 'resume', enabled: suspended, reason: suspended ? 'clears spec.suspend and marks running suspend nodes Succeeded' : 'nothing is suspended' },
    { action: 'suspend', enabled: running && !suspended, reason: !running ? notRunning : suspended ? 'already suspended' : 'sets spec.suspend: no new nodes start until resumed' },
    { action: 'stop', enabled: running, reason: running ? 'spec.shutdown: Stop — running pods are stopped, exit handlers still run' : notRunning },
    { action: 'terminate', enabled: running, reason: running ? 'spec.shutdown: Terminate — running pods are stopped, no exit handlers' : notRunning },
    {
      action: 'retry',
      enabled: phase === 'Failed' || phase === 'Error',
      reason: phase === 'Failed' || phase === 'Error' ? 'resets failed nodes and runs them again, keeping succeeded ones' : `only Failed or Error workflows can be retried (this one is ${phase})`,
    },
    { action: 'resubmit', enabled: true, reason: done ? 'submits a new workflow from the same spec' : 'submits a new workflow from the same spec (this one keeps running)' },
  ];
}

/** The edges Argo's UI draws: parent → child, and the workflow's outbound nodes → its onExit node. */
function edgesOf(nodes: Record<string, NodeStatus>, wfName: string): [string, string][] {
  const edges: [string, string][] = [];
  for (const n of Object.values(nodes)) for (const c of n.children ?? []) if (nodes[c]) edges.push([n.id, c]);
  const exit = Object.values(nodes).find((n) => n.name === `${wfName}.onExit`);
  const root = nodes[wfName];
  if (exit && root && !Object.values(nodes).some((n) => n.children?.includes(exit.id))) {
    const from = root.outboundNodes?.length ? root.outboundNodes : [root.id];
    for (const f of from) if (nodes[f]) edges.push([f, exit.id]);
  }
  return edges;
}

function graphNode(n: NodeStatus): GraphNode {
  const g: GraphNode = { id: n.id, name: n.name, displayName: n.displayName || n.name, type: n.type, phase: n.phase || 'Pending' };
  if (n.templateName ?? n.templateRef?.template) g.templateName = n.templateName ?? n.templateRef?.template;
  if (n.message) g.message = n.message;
  const s = ms(n.startedAt);
  const f = ms(n.finishedAt);
  if (s !== undefined) g.startedAt = s;
  if (f !== undefined) g.finishedAt = f;
  return g;
}

const EXPLAIN: Record<string, string> = {
  Pod: 'Runs one pod: the init container (argoexec init) loads input artifacts, main runs your template, and the wait sidecar (argoexec wait) saves outputs and reports the result.',
  Container: 'One container of a containerSet template: all run in a single pod, ordered by their dependencies.',
  Steps: 'A steps template: its step groups run one after another; the steps inside a group run in parallel.',
  StepGroup: 'One group of parallel steps; the next group starts when every step here has finished.',
  DAG: 'A DAG template: each task starts as soon as its dependencies (or its depends expression) are satisfied.',
  TaskGroup: 'A task expanded by withItems / withParam / withSequence: one child per item.',
  Retry: 'A retryStrategy wrapper: each child is one attempt; it succeeds with the first successful attempt or fails when the limit is used up.',
  Skipped: 'Not run: its when condition was false, or its depends condition was not met (Omitted).',
  Suspend: 'Waits until resumed (argo resume) or until its duration passes.',
  HTTP: 'An HTTP template: the agent sends the request; no pod of its own.',
  Plugin: 'An executor plugin template, run by the agent.',
};

function nodeEvents(world: Sandbox, wf: StoredObject, n: NodeStatus): NodeDetails['events'] {
  const name = wf.metadata.name;
  const ns = wf.metadata.namespace;
  const about = ` node ${n.name}`;
  const found = scanEvents(world, `wf\u0000${ns}/${name}/${wf.metadata.uid}/${n.id}`, (e) => {
    const o = e.involvedObject;
    if (o.kind !== 'Workflow' || o.name !== name || o.namespace !== ns) return false;
    const at = e.message.indexOf(about);
    if (at < 0) return false;
    const next = e.message.charAt(at + about.length);
    return next === '' || next === ':' || next === ' ';
  });
  return found.slice(-30).map((e) => ({ t: e.t, reason: e.reason, message: e.message, ...(e.why ? { why: e.why } : {}) }));
}

function podOfNode(world: Sandbox, wf: StoredObject, nodeId: string): NodeDetails['pod'] {
  const ns = wf.metadata.namespace ?? 'default';
  const pods = world.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns, labelSelector: `${LABEL_WORKFLOW}=${wf.metadata.name}` });
  const pod = pods.find((p) => p.metadata.annotations?.[ANNOTATION_NODE_ID] === nodeId);
  if (!pod) return undefined;
  const spec = (pod.spec ?? {}) as { initContainers?: { name: string }[]; containers?: { name: string }[] };
  return { namespace: ns, name: pod.metadata.name, containers: [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name) };
}

function details(world: Sandbox, wf: StoredObject, n: NodeStatus): NodeDetails {
  const nodes = statusOf(wf).nodes ?? {};
  const phase = statusOf(wf).phase || 'Pending';
  const parentRetry = Object.values(nodes).find((p) => p.type === 'Retry' && p.children?.includes(n.id));
  const attemptsOf = n.type === 'Retry' ? n : parentRetry;
  const d: NodeDetails = {
    ...graphNode(n),
    children: (n.children ?? []).filter((c) => nodes[c]).map((c) => ({ id: c, displayName: nodes[c]!.displayName || nodes[c]!.name, phase: nodes[c]!.phase })),
    attempts: (attemptsOf?.children ?? []).filter((c) => nodes[c]).map((c) => ({ id: c, displayName: nodes[c]!.displayName, phase: nodes[c]!.phase, ...(nodes[c]!.message ? { message: nodes[c]!.message } : {}) })),
    explain: EXPLAIN[n.type] ?? '',
    events: nodeEvents(world, wf, n),
    canRetryFrom: phase === 'Failed' || phase === 'Error' || phase === 'Succeeded',
    canResume: n.type === 'Suspend' && n.phase === 'Running',
  };
  if (n.boundaryID) d.boundaryID = n.boundaryID;
  if (n.inputs) d.inputs = n.inputs;
  if (n.outputs) d.outputs = n.outputs;
  if (n.progress) d.progress = n.progress;
  if (n.hostNodeName) d.hostNodeName = n.hostNodeName;
  if (n.type === 'Pod') {
    const pod = podOfNode(world, wf, n.id);
    if (pod) d.pod = pod;
  }
  return d;
}

function cronRow(world: Sandbox, cwf: StoredObject, runs: StoredObject[], count: number): CronRow {
  const spec = (cwf.spec ?? {}) as Record<string, unknown>;
  const st = (cwf.status ?? {}) as { active?: { name: string }[]; lastScheduledTime?: string; succeeded?: number; failed?: number; phase?: string; conditions?: CronRow['conditions'] };
  const tz = typeof spec.timezone === 'string' && spec.timezone ? spec.timezone : '';
  const r: CronRow = {
    namespace: cwf.metadata.namespace ?? 'default',
    name: cwf.metadata.name,
    schedules: cronSchedules(spec),
    scheduleString: '',
    timezone: tz || 'UTC',
    concurrencyPolicy: typeof spec.concurrencyPolicy === 'string' ? spec.concurrencyPolicy : 'Allow',
    suspend: spec.suspend === true,
    nextRuns: [],
    active: (st.active ?? []).map((a) => a.name),
    succeeded: st.succeeded ?? 0,
    failed: st.failed ?? 0,
    phase: st.phase || 'Active',
    conditions: st.conditions ?? [],
    runs: runs
      .map((w) => ({ name: w.metadata.name, phase: statusOf(w).phase || 'Pending', startedAt: ms(statusOf(w).startedAt), finishedAt: ms(statusOf(w).finishedAt), created: ms(w.metadata.creationTimestamp) ?? 0 }))
      .sort((a, b) => b.created - a.created || (a.name < b.name ? 1 : -1))
      .slice(0, 10)
      .map(({ created: _c, ...w }) => w),
  };
  if (typeof spec.startingDeadlineSeconds === 'number') r.startingDeadlineSeconds = spec.startingDeadlineSeconds;
  const last = ms(st.lastScheduledTime);
  if (last !== undefined) r.lastScheduledTime = last;
  try {
    r.scheduleString = scheduleWithTimezoneString(spec);
    let t = world.now();
    for (let i = 0; i < count; i++) {
      const next = nextFireTime(spec, t);
      if (next === undefined) break;
      r.nextRuns.push(next);
      t = next;
    }
  } catch (err) {
    r.error = err instanceof Error ? err.message : String(err);
  }
  return r;
}

function must(world: Sandbox, namespace: string, name: string): StoredObject {
  const wf = getWf(world, namespace, name);
  if (!wf) throw new Error(`workflows.argoproj.io "${name}" not found`);
  return wf;
}

export const workflowsFeature = defineFeature({
  queries: {
    /** Every workflow (newest first), like `argo list`. */
    list(host: FeatureHost, namespace?: string): WorkflowRow[] {
      return listWorkflows(host.world, namespace)
        .map((wf) => ({ wf, created: ms(wf.metadata.creationTimestamp) ?? 0 }))
        .sort((a, b) => b.created - a.created || (a.wf.metadata.name < b.wf.metadata.name ? -1 : 1))
        .map(({ wf }) => row(wf));
    },
    /** One workflow's header: phase, timing, outputs and which actions apply. Null when it is gone. */
    get(host: FeatureHost, namespace: string, name: string): WorkflowSummary | null {
      const wf = getWf(host.world, namespace, name);
      if (!wf) return null;
      const st = statusOf(wf);
      const spec = specOf(wf);
      const s: WorkflowSummary = { ...row(wf), uid: wf.metadata.uid, actions: actionStates(wf), conditions: st.conditions ?? [] };
      if (spec.entrypoint) s.entrypoint = spec.entrypoint;
      if (st.outputs) s.outputs = st.outputs;
      if (spec.arguments?.parameters) s.arguments = { parameters: spec.arguments.parameters };
      return s;
    },
    /** The node graph: nodes with phase, edges, and a key that changes only with the structure. */
    graph(host: FeatureHost, namespace: string, name: string): WorkflowGraph | null {
      const wf = getWf(host.world, namespace, name);
      if (!wf) return null;
      // Pushed views re-ask up to 10×/s: an unchanged workflow (same uid + resourceVersion) answers from the cache.
      let cache = GRAPHS.get(host.world);
      if (!cache) GRAPHS.set(host.world, (cache = new Map()));
      const version = `${wf.metadata.uid}@${wf.metadata.resourceVersion}`;
      const hit = cache.get(`${namespace}/${name}`);
      if (hit?.version === version) return hit.graph;
      const nodes = statusOf(wf).nodes ?? {};
      const list = Object.values(nodes).map(graphNode);
      const edges = edgesOf(nodes, wf.metadata.name);
      const structure = `${wf.metadata.uid}|${list.map((n) => n.id).join(',')}|${edges.map((e) => e.join('>')).join(',')}`;
      const graph = { key: `${list.length}-${edges.length}-${fnv32a(structure).toString(16)}`, rev: version, nodes: list, edges };
      if (cache.size > 20) cache.clear();
      cache.set(`${namespace}/${name}`, { version, graph });
      return graph;
    },
    /** Everything the side panel shows about one node. */
    node(host: FeatureHost, namespace: string, name: string, nodeId: string): NodeDetails | null {
      const wf = getWf(host.world, namespace, name);
      const n = wf ? statusOf(wf).nodes?.[nodeId] : undefined;
      return wf && n ? details(host.world, wf, n) : null;
    },
    /** CronWorkflows with their next `count` fire times (virtual clock) and their recent workflows. */
    crons(host: FeatureHost, namespace?: string, count = 5): CronRow[] {
      const world = host.world;
      const wfs = listWorkflows(world, namespace);
      return world.store
        .list({ apiVersion: API, kind: 'CronWorkflow' }, namespace ? { namespace } : {})
        .map((c) => cronRow(world, c, wfs.filter((w) => w.metadata.namespace === c.metadata.namespace && w.metadata.labels?.[LABEL_CRON_WORKFLOW] === c.metadata.name), count));
    },
  },
  actions: {
    suspend(host: FeatureHost, namespace: string, name: string): void {
      workflowActions(host.world, namespace).suspend(name);
    },
    /** Resume the workflow, or only the suspend nodes a field selector picks (`id=<node id>`). */
    resume(host: FeatureHost, namespace: string, name: string, nodeFieldSelector?: string): void {
      workflowActions(host.world, namespace).resume(name, nodeFieldSelector);
    },
    stop(host: FeatureHost, namespace: string, name: string): void {
      workflowActions(host.world, namespace).stop(name);
    },
    terminate(host: FeatureHost, namespace: string, name: string): void {
      workflowActions(host.world, namespace).terminate(name);
    },
    /** `argo retry`; with a node id, `--restart-successful --node-field-selector id=<node>` (re-run from that node). */
    retry(host: FeatureHost, namespace: string, name: string, fromNodeId?: string): void {
      const opts = fromNodeId ? { restartSuccessful: true, nodeFieldSelector: `id=${fromNodeId}` } : {};
      workflowActions(host.world, namespace).retry(name, opts);
    },
    /** `argo resubmit`: a new workflow from the same spec; returns its name. */
    resubmit(host: FeatureHost, namespace: string, name: string, memoized = false): string {
      must(host.world, namespace, name);
      return workflowActions(host.world, namespace).resubmit(name, memoized).metadata.name;
    },
    /** `argo cron suspend|resume`: toggles `spec.suspend` of a CronWorkflow. */
    setCronSuspend(host: FeatureHost, namespace: string, name: string, suspend: boolean): void {
      const store = host.world.store;
      const cwf = store.mustGet({ apiVersion: API, kind: 'CronWorkflow', namespace, name });
      store.update({ ...cwf, spec: { ...(cwf.spec as Record<string, unknown>), suspend } });
    },
  },
});
