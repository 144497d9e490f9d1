/** Leaf template executors; importing this module registers the built-in ones. */
import './pod.js';
import './suspend.js';
import './resource.js';
import './http.js';

export { registerExecutor, executorFor } from './types.js';
export type { Executor, ExecuteRequest } from './types.js';
export type { NodeFlagLike } from './flags.js';
export { buildPod, ARGOEXEC_IMAGE, DEFAULT_ARTIFACT_REPOSITORY } from './pod.js';
export { reconcilePods, inferFailedReason } from './podStatus.js';
export { suspendDurationMs } from './suspend.js';
