/**
 * `argo resubmit` (util.FormulateResubmitWorkflow) and `argo submit --from` (workflows made from a
 * WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow).
 */
import type { Rng } from '../../core/rng.js';
import { clone, isObj } from '../../cluster/types.js';
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { newWorkflowFromTemplate } from '../templates/index.js';
import { getWorkflow, WF_API } from './control.js';
import type { ActionWorld } from './control.js';
import { failedOrError, nodeId, statusOf } from './nodes.js';
import type { Node, Nodes } from './nodes.js';

export const LABEL_PREVIOUS_WORKFLOW = 'workflows.argoproj.io/resubmitted-from-workflow';
const DROPPED_LABELS = new Set([
  'workflows.argoproj.io/creator',
  'workflows.argoproj.io/creator-email',
  'workflows.argoproj.io/creator-preferred-username',
  'workflows.argoproj.io/phase',
  'workflows.argoproj.io/completed',
  'workflows.argoproj.io/workflow-archiving-status',
]);

function hasSucceededDescendant(nodes: Nodes, node: Node, seen = new Set<string>()): boolean {
  for (const c of node.children ?? []) {
    if (seen.has(c) || !nodes[c]) continue;
    seen.add(c);
    if (nodes[c].phase === 'Succeeded' || hasSucceededDescendant(nodes, nodes[c], seen)) return true;
  }
  return false;
}

/**
 * The new Workflow (not yet created). Memoized resubmits need a fixed name (`<generateName><5 random>`, from
 * `rng`) so successful pod nodes can be carried over as Skipped with `original pod: <id>`.
 */
export function formulateResubmitWorkflow(wf: StoredObject, opts: { memoized?: boolean; rng?: Rng; nowIso?: string } = {}): KubeObject {
  const generateName = wf.metadata.generateName || `${wf.metadata.name}-`;
  const metadata: KubeObject['metadata'] = { namespace: wf.metadata.namespace };
  const status = statusOf(wf);
  if (opts.memoized) {
    if (status.phase !== 'Failed' && status.phase !== 'Error') throw new Error('workflow must be Failed/Error to resubmit in memoized mode');
    if (!opts.rng) throw new Error('memoized resubmit needs a random source for the new name');
    metadata.name = generateName + opts.rng.suffix();
  } else metadata.generateName = generateName;
  const spec = clone(isObj(wf.spec) ? wf.spec : {}) as Record<string, unknown>;
  if (spec.activeDeadlineSeconds === 0) delete spec.activeDeadlineSeconds;
  delete spec.shutdown;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(wf.metadata.labels ?? {})) if (!DROPPED_LABELS.has(k)) labels[k] = v;
  labels[LABEL_PREVIOUS_WORKFLOW] = wf.metadata.name;
  metadata.labels = labels;
  metadata.annotations = { ...(wf.metadata.annotations ?? {}) };
  if (wf.metadata.ownerReferences?.length) metadata.ownerReferences = clone(wf.metadata.ownerReferences);
  const out: KubeObject = { apiVersion: wf.apiVersion, kind: 'Workflow', metadata, spec: spec as KubeObject['spec'] };
  if (!opts.memoized) return out;

  const oldName = wf.metadata.name;
  const newName = metadata.name!;
  const rename = (s: string) => (s.startsWith(oldName) ? newName + s.slice(oldName.length) : s);
  const oldNodes = status.nodes ?? {};
  const convert = (id: string) => nodeId(newName, rename(oldNodes[id]?.name ?? ''));
  const nodes: Nodes = {};
  const now = opts.nowIso ?? wf.metadata.creationTimestamp;
  for (const node of Object.values(oldNodes)) {
    if (node.name.startsWith(`${oldName}.onExit`)) continue;
    const n: Node = clone(node);
    n.name = rename(node.name);
    n.id = nodeId(newName, n.name);
    if (node.boundaryID) n.boundaryID = convert(node.boundaryID);
    if (failedOrError(n) && n.type === 'Pod') {
      delete n.startedAt;
      delete n.finishedAt;
    } else {
      n.startedAt = now;
      n.finishedAt = now;
    }
    n.children = (node.children ?? []).map(convert);
    n.outboundNodes = (node.outboundNodes ?? []).map(convert);
    if (!failedOrError(n) && n.type === 'Pod') {
      n.phase = 'Skipped';
      n.type = 'Skipped';
      n.message = `original pod: ${node.id}`;
    } else if (n.type === 'Skipped' && !hasSucceededDescendant(oldNodes, node)) {
      continue;
    } else {
      n.phase = 'Pending';
      delete n.message;
    }
    nodes[n.id] = n;
  }
  const newStatus: Record<string, unknown> = { nodes, conditions: [{ type: 'Completed', status: 'False' }] };
  if (isObj(status.storedTemplates)) newStatus.storedTemplates = clone(status.storedTemplates);
  out.status = newStatus as KubeObject['status'];
  return out;
}

/** `argo resubmit NAME [--memoized]`: create the new workflow. */
export function resubmit(world: ActionWorld & { rng?: Rng }, namespace: string, name: string, opts: { memoized?: boolean } = {}): StoredObject {
  const wf = getWorkflow(world, namespace, name);
  return world.store.create(formulateResubmitWorkflow(wf, { memoized: opts.memoized, rng: world.rng, nowIso: new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
}

export type SubmitFromKind = 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

/**
 * `argo submit --from kind/name`: a Workflow referencing the template (workflowTemplateRef), or a CronWorkflow's
 * workflowSpec run once now (ConvertCronWorkflowToWorkflow, with the scheduled-time annotation).
 */
export function submitFrom(world: ActionWorld, namespace: string, kind: SubmitFromKind, name: string, opts: { entrypoint?: string; parameters?: Record<string, string> } = {}): StoredObject {
  let wf: KubeObject;
  if (kind === 'CronWorkflow') {
    const cwf = world.store.mustGet({ apiVersion: WF_API, kind, namespace, name });
    const spec = isObj(cwf.spec) ? cwf.spec : {};
    const md = isObj(spec.workflowMetadata) ? (spec.workflowMetadata as { labels?: Record<string, string>; annotations?: Record<string, string> }) : {};
    wf = {
      apiVersion: WF_API,
      kind: 'Workflow',
      metadata: {
        generateName: `${name}-`,
        namespace,
        labels: { 'workflows.argoproj.io/cron-workflow': name, ...(md.labels ?? {}) },
        annotations: { 'workflows.argoproj.io/scheduled-time': new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), ...(md.annotations ?? {}) },
        ownerReferences: [{ apiVersion: WF_API, kind: 'CronWorkflow', name, uid: cwf.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: clone(spec.workflowSpec ?? {}) as KubeObject['spec'],
    };
  } else {
    // The template must exist, as the API server's create-time check does.
    world.store.mustGet(kind === 'ClusterWorkflowTemplate' ? { apiVersion: WF_API, kind, name } : { apiVersion: WF_API, kind, namespace, name });
    wf = newWorkflowFromTemplate(name, kind === 'ClusterWorkflowTemplate', namespace);
  }
  const spec = wf.spec as Record<string, unknown>;
  if (opts.entrypoint) spec.entrypoint = opts.entrypoint;
  const params = Object.entries(opts.parameters ?? {});
  if (params.length) {
    const args = isObj(spec.arguments) ? { ...spec.arguments } : {};
    const list = Array.isArray(args.parameters) ? [...(args.parameters as { name: string; value?: string }[])] : [];
    for (const [k, v] of params) {
      const i = list.findIndex((p) => p.name === k);
      if (i >= 0) list[i] = { ...list[i], value: v };
      else list.push({ name: k, value: v });
    }
    spec.arguments = { ...args, parameters: list };
  }
  return world.store.create(wf);
}
