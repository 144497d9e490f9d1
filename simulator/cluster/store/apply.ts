/**
 * Server-side apply, simplified: each manager owns the set of fields it last applied (recorded in
 * `metadata.managedFields` as FieldsV1); re-applying merges the new config and removes fields the
 * manager no longer sets. Fields another applier owns with a different value conflict unless forced.
 */
import { ApiError } from '../../core/errors.js';
import { strategicMerge } from '../patch.js';
import { clone, isJsonObject } from '../types.js';
import { jsonEqual } from './objectUtil.js';
import type { JsonObject, JsonValue, KubeObject, ManagedFieldsEntry, StoredObject } from '../types.js';

/** Lists whose items are identified by a key (the rest are atomic, owned whole). */
const LIST_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

const SERVER_FIELDS = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'managedFields']);

/** Leaf field paths of an applied config: `f:spec/f:replicas`, `f:spec/f:containers/k:{"name":"web"}/f:image`. */
export function fieldPaths(value: JsonValue, prefix = '', field = '', out: string[] = []): string[] {
  if (isJsonObject(value)) {
    const entries = Object.entries(value).filter(([k, v]) => v !== undefined && !(prefix === 'f:metadata' && SERVER_FIELDS.has(k)));
    if (entries.length === 0 && prefix) out.push(prefix);
    for (const [k, v] of entries) fieldPaths(v as JsonValue, prefix ? `${prefix}/f:${k}` : `f:${k}`, k, out);
    return out;
  }
  const key = LIST_KEYS[field];
  if (Array.isArray(value) && key) {
    for (const item of value) {
      if (isJsonObject(item) && item[key] !== undefined) {
        fieldPaths(item, `${prefix}/k:${JSON.stringify({ [key]: item[key] })}`, '', out);
      }
    }
    return out;
  }
  out.push(prefix);
  return out;
}

/** FieldsV1 JSON from leaf paths (`{"f:spec":{"f:replicas":{}}}`). */
export function toFieldsV1(paths: string[]): JsonObject {
  const root: JsonObject = {};
  for (const p of paths) {
    let cur = root;
    for (const seg of splitPath(p)) cur = (cur[seg] as JsonObject | undefined) ?? (cur[seg] = {});
  }
  return root;
}

function fromFieldsV1(fields: JsonObject, prefix = '', out: string[] = []): string[] {
  const entries = Object.entries(fields);
  if (entries.length === 0 && prefix) out.push(prefix);
  for (const [k, v] of entries) if (k !== '.') fromFieldsV1(isJsonObject(v) ? v : {}, prefix ? `${prefix}/${k}` : k, out);
  return out;
}

function splitPath(path: string): string[] {
  // Segments are separated by "/" outside of k:{…} JSON.
  const segs: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of path) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '/' && depth === 0) {
      segs.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) segs.push(cur);
  return segs;
}

function readPath(obj: JsonValue | undefined, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const seg of splitPath(path)) {
    if (seg.startsWith('f:')) cur = isJsonObject(cur) ? cur[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const sel = JSON.parse(seg.slice(2)) as JsonObject;
      const [k, v] = Object.entries(sel)[0]!;
      cur = Array.isArray(cur) ? cur.find((i) => isJsonObject(i) && i[k] === v) : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

function removePath(obj: JsonObject, path: string): void {
  const segs = splitPath(path);
  let parent: JsonValue | undefined = obj;
  for (const seg of segs.slice(0, -1)) parent = readPath(parent, seg);
  const last = segs[segs.length - 1]!;
  if (last.startsWith('f:') && isJsonObject(parent)) delete parent[last.slice(2)];
  else if (last.startsWith('k:') && Array.isArray(parent)) {
    const [k, v] = Object.entries(JSON.parse(last.slice(2)) as JsonObject)[0]!;
    const i = parent.findIndex((it) => isJsonObject(it) && it[k] === v);
    if (i >= 0) parent.splice(i, 1);
  }
}

export function serverSideApply(
  old: StoredObject | undefined,
  applied: KubeObject,
  manager: string,
  apiVersion: string,
  time: string,
  force: boolean,
): KubeObject {
  const config = clone(applied);
  delete config.status;
  const newPaths = fieldPaths(config as unknown as JsonValue).filter((p) => !p.startsWith('f:apiVersion') && !p.startsWith('f:kind'));
  const entry: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(newPaths) };
  if (!old) {
    config.metadata = { ...config.metadata, managedFields: [entry] };
    return config;
  }
  const others = (old.metadata.managedFields ?? []).filter((m) => m.manager !== manager);
  const conflicts: string[] = [];
  for (const m of others.filter((o) => o.operation === 'Apply')) {
    const owned = new Set(fromFieldsV1(m.fieldsV1));
    for (const p of newPaths) {
      if (owned.has(p) && JSON.stringify(readPath(old as unknown as JsonValue, p)) !== JSON.stringify(readPath(config as unknown as JsonValue, p))) {
        conflicts.push(`conflict with "${m.manager}": .${splitPath(p).map((s) => s.replace(/^f:/, '')).join('.')}`);
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    throw new ApiError('Conflict', `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${conflicts.join('; ')}`);
  }
  const live = clone(old) as unknown as JsonObject;
  const mine = (old.metadata.managedFields ?? []).find((m) => m.manager === manager && m.operation === 'Apply');
  if (mine) {
    const still = new Set(newPaths);
    const ownedByOthers = new Set(others.flatMap((o) => fromFieldsV1(o.fieldsV1)));
    for (const p of fromFieldsV1(mine.fieldsV1)) if (!still.has(p) && !ownedByOthers.has(p)) removePath(live, p);
  }
  const merged = strategicMerge(live, config as unknown as JsonValue) as unknown as KubeObject;
  const kept = force ? others.map((o) => dropPaths(o, newPaths)) : others;
  // An apply that changes nothing keeps the manager's timestamp (structured-merge-diff returns no
  // object for a no-op), so re-applying the same config is a no-op write: same resourceVersion.
  const previous = (old.metadata.managedFields ?? []).find((m) => m.manager === manager && m.operation === 'Apply');
  if (previous && jsonEqual(withoutManagedFields(merged), withoutManagedFields(old))) entry.time = previous.time;
  merged.metadata.managedFields = [...kept, entry];
  return merged;
}

function dropPaths(entry: ManagedFieldsEntry, taken: string[]): ManagedFieldsEntry {
  const set = new Set(taken);
  return { ...entry, fieldsV1: toFieldsV1(fromFieldsV1(entry.fieldsV1).filter((p) => !set.has(p))) };
}

function withoutManagedFields(o: KubeObject): KubeObject {
  const { managedFields: _ignored, ...metadata } = o.metadata;
  return { ...o, metadata };
}
