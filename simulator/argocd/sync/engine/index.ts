/**
 * The sync engine (gitops-engine pkg/sync syncContext): `syncStep(env, req, prev)` runs one step of a sync
 * operation and returns the new Argo CD OperationState. See types.ts for the contract.
 */
export type {
  SyncOperationResource, SyncStrategy, SyncOperation, RetryStrategy, Operation, ResourceResult, SyncOperationResult,
  OperationState, SyncEnv, SyncRequest, SyncStepResult,
} from './types.js';
