/**
 * buildSyncTasks once per manifest set: a sync calls the engine again and again with the same rendered
 * targets (the controller caches them), and the task list depends on the live objects only through the
 * ones to prune. So the build is remembered per targets array, and reused while the settings, the served
 * kinds and the prune candidates (by identity) are unchanged. Callers must not modify the returned tasks.
 */
import { groupOf } from '../../../cluster/types.js';
import type { KubeObject } from '../../../cluster/types.js';
import type { KindInfo } from '../../../cluster/kinds.js';
import { isHook } from '../hook/hook.js';
import { buildSyncTasks } from '../tasks/build.js';
import type { SyncTask } from '../tasks/types.js';
import type { SyncSettings } from './settings.js';

type FindKind = (group: string, kind: string) => KindInfo | undefined;

interface Entry {
  key: string;
  targetKeys: Set<string>;
  pruneLives: KubeObject[];
  built: SyncTask[];
}

const CACHE = new WeakMap<readonly KubeObject[], Entry>();

const objKey = (o: KubeObject, ns: string) => `${groupOf(o.apiVersion)}/${o.kind}/${ns}/${o.metadata.name ?? ''}`;

/** Live objects are frozen store versions: their keys can be remembered for as long as they live. */
const LIVE_KEYS = new WeakMap<KubeObject, string>();
function liveKey(l: KubeObject): string {
  let key = LIVE_KEYS.get(l);
  if (key === undefined) LIVE_KEYS.set(l, (key = objKey(l, l.metadata.namespace ?? '')));
  return key;
}

function sameList(a: readonly KubeObject[], b: readonly KubeObject[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function buildTasksCached(targets: readonly KubeObject[], lives: readonly KubeObject[], s: SyncSettings, find: FindKind, kindCount: number): SyncTask[] {
  const clusterScoped = (g: string, k: string) => find(g, k)?.namespaced === false;
  const key = JSON.stringify([s.prune, s.pruneLast, s.selected, s.skipHooks, s.namespace, kindCount]);
  let entry = CACHE.get(targets);
  if (!entry || entry.key !== key) {
    const targetKeys = new Set<string>();
    for (const t of targets) {
      if (isHook(t)) continue;
      const ns = t.metadata.namespace || (s.namespace && !clusterScoped(groupOf(t.apiVersion), t.kind) ? s.namespace : '');
      targetKeys.add(objKey(t, ns));
    }
    const pruneLives = lives.filter((l) => !isHook(l) && !targetKeys.has(liveKey(l)));
    entry = { key, targetKeys, pruneLives, built: build(targets, pruneLives, s, find) };
    CACHE.set(targets, entry);
    return entry.built;
  }
  // Live objects without a target (and not hooks) become prune tasks; the rest only lend their live copy,
  // which the engine re-reads from the store anyway.
  const pruneLives = lives.filter((l) => !isHook(l) && !entry.targetKeys.has(liveKey(l)));
  if (!sameList(pruneLives, entry.pruneLives)) {
    entry.pruneLives = pruneLives;
    entry.built = build(targets, pruneLives, s, find);
  }
  return entry.built;
}

function build(targets: readonly KubeObject[], lives: readonly KubeObject[], s: SyncSettings, find: FindKind): SyncTask[] {
  return buildSyncTasks({
    targets, lives, prune: s.prune, pruneLast: s.pruneLast, selectedResources: s.selected, skipHooks: s.skipHooks,
    namespace: s.namespace || undefined,
    isClusterScoped: (g, k) => find(g, k)?.namespaced === false,
    isKnownKind: (g, k) => find(g, k) !== undefined,
  });
}
