/** Leaf template executors; importing this module registers the built-in ones. */
import './pod.js';
import './suspend.js';
import './resource.js';
import './http.js';
import './containerSet.js';
import './data.js';
import './plugin.js';
import type { Woc } from '../controller/woc.js';
import { reconcileContainerNodes } from './containerSet.js';
import { reconcilePods as reconcilePodNodes } from './podStatus.js';
import { memoPhases, saveMemoized, withMemoization } from '../memo/index.js';
import { releaseFinishedNodes, withSynchronization } from '../sync/index.js';
import { executorFor, registerExecutor } from './types.js';

// Memoization sits in front of every executor that would run a pod (upstream: pod-type templates),
// and synchronization in front of every leaf (locks first, then the cache, like executeTemplate).
const MEMOIZED = new Set(['container', 'script', 'resource', 'data', 'containerSet']);
for (const type of ['container', 'script', 'resource', 'data', 'containerSet', 'http', 'plugin', 'suspend']) {
  const e = executorFor({ [type]: {} });
  if (e) registerExecutor(withSynchronization(MEMOIZED.has(type) ? withMemoization(e) : e));
}

export { registerExecutor, executorFor, reexecutes } from './types.js';
export type { Executor, ExecuteRequest } from './types.js';
export type { NodeFlagLike } from './flags.js';
export { buildPod, ARGOEXEC_IMAGE, DEFAULT_ARTIFACT_REPOSITORY } from './pod.js';
export { inferFailedReason } from './podStatus.js';
export { reconcileContainerNodes } from './containerSet.js';

/** podReconciliation: Pod nodes from their pods, containerSet members' Container nodes, memoized outputs saved, locks of finished nodes released. */
export function reconcilePods(woc: Woc): void {
  const memo = memoPhases(woc);
  reconcilePodNodes(woc);
  reconcileContainerNodes(woc);
  saveMemoized(woc, memo);
  releaseFinishedNodes(woc);
}
export { suspendDurationMs } from './suspend.js';
