/** Patches the API server accepts: JSON merge (RFC 7386), JSON patch (RFC 6902), strategic merge. */
import { ApiError } from '../core/errors.js';
import { clone, isJsonObject } from './types.js';
import type { JsonObject, JsonValue } from './types.js';

export type PatchType = 'merge' | 'json' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
};

/** Own-property read and write, so a `__proto__` key in a patch stays data (never reaches a prototype). */
const ownGet = (o: JsonObject, k: string): JsonValue | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const ownSet = (o: JsonObject, k: string, v: JsonValue): void => void Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  const out: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) ownSet(out, k, mergePatch(ownGet(out, k), v));
  }
  return out;
}

/** List fields whose items merge by a key in strategic merge patch (from the Kubernetes Go types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tolerations: 'key',
  conditions: 'type',
  ownerReferences: 'uid',
};

export function mergeKeyFor(field: string, items: JsonValue[]): string | undefined {
  const key = MERGE_KEYS[field];
  if (!key) return undefined;
  // Service ports merge by `port`, container ports by `containerPort`.
  if (field === 'ports' && items.some((i) => isJsonObject(i) && i.port !== undefined && i.containerPort === undefined)) return 'port';
  return key;
}

/** Strategic merge: like merge patch, but keyed lists merge item by item and `$patch: delete` removes. */
export function strategicMerge(target: JsonValue | undefined, patch: JsonValue, field = ''): JsonValue {
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(field, patch);
    if (!key || !Array.isArray(target)) return patch.filter((p) => !(isJsonObject(p) && p.$patch === 'delete'));
    const out = target.slice();
    for (const item of patch) {
      if (!isJsonObject(item)) continue;
      const idx = out.findIndex((t) => isJsonObject(t) && t[key] === item[key]);
      if (item.$patch === 'delete') {
        if (idx >= 0) out.splice(idx, 1);
      } else if (idx >= 0) out[idx] = strategicMerge(out[idx], item);
      else out.push(strategicMerge(undefined, item));
    }
    return out;
  }
  if (!isJsonObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return rest;
  }
  const out: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (v !== undefined) ownSet(out, k, strategicMerge(ownGet(out, k), v, k));
  }
  return out;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: JsonValue;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new ApiError('BadRequest', `invalid JSON pointer "${path}": must start with "/"`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isUnsafeKey(k: string): boolean {
  return k === '__proto__' || k === 'constructor' || k === 'prototype';
}

/** RFC 6902 on a deep copy; throws BadRequest with the failing operation. */
export function jsonPatch(doc: JsonValue, ops: unknown): JsonValue {
  if (!Array.isArray(ops)) throw new ApiError('BadRequest', 'json patch must be an array of operations');
  let root: JsonValue = clone(doc);
  const parentOf = (tokens: string[], create: boolean): { parent: JsonObject | JsonValue[]; last: string } => {
    let cur: JsonValue = root;
    for (const t of tokens.slice(0, -1)) {
      if (isUnsafeKey(t)) throw new ApiError('BadRequest', `json patch: forbidden key "${t}"`);
      const next: JsonValue | undefined = Array.isArray(cur) ? cur[Number(t)] : isJsonObject(cur) ? cur[t] : undefined;
      if (next === undefined || next === null || typeof next !== 'object') {
        if (!create) throw new ApiError('BadRequest', `json patch: path /${tokens.join('/')} does not exist`);
        throw new ApiError('BadRequest', `json patch: missing parent for /${tokens.join('/')}`);
      }
      cur = next;
    }
    if (cur === null || typeof cur !== 'object') throw new ApiError('BadRequest', `json patch: path /${tokens.join('/')} has no parent object`);
    const last = tokens[tokens.length - 1]!;
    if (isUnsafeKey(last)) throw new ApiError('BadRequest', `json patch: forbidden key "${last}"`);
    return { parent: cur, last };
  };
  const read = (path: string): JsonValue => {
    const tokens = pointer(path);
    if (tokens.length === 0) return root;
    const { parent, last } = parentOf(tokens, false);
    const v = Array.isArray(parent) ? parent[Number(last)] : parent[last];
    if (v === undefined) throw new ApiError('BadRequest', `json patch: path ${path} does not exist`);
    return v;
  };
  const remove = (path: string): void => {
    const { parent, last } = parentOf(pointer(path), false);
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (!(i >= 0 && i < parent.length)) throw new ApiError('BadRequest', `json patch: index ${last} out of range at ${path}`);
      parent.splice(i, 1);
    } else {
      if (!(last in parent)) throw new ApiError('BadRequest', `json patch: path ${path} does not exist`);
      delete parent[last];
    }
  };
  const add = (path: string, value: JsonValue, replace: boolean): void => {
    const tokens = pointer(path);
    if (tokens.length === 0) {
      root = value;
      return;
    }
    const { parent, last } = parentOf(tokens, true);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!(i >= 0 && i <= parent.length) || (replace && i >= parent.length)) throw new ApiError('BadRequest', `json patch: index ${last} out of range at ${path}`);
      if (replace) parent[i] = value;
      else parent.splice(i, 0, value);
    } else {
      if (replace && !(last in parent)) throw new ApiError('BadRequest', `json patch: path ${path} does not exist`);
      parent[last] = value;
    }
  };
  for (const raw of ops) {
    if (!isJsonObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new ApiError('BadRequest', 'json patch: each operation needs "op" and "path"');
    }
    const op = raw as unknown as JsonPatchOp;
    switch (op.op) {
      case 'add':
        add(op.path, clone(op.value ?? null), false);
        break;
      case 'replace':
        add(op.path, clone(op.value ?? null), true);
        break;
      case 'remove':
        remove(op.path);
        break;
      case 'copy':
        add(op.path, clone(read(op.from ?? '')), false);
        break;
      case 'move': {
        const v = read(op.from ?? '');
        remove(op.from ?? '');
        add(op.path, v, false);
        break;
      }
      case 'test':
        if (JSON.stringify(read(op.path)) !== JSON.stringify(op.value)) {
          throw new ApiError('Invalid', `json patch: test failed at ${op.path}`);
        }
        break;
      default:
        throw new ApiError('BadRequest', `json patch: unknown op "${String(op.op)}"`);
    }
  }
  return root;
}

export function applyPatch(type: PatchType, target: JsonValue, patch: JsonValue): JsonValue {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'strategic':
      return strategicMerge(target, patch);
    case 'json':
      return jsonPatch(target, patch);
  }
}
