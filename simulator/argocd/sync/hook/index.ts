export { hookTypes, isSkip, isHook, isPostDeleteHook, syncPhases, deletePolicies, syncWave } from './hook.js';
export { HELM_HOOK_TYPES, HELM_DELETE_POLICIES, isHelmHook, helmHookTypes, helmDeletePolicies, helmWeight } from './helm.js';
