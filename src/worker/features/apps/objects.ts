/** One live object for a side panel: its YAML (like `kubectl get -o yaml`, managedFields hidden) and its events. */
import { dump } from 'js-yaml';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import type { ObjectDetail, ObjectEvent, ObjectRefView } from './types.js';

const MAX_EVENTS = 100;

export function objectDetail(world: Sandbox, ref: ObjectRefView): ObjectDetail {
  let obj;
  try {
    obj = world.store.get(ref);
  } catch {
    obj = undefined;
  }
  const events: ObjectEvent[] = [];
  const all = world.log.all();
  for (let i = all.length - 1; i >= 0 && events.length < MAX_EVENTS; i--) {
    const e = all[i]!;
    const o = e.involvedObject;
    if (o.kind !== ref.kind || o.name !== ref.name || (o.namespace ?? '') !== (ref.namespace ?? '')) continue;
    const v: ObjectEvent = { t: e.t, type: e.type, reason: e.reason, source: e.source, message: e.message };
    if (e.why) v.why = e.why;
    events.push(v);
  }
  if (!obj) return { exists: false, yaml: '', events };
  // kubectl hides managedFields by default (--show-managed-fields=false).
  const { managedFields: _hidden, ...metadata } = obj.metadata;
  return { exists: true, yaml: dump({ ...obj, metadata }, { lineWidth: -1, noRefs: true }), events };
}
