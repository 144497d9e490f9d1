/**
 * The sync engine (gitops-engine pkg/sync syncContext): `syncStep(env, req, prev)` runs one step of a sync
 * operation and returns the new Argo CD OperationState; call again after `requeueAfterMs` until the phase
 * is terminal. `executePostDeleteHooks` / `cleanupPostDeleteHooks` run an Application's PostDelete hooks
 * when it is deleted (controller/hook.go).
 * See types.ts for the contract.
 */
export { syncStep, SYNC_POLL_MS } from './engine.js';
export { ARGOCD_SSA_MANAGER } from './apply.js';
export { hookName } from './prepare.js';
export { settingsFor, syncOptionList } from './settings.js';
export type { SyncSettings } from './settings.js';
export type {
  SyncOperationResource, SyncStrategy, SyncOperation, RetryStrategy, Operation, ResourceResult, SyncOperationResult,
  OperationState, SyncEnv, SyncRequest, SyncStepResult,
} from './types.js';
export { executePostDeleteHooks, cleanupPostDeleteHooks, isPostDeleteHookObject } from './postDelete.js';
export type { PostDeleteInput, PostDeleteResult } from './postDelete.js';
