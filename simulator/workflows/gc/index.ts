/** Garbage collection of workflow pods (podGC) and finished workflows (ttlStrategy), in virtual time. */
export { podGCController, podCleanupAction, effectivePodGC } from './podGC.js';
export type { PodCleanupAction } from './podGC.js';
export { workflowTTLController, ttlSeconds } from './ttl.js';
export { gcConfig, CONFIGMAP_NAME, CONTROLLER_NAMESPACE, DEFAULT_POD_GC_DELAY_MS } from './config.js';
export type { GcConfig } from './config.js';
