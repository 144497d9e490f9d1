/**
 * gitops-engine pkg/sync/common: annotation keys and the closed sets of phases, result codes and hook types.
 * PostDelete is Argo CD's own hook type (controller/hook.go); gitops-engine's NewHookType rejects it, so a
 * PostDelete hook never becomes a sync task — it only runs when the Application is deleted.
 */

export const ANNOTATION_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
export const ANNOTATION_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const ANNOTATION_HOOK = 'argocd.argoproj.io/hook';
export const ANNOTATION_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
export const ANNOTATION_HELM_HOOK = 'helm.sh/hook';
export const ANNOTATION_HELM_HOOK_WEIGHT = 'helm.sh/hook-weight';
export const ANNOTATION_HELM_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy';
/** Added to every hook before it is created so Argo CD can read its result before it disappears. */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'PostDelete';
/** syncPhaseOrder in sync_tasks.go; PostDelete is not a sync phase there and sorts after SyncFail. */
export const SYNC_PHASE_ORDER: Readonly<Record<SyncPhase, number>> = { PreSync: -1, Sync: 0, PostSync: 1, SyncFail: 2, PostDelete: 3 };

export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
export const RESULT_CODES: readonly ResultCode[] = ['Synced', 'SyncFailed', 'Pruned', 'PruneSkipped'];

export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
export const OPERATION_PHASES: readonly OperationPhase[] = ['Running', 'Terminating', 'Failed', 'Error', 'Succeeded'];
export const isCompleted = (p: OperationPhase): boolean => p === 'Failed' || p === 'Error' || p === 'Succeeded';

export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'Skip' | 'PostDelete';
/** Hook types gitops-engine's NewHookType accepts (PostDelete is handled by Argo CD, not the sync engine). */
const SYNC_HOOK_TYPES: readonly string[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip'];
export function parseHookType(text: string): HookType | undefined {
  return SYNC_HOOK_TYPES.includes(text) ? (text as HookType) : undefined;
}

export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';
const DELETE_POLICIES: readonly string[] = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];
export function parseHookDeletePolicy(text: string): HookDeletePolicy | undefined {
  return DELETE_POLICIES.includes(text) ? (text as HookDeletePolicy) : undefined;
}
