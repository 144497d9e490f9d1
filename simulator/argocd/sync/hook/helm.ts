/** gitops-engine pkg/sync/hook/helm: Helm hook annotations mapped onto Argo CD hooks. */
import type { KubeObject } from '../../../cluster/types.js';
import { getAnnotationCSVs, atoi } from '../common/annotations.js';
import { ANNOTATION_HELM_HOOK, ANNOTATION_HELM_HOOK_DELETE_POLICY, ANNOTATION_HELM_HOOK_WEIGHT } from '../common/types.js';
import type { HookDeletePolicy, HookType } from '../common/types.js';

/** Only these four Helm hooks have an Argo CD meaning; test/rollback/delete hooks are ignored. */
export const HELM_HOOK_TYPES: Readonly<Record<string, HookType>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-upgrade': 'PostSync',
  'post-install': 'PostSync',
};

export const HELM_DELETE_POLICIES: Readonly<Record<string, HookDeletePolicy>> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

/** Helm uses the same annotation to mark CRDs (`crd-install`); those are not hooks. */
export function isHelmHook(obj: KubeObject): boolean {
  const v = obj.metadata.annotations?.[ANNOTATION_HELM_HOOK];
  return v !== undefined && v !== 'crd-install';
}

export function helmHookTypes(obj: KubeObject): HookType[] {
  const out: HookType[] = [];
  for (const t of getAnnotationCSVs(obj, ANNOTATION_HELM_HOOK)) {
    const mapped = Object.hasOwn(HELM_HOOK_TYPES, t) ? HELM_HOOK_TYPES[t] : undefined;
    if (mapped !== undefined) out.push(mapped);
  }
  return out;
}

export function helmDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const out: HookDeletePolicy[] = [];
  for (const p of getAnnotationCSVs(obj, ANNOTATION_HELM_HOOK_DELETE_POLICY)) {
    const mapped = Object.hasOwn(HELM_DELETE_POLICIES, p) ? HELM_DELETE_POLICIES[p] : undefined;
    if (mapped !== undefined) out.push(mapped);
  }
  return out;
}

/** `helm.sh/hook-weight`, 0 when absent or not an integer. */
export function helmWeight(obj: KubeObject): number {
  const v = obj.metadata.annotations?.[ANNOTATION_HELM_HOOK_WEIGHT];
  return (v !== undefined ? atoi(v) : undefined) ?? 0;
}
