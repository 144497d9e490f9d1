/** Global variables (operator.go setGlobalParameters): `workflow.*`. */
import type { Woc } from './woc.js';
import type { Vars } from '../params/template.js';
import { runtimeGlobals } from '../executors/runtimeGlobals.js';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** The globals that depend only on the workflow's identity, metadata and spec, in the order they are set. */
interface FixedGlobals {
  key: string;
  /** Set before the runtime globals. */
  head: Vars;
  /** Set after them. */
  tail: Vars;
}

/** By spec object (the stored spec keeps its identity): most reconciles rebuild none of them. */
const FIXED = new WeakMap<object, FixedGlobals>();

export function setGlobals(woc: Woc): void {
  const g = woc.globals;
  const md = woc.wf.metadata;
  const labels = JSON.stringify(md.labels ?? {});
  const annotations = JSON.stringify(md.annotations ?? {});
  const params = woc.spec.arguments?.parameters ?? [];
  // A parameter read from a ConfigMap can change between reconciles: nothing is kept then.
  // (A spec that is not the frozen stored one may change in place: nothing is kept for it either.)
  const keep = Object.isFrozen(woc.spec) && !params.some((p) => p.value === undefined && p.valueFrom?.configMapKeyRef);
  const key = `${woc.name}\0${woc.namespace}\0${md.uid}\0${md.creationTimestamp}\0${labels}\0${annotations}`;
  let fixed = keep ? FIXED.get(woc.spec) : undefined;
  if (!fixed || fixed.key !== key) {
    fixed = { key, head: fastCopy(headGlobals(woc)), tail: fastCopy(tailGlobals(woc, labels, annotations)) };
    if (keep) FIXED.set(woc.spec, fixed);
  }
  Object.assign(g, fixed.head);
  Object.assign(g, runtimeGlobals(woc));
  Object.assign(g, fixed.tail);
  for (const p of woc.status.outputs?.parameters ?? []) if (p.value !== undefined) g[`workflow.outputs.parameters.${p.name}`] = String(p.value);
}

/**
 * The same entries in an object V8 keeps in fast mode (built by keyed stores, the originals are
 * dictionaries): copying one into the new globals with Object.assign is ~10x cheaper.
 */
function fastCopy(v: Vars): Vars {
  return Object.fromEntries(Object.entries(v));
}

function headGlobals(woc: Woc): Vars {
  const g: Vars = {};
  g['workflow.name'] = woc.name;
  g['workflow.namespace'] = woc.namespace;
  g['workflow.uid'] = woc.wf.metadata.uid;
  g['workflow.mainEntrypoint'] = woc.spec.entrypoint ?? '';
  g['workflow.serviceAccountName'] = woc.spec.serviceAccountName ?? '';
  if (woc.spec.priority !== undefined) g['workflow.priority'] = String(woc.spec.priority);
  return g;
}

function tailGlobals(woc: Woc, labels: string, annotations: string): Vars {
  const g: Vars = {};
  const md = woc.wf.metadata;
  const created = md.creationTimestamp;
  g['workflow.creationTimestamp'] = created;
  const d = new Date(created);
  if (!Number.isNaN(d.getTime())) {
    // strftime letters Argo exposes as workflow.creationTimestamp.<c>
    const map: Record<string, string> = {
      Y: String(d.getUTCFullYear()),
      y: pad(d.getUTCFullYear() % 100),
      m: pad(d.getUTCMonth() + 1),
      d: pad(d.getUTCDate()),
      H: pad(d.getUTCHours()),
      M: pad(d.getUTCMinutes()),
      S: pad(d.getUTCSeconds()),
      j: pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3),
      s: String(Math.floor(d.getTime() / 1000)),
      e: String(d.getUTCDate()).padStart(2, ' '),
      B: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getUTCMonth()] as string,
      b: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()] as string,
      A: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()] as string,
      a: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()] as string,
      u: String(d.getUTCDay() === 0 ? 7 : d.getUTCDay()),
      w: String(d.getUTCDay()),
      RFC3339: created,
    };
    for (const [k, v] of Object.entries(map)) g[`workflow.creationTimestamp.${k}`] = v;
  }
  for (const [k, v] of Object.entries(md.labels ?? {})) g[`workflow.labels.${k}`] = v;
  for (const [k, v] of Object.entries(md.annotations ?? {})) g[`workflow.annotations.${k}`] = v;
  g['workflow.labels'] = labels;
  g['workflow.annotations'] = annotations;
  const params = woc.spec.arguments?.parameters ?? [];
  const resolved: { name: string; value?: string }[] = [];
  for (const p of params) {
    let value = p.value !== undefined ? String(p.value) : undefined;
    if (value === undefined && p.valueFrom?.configMapKeyRef) {
      const ref = p.valueFrom.configMapKeyRef;
      const cm = woc.ctx.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: woc.namespace, name: ref.name });
      const data = (cm?.data ?? {}) as Record<string, string>;
      value = data[ref.key] ?? (p.valueFrom.default !== undefined ? String(p.valueFrom.default) : undefined);
    }
    if (value === undefined && p.default !== undefined) value = String(p.default);
    if (value !== undefined) g[`workflow.parameters.${p.name}`] = value;
    resolved.push({ ...p, ...(value !== undefined ? { value } : {}) });
  }
  g['workflow.parameters'] = JSON.stringify(resolved);
  g['workflow.parameters.json'] = JSON.stringify(resolved);
  return g;
}
