/**
 * Sync tasks as data, ordered like gitops-engine pkg/sync (sync_tasks.go, sync_context.go getSyncTasks):
 * `buildSyncTasks` → sorted `SyncTask[]`; `groupByPhaseAndWave` → steps the engine runs one at a time;
 * `describeSyncPlan` → one learner-facing line per step.
 */
export { KIND_ORDER_LIST, kindOrder } from './kindOrder.js';
export { compareSyncTasks, sortSyncTasks } from './sort.js';
export { buildSyncTasks, isSelected } from './build.js';
export type { BuildSyncTasksInput } from './build.js';
export { groupByPhaseAndWave, isMultiStep, stepExecutionOrder, describeTask, describeSyncPlan } from './plan.js';
export type { SyncTask, SyncStep, SelectedResource, WaveReason } from './types.js';
