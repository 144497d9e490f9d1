/**
 * Argo CD controller/hook.go: PostDelete hooks run when an Application is deleted, after its resources are
 * gone. The controller calls `executePostDeleteHooks` until it returns done (hooks created, none still
 * Progressing), then `cleanupPostDeleteHooks` until done (hooks deleted per HookSucceeded / HookFailed).
 * Stateless: every call looks at the live objects again.
 */
import { clone, groupOf } from '../../../cluster/types.js';
import type { KubeObject } from '../../../cluster/types.js';
import type { ObjectRef } from '../../../core/eventLog.js';
import { getResourceHealth, isWorse } from '../../health/index.js';
import type { HealthStatusCode } from '../../health/index.js';
import { deletePolicies } from '../hook/hook.js';
import { deleteLive } from './apply.js';
import { kubectlRef } from './task.js';
import type { SyncEnv } from './types.js';

/** Exact values, as upstream's hookTypeAnnotations map compares them. */
export function isPostDeleteHookObject(obj: KubeObject | undefined): boolean {
  const ann = obj?.metadata.annotations;
  return ann !== undefined && (ann['argocd.argoproj.io/hook'] === 'PostDelete' || ann['helm.sh/hook'] === 'post-delete');
}

export interface PostDeleteInput {
  app: KubeObject;
  /** Rendered manifests of the Application (hooks included). */
  targets: KubeObject[];
  /** The Application's live objects (PostDelete hooks it created included). */
  live: KubeObject[];
}

export interface PostDeleteResult {
  done: boolean;
  /** Hooks created by this call. */
  created: string[];
  /** Hooks still running (Progressing). */
  progressing: number;
}

const refOf = (app: KubeObject): ObjectRef => ({ apiVersion: app.apiVersion, kind: app.kind, namespace: app.metadata.namespace, name: app.metadata.name ?? '', uid: app.metadata.uid });
const keyOf = (o: KubeObject) => `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export function executePostDeleteHooks(env: SyncEnv, input: PostDeleteInput): PostDeleteResult {
  const destNs = String((input.app.spec as { destination?: { namespace?: string } } | undefined)?.destination?.namespace ?? '');
  const running = input.live.filter(isPostDeleteHookObject);
  const runningKeys = new Set(running.map(keyOf));
  const created: string[] = [];
  for (const t of input.targets) {
    if (!isPostDeleteHookObject(t)) continue;
    const obj = clone(t);
    const info = env.store.kinds.findByGroupKind(groupOf(obj.apiVersion), obj.kind);
    if (!obj.metadata.namespace && destNs && info?.namespaced !== false) obj.metadata.namespace = destNs;
    // A generateName hook counts as running once one with its prefix exists.
    const exists = obj.metadata.name
      ? runningKeys.has(keyOf(obj))
      : running.some((l) => l.kind === obj.kind && (l.metadata.name ?? '').startsWith(obj.metadata.generateName ?? '\u0000'));
    if (exists) continue;
    const stored = env.store.create(obj);
    const ref = kubectlRef(stored.kind, groupOf(stored.apiVersion), stored.metadata.name);
    created.push(ref);
    env.record({
      involvedObject: refOf(input.app), reason: 'PostDeleteHookCreated', message: `PostDelete hook ${ref} created`, type: 'Normal',
      why: 'The Application is being deleted and its resources are gone; PostDelete hooks run now, and the Application is removed once they finish.',
    });
  }
  if (created.length > 0) return { done: false, created, progressing: 0 };
  let progressing = 0;
  for (const h of running) {
    const health = getResourceHealth(h, env.healthOverrides)?.status ?? 'Healthy';
    if (health === 'Progressing') progressing++;
  }
  return { done: progressing === 0, created, progressing };
}

/** Delete finished PostDelete hooks per their policy, judged by the hooks' aggregated health. Done when none is left to wait for. */
export function cleanupPostDeleteHooks(env: SyncEnv, input: Pick<PostDeleteInput, 'app' | 'live'>): { done: boolean; pendingDeletion: number } {
  const hooks = input.live.filter(isPostDeleteHookObject);
  let aggregated: HealthStatusCode = 'Healthy';
  for (const h of hooks) {
    const s = getResourceHealth(h, env.healthOverrides)?.status ?? 'Healthy';
    if (isWorse(aggregated, s)) aggregated = s;
  }
  let pendingDeletion = 0;
  for (const h of hooks) {
    for (const p of deletePolicies(h)) {
      if (!((p === 'HookFailed' && aggregated === 'Degraded') || (p === 'HookSucceeded' && aggregated === 'Healthy'))) continue;
      pendingDeletion++;
      if (h.metadata.deletionTimestamp) continue;
      deleteLive(env, h, 'Background');
      env.record({
        involvedObject: refOf(input.app), reason: 'PostDeleteHookDeleted', message: `PostDelete hook ${kubectlRef(h.kind, groupOf(h.apiVersion), h.metadata.name ?? '')} deleted`, type: 'Normal',
        why: `The PostDelete hooks ended ${aggregated} and this one's delete policy is ${p}, so it is cleaned up before the Application goes away.`,
      });
    }
  }
  return { done: pendingDeletion === 0, pendingDeletion };
}
