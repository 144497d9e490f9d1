/**
 * ControllerRefManager (claim/adopt/release): a controller owns what carries its controller reference and
 * still matches its selector; matching orphans are adopted, owned objects that no longer match are released.
 */
import type { ObjectStore } from '../../store/index.js';
import { fromLabelSelectorObject, matchesLabels } from '../../selectors.js';
import { groupOf } from '../../types.js';
import type { KubeObject, StoredObject } from '../../types.js';
import type { ObjectIndex } from '../objectIndex/index.js';
import { controllerRef } from './pods.js';

/** Label matches cached per (immutable) object and selector text. */
const MATCHES = new WeakMap<object, { sel: string; ok: boolean }>();

function matches(reqs: ReturnType<typeof fromLabelSelectorObject>, selKey: string, o: StoredObject): boolean {
  const hit = MATCHES.get(o);
  if (hit && hit.sel === selKey) return hit.ok;
  const ok = matchesLabels(reqs, o.metadata.labels);
  if (Object.isFrozen(o)) MATCHES.set(o, { sel: selKey, ok });
  return ok;
}

export function claimObjects(
  store: ObjectStore,
  idx: ObjectIndex,
  owner: StoredObject,
  target: { group: string; kind: string },
  selector: unknown,
  canAdopt: (o: StoredObject) => boolean = () => true,
): StoredObject[] {
  const reqs = fromLabelSelectorObject(selector);
  const selKey = JSON.stringify(selector ?? null);
  // An empty selector selects nothing for a controller (validation forbids it; be safe).
  const usable = reqs.length > 0;
  const out: StoredObject[] = [];
  const uid = owner.metadata.uid;
  for (const o of idx.controlledBy(uid, target.group, target.kind)) {
    if (usable && matches(reqs, selKey, o)) {
      out.push(o);
    } else if (!o.metadata.deletionTimestamp && !owner.metadata.deletionTimestamp) {
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const next = { ...o, metadata: { ...o.metadata, ownerReferences: refs } } as KubeObject;
      if (refs.length === 0) delete next.metadata.ownerReferences;
      store.update(next);
    }
  }
  if (!usable || owner.metadata.deletionTimestamp) return out;
  const ns = owner.metadata.namespace ?? '';
  for (const o of idx.orphansOf(target.group, target.kind, ns)) {
    if (o.metadata.deletionTimestamp || groupOf(o.apiVersion) !== target.group) continue;
    if (!matchesLabels(reqs, o.metadata.labels) || !canAdopt(o)) continue;
    const refs = [...(o.metadata.ownerReferences ?? []), controllerRef(owner)];
    out.push(store.update({ ...o, metadata: { ...o.metadata, ownerReferences: refs } } as KubeObject));
  }
  return out;
}
