/**
 * What `argoexec resource <action>` does (workflow/executor/resource.go ExecResource), straight against
 * the store: create / apply / patch (strategic, merge, json) / replace / delete / get of the template's
 * manifest, optionally owned by the workflow, answering like kubectl (`job.batch/pi created`).
 */
import { load } from 'js-yaml';
import { ApiError } from '../../core/errors.js';
import type { ObjectStore } from '../../cluster/store/index.js';
import type { JsonValue, KubeObject, StoredObject } from '../../cluster/types.js';
import { parseManifests } from '../../manifest/index.js';

export interface ResourceTemplate {
  action?: string;
  manifest?: string;
  manifestFrom?: { artifact?: { name?: string } };
  mergeStrategy?: string;
  successCondition?: string;
  failureCondition?: string;
  setOwnerReference?: boolean;
  flags?: string[];
}

export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export interface ActionOutcome {
  /** Namespace of the object acted on ('' for cluster-scoped or delete). */
  namespace: string;
  /** `kind.group/name` like ExecResource returns (empty after delete). */
  resourceName: string;
  /** Where to read the live object for conditions and outputs. */
  key?: { apiVersion: string; kind: string; namespace?: string; name: string };
  /** What kubectl prints. */
  lines: string[];
}

export const ACTIONS = ['get', 'create', 'apply', 'delete', 'replace', 'patch'];

function kubectlError(e: unknown): Error {
  if (e instanceof ApiError) return new Error(`Error from server (${e.status.reason ?? 'BadRequest'}): ${e.message}`);
  return e instanceof Error ? e : new Error(String(e));
}

/** `kind.group/name`, kubectl's printed name (`configmap/x`, `job.batch/pi`). */
export function printedName(store: ObjectStore, obj: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): string {
  const info = store.kinds.find(obj.apiVersion ?? 'v1', obj.kind ?? '');
  const kind = (obj.kind ?? '').toLowerCase();
  const group = info?.group ?? '';
  return `${group ? `${kind}.${group}` : kind}/${obj.metadata?.name ?? ''}`;
}

interface FlagTarget {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

/** `flags`: positional `TYPE [NAME]` or `TYPE/NAME`, and `-n`/`--namespace`; others are accepted and ignored. */
function flagTarget(store: ObjectStore, flags: string[]): FlagTarget | undefined {
  const positional: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f === '-n' || f === '--namespace') namespace = flags[++i];
    else if (f.startsWith('--namespace=')) namespace = f.slice('--namespace='.length);
    else if (f.startsWith('-')) continue;
    else positional.push(f);
  }
  if (positional.length === 0) return undefined;
  let [type, name] = positional as [string, string | undefined];
  if (type.includes('/')) [type, name] = type.split('/', 2) as [string, string];
  const info = store.kinds.lookupResource(type);
  if (!info) throw new Error(`error: the server doesn't have a resource type "${type}"`);
  return { apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind, name, namespace };
}

function parseObjects(text: string): KubeObject[] {
  const parsed = parseManifests(text, 'manifest.yaml');
  if (parsed.errors.length > 0) throw new Error(`error: error parsing manifest.yaml: ${parsed.errors[0]!.message}`);
  return parsed.manifests.map((m) => m.object);
}

export interface ActionInput {
  namespace: string;
  manifest: string;
  owner?: OwnerRef;
  fieldManager?: string;
}

export function runResourceAction(store: ObjectStore, res: ResourceTemplate, input: ActionInput): ActionOutcome {
  const action = res.action ?? '';
  if (!ACTIONS.includes(action)) throw new Error(`Unsupported action: ${action}`);
  const fm = { fieldManager: input.fieldManager ?? 'kubectl' };
  const target = flagTarget(store, res.flags ?? []);
  try {
    if (action === 'patch') return patch(store, res, input, target, fm);
    if (action === 'delete' && target?.name && !input.manifest.trim()) {
      const ns = target.namespace ?? input.namespace;
      return deleteOne(store, { ...target, name: target.name, namespace: ns });
    }
    if ((action === 'get') && target?.name) {
      const key = { apiVersion: target.apiVersion, kind: target.kind, namespace: target.namespace ?? input.namespace, name: target.name };
      const obj = store.mustGet(key);
      return outcome(store, obj, [JSON.stringify(obj)]);
    }
    const objs = parseObjects(input.manifest);
    if (objs.length === 0) throw new Error('error: no objects passed to ' + action);
    let last: ActionOutcome | undefined;
    const lines: string[] = [];
    for (const raw of objs) {
      const obj = prepare(store, raw, input);
      const r = one(store, action, obj, fm);
      lines.push(...r.lines);
      last = r;
    }
    return { ...(last as ActionOutcome), lines };
  } catch (e) {
    throw kubectlError(e);
  }
}

function prepare(store: ObjectStore, raw: KubeObject, input: ActionInput): KubeObject {
  const obj: KubeObject = { ...raw, metadata: { ...(raw.metadata ?? {}) } };
  const info = store.kinds.find(obj.apiVersion ?? '', obj.kind ?? '');
  if ((info?.namespaced ?? true) && !obj.metadata.namespace) obj.metadata.namespace = input.namespace;
  if (input.owner) {
    // setOwnerReference: appended to the manifest's own references, as a controller reference (v1.NewControllerRef).
    obj.metadata.ownerReferences = [...(obj.metadata.ownerReferences ?? []), { ...input.owner, controller: true, blockOwnerDeletion: true }];
  }
  return obj;
}

function keyOf(obj: { apiVersion?: string; kind?: string; metadata: { name?: string; namespace?: string } }) {
  return { apiVersion: obj.apiVersion ?? 'v1', kind: obj.kind ?? '', namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
}

function outcome(store: ObjectStore, obj: StoredObject, lines: string[]): ActionOutcome {
  return { namespace: obj.metadata.namespace ?? '', resourceName: printedName(store, obj), key: keyOf(obj), lines };
}

function one(store: ObjectStore, action: string, obj: KubeObject, fm: { fieldManager: string }): ActionOutcome {
  const name = (o: KubeObject) => printedName(store, o);
  switch (action) {
    case 'create': {
      const created = store.create(obj, fm);
      return outcome(store, created, [`${name(created)} created`]);
    }
    case 'apply': {
      const before = obj.metadata.name ? store.get(keyOf(obj)) : undefined;
      const applied = store.apply(obj, { ...fm, force: true });
      const verb = !before ? 'created' : before.metadata.resourceVersion === applied.metadata.resourceVersion ? 'unchanged' : 'configured';
      return outcome(store, applied, [`${name(applied)} ${verb}`]);
    }
    case 'replace': {
      const current = store.mustGet(keyOf(obj));
      const replaced = store.update({ ...obj, metadata: { ...obj.metadata, resourceVersion: current.metadata.resourceVersion } }, fm);
      return outcome(store, replaced, [`${name(replaced)} replaced`]);
    }
    case 'delete':
      return deleteOne(store, keyOf(obj));
    default: {
      const got = store.mustGet(keyOf(obj));
      return outcome(store, got, [JSON.stringify(got)]);
    }
  }
}

function deleteOne(store: ObjectStore, key: { apiVersion: string; kind: string; namespace?: string; name: string }): ActionOutcome {
  // argoexec deletes with --ignore-not-found: nothing to delete is not an error.
  const existing = store.get(key);
  if (!existing) return { namespace: '', resourceName: '', lines: [] };
  store.delete(key);
  return { namespace: '', resourceName: '', lines: [`${printedName(store, existing)} deleted`] };
}

function patch(store: ObjectStore, res: ResourceTemplate, input: ActionInput, target: FlagTarget | undefined, fm: { fieldManager: string }): ActionOutcome {
  const strategy = res.mergeStrategy ?? 'strategic';
  if (!['strategic', 'merge', 'json'].includes(strategy)) throw new Error(`Unsupported mergeStrategy: ${strategy}`);
  const body = load(input.manifest) as JsonValue;
  let key: { apiVersion: string; kind: string; namespace?: string; name: string };
  if (target?.name) {
    key = { apiVersion: target.apiVersion, kind: target.kind, namespace: target.namespace ?? input.namespace, name: target.name };
  } else {
    if (strategy === 'json' || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new Error('error: you must specify the resource to patch with `flags` (a json patch has no kind or name)');
    }
    const obj = body as unknown as KubeObject;
    key = { apiVersion: obj.apiVersion ?? 'v1', kind: obj.kind ?? '', namespace: obj.metadata?.namespace ?? input.namespace, name: obj.metadata?.name ?? '' };
  }
  const info = store.kinds.find(key.apiVersion, key.kind);
  if (info && !info.namespaced) delete key.namespace;
  const before = store.mustGet(key);
  const after = store.patch(key, strategy as 'strategic' | 'merge' | 'json', body, fm);
  const verb = before.metadata.resourceVersion === after.metadata.resourceVersion ? 'patched (no change)' : 'patched';
  return outcome(store, after, [`${printedName(store, after)} ${verb}`]);
}
