/** `patches`, `patchesStrategicMerge`, `patchesJson6902`: strategic merge or RFC 6902, by target or by the patch's own id. */
import { loadAll } from 'js-yaml';
import { jsonPatch, strategicMerge } from '../../../cluster/patch.js';
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../../../cluster/types.js';
import { KustomizeError } from '../errors.js';
import { restrictedPath } from '../files.js';
import { groupOfObj, objList, resId, str, versionOfObj, type Kustomization, type Resource, type Target } from './types.js';

/** kustomize matches target fields as anchored regular expressions. */
const matches = (pattern: string | undefined, value: string): boolean => pattern === undefined || pattern === '' || new RegExp(`^(?:${pattern})$`).test(value);

function selectorMatches(selector: string | undefined, values: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const t = term.trim();
    const neq = t.indexOf('!=');
    if (neq >= 0) return values?.[t.slice(0, neq).trim()] !== t.slice(neq + 2).trim();
    const eq = t.indexOf('=');
    if (eq < 0) return values?.[t] !== undefined;
    return values?.[t.slice(0, eq).trim()] === t.slice(t[eq + 1] === '=' ? eq + 2 : eq + 1).trim();
  });
}

/** resWrangler.Select: name matches the original or the current name (so an overlay can target a base's object). */
export function targetMatches(t: Target, r: Resource): boolean {
  const obj = r.obj;
  return (
    matches(t.group, groupOfObj(obj)) &&
    matches(t.version, versionOfObj(obj)) &&
    matches(t.kind, obj.kind) &&
    (matches(t.name, obj.metadata.name ?? '') || matches(t.name, r.origName)) &&
    matches(t.namespace, obj.metadata.namespace ?? '') &&
    selectorMatches(t.labelSelector, obj.metadata.labels) &&
    selectorMatches(t.annotationSelector, obj.metadata.annotations)
  );
}

function toTarget(v: unknown): Target | undefined {
  if (!isJsonObject(v)) return undefined;
  const t: Target = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const s = str(v[key]);
    if (s !== undefined) t[key] = s;
  }
  return t;
}

function parseDocs(text: string, where: string): JsonValue[] {
  try {
    return (loadAll(text) as JsonValue[]).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    throw new KustomizeError(`trouble configuring builtin PatchTransformer with config: ${where}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

function patchText(files: Readonly<Record<string, string>>, dir: string, entry: JsonObject): string {
  if (typeof entry.patch === 'string') return entry.patch;
  const rel = str(entry.path);
  if (!rel) throw new KustomizeError('unable to parse SM or JSON patch from []');
  const content = files[restrictedPath(dir, rel, (m) => new KustomizeError(m))];
  if (content === undefined) throw new KustomizeError(`'${rel}' doesn't exist`);
  return content;
}

function applyStrategic(resources: Resource[], patch: JsonObject, target: Target | undefined): Resource[] {
  const meta = isJsonObject(patch.metadata) ? patch.metadata : {};
  const sel: Target = target ?? { kind: str(patch.kind), name: str(meta.name), namespace: str(meta.namespace) };
  // Without a target the patch names its object by current or original id (GetMatchingResourcesByAnyId).
  const hits = resources.filter((r) => targetMatches(sel, r));
  if (hits.length === 0 && !target) {
    const id = resId(str(patch.kind) ?? '', str(patch.apiVersion) ?? '', str(meta.name) ?? '', str(meta.namespace));
    throw new KustomizeError(`no matches for Id ${id}; failed to find unique target for patch ${id}`);
  }
  if (patch.$patch === 'delete') return resources.filter((r) => !hits.includes(r));
  for (const r of hits) {
    const body: JsonObject = { ...patch };
    // The patched object keeps its identity: the patch's name (original or placeholder) never renames it.
    if (isJsonObject(body.metadata)) {
      const { name: _n, namespace: _ns, ...rest } = body.metadata;
      body.metadata = rest;
    }
    r.obj = strategicMerge(r.obj as unknown as JsonObject, body) as unknown as KubeObject;
  }
  return resources;
}

function applyJson6902(resources: Resource[], ops: JsonValue[], target: Target | undefined): void {
  if (!target) throw new KustomizeError('must specify a target for patch');
  for (const r of resources.filter((x) => targetMatches(target, x))) {
    try {
      r.obj = jsonPatch(r.obj as unknown as JsonObject, ops) as unknown as KubeObject;
    } catch (e) {
      const id = resId(r.obj.kind, r.obj.apiVersion, r.obj.metadata.name ?? '', r.obj.metadata.namespace);
      throw new KustomizeError(`unable to apply patch to ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function applyEntry(resources: Resource[], text: string, target: Target | undefined, where: string): Resource[] {
  let out = resources;
  const docs = parseDocs(text, where);
  if (docs.length === 1 && Array.isArray(docs[0])) {
    applyJson6902(out, docs[0], target);
    return out;
  }
  for (const doc of docs) {
    if (!isJsonObject(doc)) throw new KustomizeError(`unable to parse SM or JSON patch from ${JSON.stringify(doc)}`);
    out = applyStrategic(out, doc, target);
  }
  return out;
}

/** `patchesStrategicMerge` then `patches` (kustomize runs them first among a kustomization's transformers). */
export function applyPatches(files: Readonly<Record<string, string>>, dir: string, k: Kustomization, resources: Resource[]): Resource[] {
  let out = resources;
  for (const p of Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []) {
    if (typeof p !== 'string') continue;
    // An entry is a file path, or the patch itself inline when it spans several lines.
    const inline = p.includes('\n');
    const text = inline ? p : patchText(files, dir, { path: p });
    out = applyEntry(out, text, undefined, inline ? 'inline patch' : p);
  }
  for (const entry of objList(k.patches)) out = applyEntry(out, patchText(files, dir, entry), toTarget(entry.target), str(entry.path) ?? 'inline patch');
  return out;
}

/** `patchesJson6902`, which kustomize runs after namespace, prefix/suffix, labels and annotations. */
export function applyJson6902Patches(files: Readonly<Record<string, string>>, dir: string, k: Kustomization, resources: Resource[]): void {
  for (const entry of objList(k.patchesJson6902)) {
    const docs = parseDocs(patchText(files, dir, entry), str(entry.path) ?? 'inline patch');
    const ops = docs.length === 1 && Array.isArray(docs[0]) ? docs[0] : docs;
    applyJson6902(resources, ops, toTarget(entry.target));
  }
}
