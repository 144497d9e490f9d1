/**
 * Pod garbage collection (workflow/controller/pod/cleanup.go): `spec.podGC.strategy` OnPodCompletion /
 * OnPodSuccess / OnWorkflowCompletion / OnWorkflowSuccess, only pods matching `labelSelector`, each deleted
 * `deleteDelayDuration` (or the configmap's podGCDeleteDelayDuration, 5s) after its node finished.
 */
import { parseDuration } from '../../core/clock.js';
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import { fromLabelSelectorObject, matchesLabels } from '../../cluster/selectors.js';
import { isObj } from '../../cluster/types.js';
import type { StoredObject, WatchEvent } from '../../cluster/types.js';
import { NO_KEYS, LastKey } from '../../cluster/controllers/shared/keys.js';
import { deleteIfPresent } from '../../cluster/controllers/shared/objects.js';
import { gcConfig } from './config.js';

const WF_API = 'argoproj.io/v1alpha1';
export const LABEL_WORKFLOW = 'workflows.argoproj.io/workflow';
const LABEL_COMPONENT = 'workflows.argoproj.io/component';
const ANNOTATION_NODE_ID = 'workflows.argoproj.io/node-id';

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (isObj(v) ? v : {});

const NODE_DONE = new Set(['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted']);
const WF_DONE = new Set(['Succeeded', 'Failed', 'Error']);

/** execWf.Spec.PodGC: the workflow's own, else the stored template spec's, else the configmap default. */
export function effectivePodGC(store: ClusterContext['store'], wf: StoredObject): Dict | undefined {
  const own = dict(wf.spec).podGC;
  if (isObj(own)) return own;
  const stored = dict(dict(wf.status).storedWorkflowTemplateSpec).podGC;
  if (isObj(stored)) return stored;
  return gcConfig(store).defaultPodGC;
}

export type PodCleanupAction = 'delete' | 'none';

/** determinePodCleanupAction, for the sim: delete, or leave the pod. */
export function podCleanupAction(strategy: string, selectorMatches: boolean, workflowPhase: string, podPhase: string): PodCleanupAction {
  if (!selectorMatches || strategy === '') return 'none';
  if (strategy === 'OnWorkflowCompletion') return WF_DONE.has(workflowPhase) ? 'delete' : 'none';
  if (strategy === 'OnWorkflowSuccess') return workflowPhase === 'Succeeded' ? 'delete' : 'none';
  if (strategy === 'OnPodCompletion') return 'delete';
  if (strategy === 'OnPodSuccess') return podPhase === 'Succeeded' ? 'delete' : 'none';
  return 'none';
}

function delayMs(ctx: ClusterContext, podGC: Dict): number {
  const d = podGC.deleteDelayDuration;
  if (typeof d === 'string' && d !== '') {
    try {
      return parseDuration(d);
    } catch {
      // "failed to parse podGC.deleteDelayDuration": the configured default applies.
    }
  }
  return gcConfig(ctx.store).podGCDeleteDelayMs;
}

function reconcilePodGC(ctx: ClusterContext, wf: StoredObject, key: string): void {
  const podGC = effectivePodGC(ctx.store, wf);
  const strategy = typeof podGC?.strategy === 'string' ? podGC.strategy : '';
  if (!podGC || !strategy) return;
  const reqs = fromLabelSelectorObject(podGC.labelSelector ?? {});
  const status = dict(wf.status);
  const phase = typeof status.phase === 'string' ? status.phase : '';
  const nodes = dict(status.nodes);
  const delay = delayMs(ctx, podGC);
  const now = ctx.now();
  let wake: number | undefined;
  const pods = ctx.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: wf.metadata.namespace, labelSelector: `${LABEL_WORKFLOW}=${wf.metadata.name}` });
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || pod.metadata.labels?.[LABEL_COMPONENT] !== undefined) continue;
    const node = dict(nodes[pod.metadata.annotations?.[ANNOTATION_NODE_ID] ?? '']);
    if (!NODE_DONE.has(String(node.phase ?? ''))) continue;
    const podPhase = String(dict(pod.status).phase ?? '');
    if (podCleanupAction(strategy, matchesLabels(reqs, pod.metadata.labels), phase, podPhase) !== 'delete') continue;
    // The delay counts from when the deletion became due: the node's end, or the workflow's end for workflow strategies.
    const from = strategy.startsWith('OnWorkflow') ? String(status.finishedAt ?? node.finishedAt ?? '') : String(node.finishedAt ?? '');
    const due = (Date.parse(from) || now) + delay;
    if (due > now) {
      wake = wake === undefined ? due : Math.min(wake, due);
      continue;
    }
    if (!deleteIfPresent(ctx.store, pod)) continue;
    ctx.record({
      involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      reason: 'PodGC',
      message: `Deleted pod ${pod.metadata.name} (podGC ${strategy})`,
      why: `podGC.strategy ${strategy}${delay ? ` with a ${delay / 1000}s delete delay` : ''}: node ${String(node.displayName ?? node.name ?? '')} ended ${String(node.phase)}.`,
    });
  }
  if (wake !== undefined) ctx.enqueue(key, wake - now);
}

/** A workflow's pods all wake its key: the last one is kept. */
const workflowKey = new LastKey((namespace, wf) => `${namespace}/${wf}`);

function workflowKeyOfPod(e: WatchEvent): string[] {
  const wf = e.object.metadata.labels?.[LABEL_WORKFLOW];
  return wf && e.type !== 'DELETED' ? workflowKey.of(e.object.metadata.namespace ?? '', wf) : NO_KEYS;
}

export const podGCController: ClusterController = {
  name: 'workflow-pod-gc',
  component: 'workflow-controller',
  watches: [
    { group: 'argoproj.io', kind: 'Workflow' },
    { group: '', kind: 'Pod', map: workflowKeyOfPod },
  ],
  reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const wf = ctx.store.get({ apiVersion: WF_API, kind: 'Workflow', namespace, name });
    if (wf && !wf.metadata.deletionTimestamp) reconcilePodGC(ctx, wf, key);
  },
};
