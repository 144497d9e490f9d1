/** configMapGenerator / secretGenerator: literals, files, env files; hash suffix added at the end of the build. */
import type { JsonObject, KubeObject } from '../../../cluster/types.js';
import { toBase64 } from '../../../git/index.js';
import { KustomizeError } from '../errors.js';
import { baseName, restrictedPath } from '../files.js';
import { objList, resId, str, strList, strMap, type Kustomization, type Resource } from './types.js';

/** `KEY=value` (a quoted value loses its quotes, as kustomize's literal parser does). */
function splitLiteral(lit: string): [string, string] {
  const i = lit.indexOf('=');
  if (i < 0) throw new KustomizeError(`invalid literal source ${lit}, expected key=value`);
  let value = lit.slice(i + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) value = value.slice(1, -1);
  return [lit.slice(0, i), value];
}

function readFile(files: Readonly<Record<string, string>>, dir: string, rel: string): string {
  const path = restrictedPath(dir, rel, (m) => new KustomizeError(m));
  const content = files[path];
  if (content === undefined) throw new KustomizeError(`evalsymlink failure on '${rel}' : lstat ${rel}: no such file or directory`);
  return content;
}

function collect(files: Readonly<Record<string, string>>, dir: string, gen: JsonObject): Record<string, string> {
  const data: Record<string, string> = {};
  const envs = strList(gen.envs);
  if (typeof gen.env === 'string') envs.push(gen.env);
  for (const env of envs) {
    for (const raw of readFile(files, dir, env).split('\n')) {
      const line = raw.replace(/\r$/, '').trim();
      // Comments, blank lines, and bare `KEY` (taken from the process environment, empty here) are skipped.
      if (line === '' || line.startsWith('#') || !line.includes('=')) continue;
      const i = line.indexOf('=');
      data[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  for (const lit of strList(gen.literals)) {
    const [k, v] = splitLiteral(lit);
    data[k] = v;
  }
  for (const spec of strList(gen.files)) {
    const i = spec.indexOf('=');
    const [key, path] = i < 0 ? [baseName(spec), spec] : [spec.slice(0, i), spec.slice(i + 1)];
    data[key] = readFile(files, dir, path);
  }
  return data;
}

function sorted(data: Record<string, string>, encode: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(data).sort()) out[k] = encode ? toBase64(new TextEncoder().encode(data[k]!)) : data[k]!;
  return out;
}

/**
 * Runs a kustomization's generators against the resources accumulated so far: `behavior: create` (default)
 * adds, `merge` folds data/labels/annotations into the base's generated object, `replace` swaps its data.
 */
export function generate(files: Readonly<Record<string, string>>, dir: string, k: Kustomization, existing: Resource[]): Resource[] {
  const globalOpts = (k.generatorOptions ?? {}) as JsonObject;
  const out: Resource[] = existing;
  const make = (gen: JsonObject, kind: 'ConfigMap' | 'Secret'): void => {
    const name = str(gen.name);
    if (!name) throw new KustomizeError(`a ${kind.toLowerCase()}Generator entry has no name`);
    const opts = (gen.options ?? {}) as JsonObject;
    const metadata: JsonObject = { name };
    const ns = str(gen.namespace);
    if (ns) metadata.namespace = ns;
    const labels = { ...strMap(globalOpts.labels), ...strMap(opts.labels) };
    const annotations = { ...strMap(globalOpts.annotations), ...strMap(opts.annotations) };
    if (Object.keys(labels).length) metadata.labels = labels;
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    const data = collect(files, dir, gen);
    const obj: KubeObject = { apiVersion: 'v1', kind, metadata };
    if (kind === 'Secret') obj.type = str(gen.type) ?? 'Opaque';
    if (Object.keys(data).length) obj.data = sorted(data, kind === 'Secret');
    const disable = opts.disableNameSuffixHash ?? globalOpts.disableNameSuffixHash;
    const behavior = str(gen.behavior) ?? 'create';
    const prior = out.find((r) => r.obj.kind === kind && r.origName === name && (ns === undefined || r.obj.metadata.namespace === ns));
    const id = resId(kind, 'v1', name, ns);
    if (behavior === 'create') {
      if (prior) throw new KustomizeError(`merging from generator ${id}: id ${id} exists; behavior must be merge or replace`);
      out.push({ obj, origName: name, needsHash: disable !== true });
      return;
    }
    if (behavior !== 'merge' && behavior !== 'replace') throw new KustomizeError(`unknown generation behavior '${behavior}'`);
    if (!prior) throw new KustomizeError(`merging from generator ${id}: id ${id} does not exist; cannot merge or replace`);
    const meta = prior.obj.metadata;
    if (behavior === 'replace') {
      prior.obj.data = obj.data ?? {};
      if (metadata.labels) meta.labels = strMap(metadata.labels);
      if (metadata.annotations) meta.annotations = strMap(metadata.annotations);
    } else {
      prior.obj.data = { ...strMap(prior.obj.data), ...strMap(obj.data) };
      if (metadata.labels) meta.labels = { ...meta.labels, ...strMap(metadata.labels) };
      if (metadata.annotations) meta.annotations = { ...meta.annotations, ...strMap(metadata.annotations) };
    }
    if (opts.disableNameSuffixHash !== undefined) prior.needsHash = opts.disableNameSuffixHash !== true;
  };
  for (const gen of objList(k.configMapGenerator)) make(gen, 'ConfigMap');
  for (const gen of objList(k.secretGenerator)) make(gen, 'Secret');
  return out;
}
