/**
 * gitops-engine getSyncTasks on every call: tasks from the targets and live objects (groundwork
 * buildSyncTasks), hook names for generateName, the hook finalizer, the destination namespace, the
 * CreateNamespace task, live objects re-read from the store, permission and API checks, previous results.
 */
import { clone, groupOf } from '../../../cluster/types.js';
import type { KubeObject, StoredObject } from '../../../cluster/types.js';
import type { KindInfo } from '../../../cluster/kinds.js';
import { HOOK_FINALIZER } from '../common/types.js';
import { TRACKING_ID_ANNOTATION } from '../../diff/index.js';
import { sortSyncTasks } from '../tasks/sort.js';
import type { SyncTask } from '../tasks/types.js';
import type { Results } from './results.js';
import type { SyncSettings } from './settings.js';
import { toRuntimeTask } from './task.js';
import type { RuntimeTask } from './task.js';
import type { SyncEnv, SyncRequest } from './types.js';
import { respectIgnoreDifferences } from './ignore.js';
import { buildTasksCached } from './buildCache.js';

export interface PreparedTasks {
  tasks: RuntimeTask[];
  /** false: a permission or API check failed (upstream "one or more synchronization tasks are not valid"). */
  ok: boolean;
}

type FindKind = (group: string, kind: string) => KindInfo | undefined;

/** findByGroupKind scans every served kind: remember answers for the length of one step (kinds change only when it writes). */
function kindFinder(env: SyncEnv): FindKind {
  const memo = new Map<string, KindInfo | undefined>();
  return (group, kind) => {
    const key = `${group}/${kind}`;
    if (memo.has(key)) return memo.get(key);
    const info = env.store.kinds.findByGroupKind(group, kind);
    memo.set(key, info);
    return info;
  };
}

/** Live object from the store; undefined when absent or its kind is not served. */
export function getLive(env: SyncEnv, t: { group: string; version: string; kind: string; namespace: string; name: string }, find?: FindKind): StoredObject | undefined {
  const info = find ? find(t.group, t.kind) : env.store.kinds.findByGroupKind(t.group, t.kind);
  if (!info || t.name === '') return undefined;
  return env.store.get({ group: t.group, apiVersion: t.group ? `${t.group}/${info.version}` : info.version, kind: t.kind, namespace: info.namespaced ? t.namespace : undefined, name: t.name });
}

/**
 * argo-cd isSelfReferencedObj: a tracking id names one object (`app:group/Kind:namespace/name`); a copy
 * carried by another object (a ReplicaSet inherits its Deployment's annotations) does not make it managed.
 */
export function isSelfReferenced(o: KubeObject): boolean {
  const id = o.metadata.annotations?.[TRACKING_ID_ANNOTATION];
  if (id === undefined) return true;
  // Live objects are frozen store versions, looked at again on every step: remember the answer.
  if (!Object.isFrozen(o)) return selfReferenced(o, id);
  let self = SELF_REFERENCED.get(o);
  if (self === undefined) SELF_REFERENCED.set(o, (self = selfReferenced(o, id)));
  return self;
}

const SELF_REFERENCED = new WeakMap<KubeObject, boolean>();

function selfReferenced(o: KubeObject, id: string): boolean {
  const m = /^[^:]*:([^/]*)\/([^:]*):([^/]*)\/(.*)$/.exec(id);
  if (!m) return true;
  const [, group, kind, ns, name] = m;
  return group === groupOf(o.apiVersion) && kind === o.kind && name === o.metadata.name && (ns === (o.metadata.namespace ?? '') || (o.metadata.namespace ?? '') === '');
}

/** `<generateName><rev7>-<phase>-<unix start>`, lower-cased, like getSyncTasks names generateName hooks. */
export function hookName(generateName: string, revision: string, phase: string, startedAt: string): string {
  const rev = revision.length >= 8 ? revision.slice(0, 7) : revision;
  const unix = Math.floor(Date.parse(startedAt) / 1000);
  return `${generateName}${`${rev}-${phase}-${unix}`.toLowerCase()}`;
}

export function prepareTasks(env: SyncEnv, req: SyncRequest, s: SyncSettings, results: Results, startedAt: string): PreparedTasks {
  const find = kindFinder(env);
  const targets = s.respectIgnoreDifferences ? respectIgnoreDifferences(req, env) : req.targets;
  const built = buildTasksCached(targets, req.live.filter(isSelfReferenced), s, find, env.store.kinds.all().length);
  let sorted: readonly SyncTask[] = built;
  const nsTask = s.createNamespace && s.namespace !== '' ? namespaceTask(env, targets, s.namespace) : undefined;
  if (nsTask) sorted = sortSyncTasks([...built, nsTask]);

  const tasks: RuntimeTask[] = [];
  let ok = true;
  for (const base of sorted) {
    // `base` may be shared with later steps (buildTasksCached): everything that changes goes on the copy.
    const targetObj = base.targetObj ? withRuntimeFields(base, base.targetObj, req.revision, startedAt) : undefined;
    const name = targetObj ? (targetObj.metadata.name ?? '') : base.name;
    // The store is the truth: an object deleted or changed since the controller's last look counts as such.
    const live = getLive(env, { ...base, name }, find);
    if (base.isPrune && !live) continue; // already gone: nothing left to prune
    const rt = toRuntimeTask(base, name, targetObj, live);
    if (!checkTask(env, rt, s, results, find)) ok = false;
    tasks.push(rt);
  }
  if (results.size > 0) for (const t of tasks) results.enrich(t);
  return { tasks, ok };
}

/** Hook name and finalizer, destination namespace on namespaced objects without one. */
function withRuntimeFields(t: SyncTask, target: KubeObject, revision: string, startedAt: string): KubeObject {
  const needsName = t.isHook && !target.metadata.name;
  const needsFinalizer = t.isHook && !(target.metadata.finalizers ?? []).includes(HOOK_FINALIZER);
  const needsNs = t.namespace !== '' && !target.metadata.namespace;
  if (!needsName && !needsFinalizer && !needsNs) return target;
  const o = clone(target);
  if (needsName) o.metadata.name = hookName(target.metadata.generateName ?? '', revision, t.phase, startedAt);
  if (needsFinalizer) o.metadata.finalizers = [...(o.metadata.finalizers ?? []), HOOK_FINALIZER];
  if (needsNs) o.metadata.namespace = t.namespace;
  return o;
}

/** autoCreateNamespace: a PreSync Namespace task when the destination namespace is neither managed nor present. */
function namespaceTask(env: SyncEnv, targets: readonly KubeObject[], ns: string): SyncTask | undefined {
  if (targets.some((o) => o.kind === 'Namespace' && groupOf(o.apiVersion) === '' && o.metadata.name === ns)) return undefined;
  if (env.store.get({ apiVersion: 'v1', kind: 'Namespace', name: ns })) return undefined;
  const target: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } };
  return {
    phase: 'PreSync', wave: 0, annotatedWave: 0, group: '', version: 'v1', kind: 'Namespace', namespace: '', name: ns,
    targetObj: target, isHook: false, isPrune: false, deletePolicies: [], syncOptions: {}, skipDryRun: false,
  };
}

/** The API must serve the kind (unless its CRD comes with this sync) and the AppProject must permit it. */
function checkTask(env: SyncEnv, t: RuntimeTask, s: SyncSettings, results: Results, find: FindKind): boolean {
  if (!find(t.group, t.kind)) {
    if (t.skipDryRun || (s.skipDryRunOnMissingResource && t.targetObj)) {
      t.skipDryRun = true;
      return true;
    }
    results.set(t, 'SyncFailed', undefined, missingKindMessage(env, t));
    return false;
  }
  const denied = env.permitted?.(t.group, t.kind, t.namespace);
  if (denied !== undefined) {
    results.set(t, 'SyncFailed', undefined, denied);
    return false;
  }
  return true;
}

/** kube.ServerResourceForGroupVersionKind errors: unknown group/version, or a kind the group does not serve. */
function missingKindMessage(env: SyncEnv, t: RuntimeTask): string {
  const gv = t.group ? `${t.group}/${t.version}` : t.version;
  const served = env.store.kinds.all().some((k) => k.group === t.group && k.version === t.version);
  if (!served) return `failed to discover server resources for group version ${gv}: the server could not find the requested resource`;
  return `${t.kind}${t.group ? `.${t.group}` : ''} "" not found`;
}
