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

export { registerExecutor, executorFor } from './types.js';
export type { Executor, ExecuteRequest } from './types.js';
export type { NodeFlagLike } from './flags.js';
export { buildPod, ARGOEXEC_IMAGE, DEFAULT_ARTIFACT_REPOSITORY } from './pod.js';
export { inferFailedReason } from './podStatus.js';
export { reconcileContainerNodes } from './containerSet.js';

/** podReconciliation: Pod nodes from their pods, then containerSet members' Container nodes. */
export function reconcilePods(woc: Woc): void {
  reconcilePodNodes(woc);
  reconcileContainerNodes(woc);
}
export { suspendDurationMs } from './suspend.js';
