/** gitops-engine syncTasks.Less / Sort / adjustDeps, on plain data. */
import { getPath } from '../../../cluster/types.js';
import { SYNC_PHASE_ORDER } from '../common/types.js';
import { kindOrder } from './kindOrder.js';
import type { SyncTask, WaveReason } from './types.js';

/** Phase, then wave, then kind order, then name (generateName hooks by their prefix). Nothing else. */
export function compareSyncTasks(a: SyncTask, b: SyncTask): number {
  const d = SYNC_PHASE_ORDER[a.phase] - SYNC_PHASE_ORDER[b.phase];
  if (d !== 0) return d;
  if (a.wave !== b.wave) return a.wave - b.wave;
  const k = kindOrder(a.kind) - kindOrder(b.kind);
  if (k !== 0) return k;
  const an = a.name || (a.generateName ?? '');
  const bn = b.name || (b.generateName ?? '');
  return an < bn ? -1 : an > bn ? 1 : 0;
}

type KeyOf = (t: SyncTask) => string | undefined;

/**
 * Sort, then bubble dependencies up: a Namespace before the first task in it, a CRD before the first of its
 * custom resources. A moved dependency takes that task's phase and wave (upstream adjustDeps). Returns new
 * task objects; the input is untouched. Equal tasks keep their input order (JS sort is stable).
 */
export function sortSyncTasks(tasks: readonly SyncTask[]): SyncTask[] {
  const s = tasks.map((t) => ({ ...t })).sort(compareSyncTasks);
  adjustDeps(s, namespaceDep, (t) => (t.namespace !== '' ? t.namespace : undefined), 'namespace-dependency');
  adjustDeps(s, crdDep, (t) => `${t.group}/${t.kind}`, 'crd-dependency');
  return s;
}

const namespaceDep: KeyOf = (t) => (t.kind === 'Namespace' && t.group === '' ? t.name : undefined);

const crdDep: KeyOf = (t) => {
  if (!t.targetObj || t.kind !== 'CustomResourceDefinition' || t.group !== 'apiextensions.k8s.io') return undefined;
  const group = getPath(t.targetObj, ['spec', 'group']);
  const kind = getPath(t.targetObj, ['spec', 'names', 'kind']);
  return typeof group === 'string' && typeof kind === 'string' ? `${group}/${kind}` : undefined;
};

function adjustDeps(s: SyncTask[], isDep: KeyOf, refDep: KeyOf, reason: WaveReason): void {
  const first = new Map<string, number>();
  for (let i = 0; i < s.length; i++) {
    const t = s[i];
    if (!t.targetObj) continue;
    const depKey = isDep(t);
    if (depKey !== undefined) {
      const index = first.get(depKey);
      if (index === undefined) continue;
      const ref = s[index];
      if (t.wave !== ref.wave || t.phase !== ref.phase) t.waveReason = reason;
      t.wave = ref.wave;
      t.phase = ref.phase;
      s.splice(i, 1);
      s.splice(index, 0, t);
      for (const [k, v] of first) if (v >= index) first.set(k, v + 1);
      continue;
    }
    const refKey = refDep(t);
    if (refKey !== undefined && !first.has(refKey)) first.set(refKey, i);
  }
}
