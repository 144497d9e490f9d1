/** `kustomize build` for the sandbox's subset, reading everything from one git tree. */
import { load } from 'js-yaml';
import { isJsonObject, type KubeObject } from '../../../cluster/types.js';
import { parseManifests } from '../../../manifest/index.js';
import { KustomizeError } from '../errors.js';
import { isDir, joinRel, restrictedPath } from '../files.js';
import { generate } from './generators.js';
import { hashOf } from './hash.js';
import { applyJson6902Patches, applyPatches } from './patches.js';
import { fixReferences } from './refs.js';
import { legacyOrder } from './order.js';
import { addAnnotations, applyLabels, prefixSuffix, setImages, setNamespace, setReplicas } from './transforms.js';
import { KUSTOMIZATION_FILES, objList, resId, str, strList, strMap, type Kustomization, type Resource } from './types.js';

type Files = Readonly<Record<string, string>>;

const KNOWN = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'images', 'replicas', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator',
  'secretGenerator', 'generatorOptions', 'buildMetadata', 'sortOptions',
]);
/** Real kustomization fields the subset does not implement: failing loudly beats rendering something else. */
const UNSUPPORTED = new Set(['components', 'helmCharts', 'helmGlobals', 'replacements', 'vars', 'transformers', 'generators', 'validators', 'configurations', 'crds', 'openapi']);

/** The kustomization file in `dir` (repo-relative), or undefined when `dir` is not a kustomization. */
export function kustomizationFile(files: Files, dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const path = dir === '' ? name : `${dir}/${name}`;
    if (files[path] !== undefined) return path;
  }
  return undefined;
}

export function loadKustomization(files: Files, dir: string): Kustomization {
  const path = kustomizationFile(files, dir);
  if (path === undefined) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir || '.'}'`);
  let doc: unknown;
  try {
    doc = load(files[path]!);
  } catch (e) {
    throw new KustomizeError(`invalid Kustomization: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isJsonObject(doc)) throw new KustomizeError(`invalid Kustomization: ${path} is not a map`);
  for (const key of Object.keys(doc)) {
    // kustomize decodes with DisallowUnknownFields, so a typo fails the build instead of being ignored.
    if (UNSUPPORTED.has(key)) throw new KustomizeError(`${path}: '${key}' is not supported by the sandbox's kustomize subset`);
    if (!KNOWN.has(key)) throw new KustomizeError(`invalid Kustomization: json: unknown field ${JSON.stringify(key)}`);
  }
  return doc;
}

function loadFile(files: Files, path: string, rel: string): Resource[] {
  const parsed = parseManifests(files[path]!, path);
  const err = parsed.errors[0];
  if (err) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${rel}': ${err.message}'`);
  return parsed.manifests.map((m) => ({ obj: m.object, origName: m.object.metadata.name ?? '' }));
}

/** One kustomization level: resources (recursing into bases), generators, then the builtin transformers in kustomize's order. */
function accumulate(files: Files, dir: string, k: Kustomization, visiting: string[]): Resource[] {
  let resources: Resource[] = [];
  for (const rel of [...strList(k.resources), ...strList(k.bases)]) {
    if (/^[a-z]+:\/\/|^git@|^github\.com\//.test(rel)) {
      throw new KustomizeError(`accumulating resources: remote resource '${rel}' is not available in the sandbox`);
    }
    const path = joinRel(dir, rel);
    if (path === undefined) throw new KustomizeError(`accumulating resources: security; file '${rel}' is not in or below the repository root`);
    if (files[path] !== undefined) {
      restrictedPath(dir, rel, (m) => new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${rel}': ${m}'`));
      resources.push(...loadFile(files, path, rel));
    } else if (isDir(files, path)) {
      // fileLoader.errIfArgEqualOrHigher: a base may not be, or contain, any kustomization on the way here
      // (so an overlay nested inside its own base's directory is a cycle too).
      const contained = [...visiting].reverse().find((v) => path === '' || v === path || v.startsWith(`${path}/`));
      if (contained !== undefined) {
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${rel}': cycle detected: candidate root '${path || '.'}' contains visited root '${contained || '.'}'`);
      }
      resources.push(...accumulate(files, path, loadKustomization(files, path), [...visiting, path]));
    } else {
      throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${rel}': '${path}' doesn't exist'`);
    }
  }
  const seen = new Set<string>();
  for (const r of resources) {
    const id = resId(r.obj.kind, r.obj.apiVersion, r.obj.metadata.name ?? '', r.obj.metadata.namespace);
    if (seen.has(id)) throw new KustomizeError(`accumulating resources: may not add resource with an already registered id: ${id}`);
    seen.add(id);
  }
  resources = generate(files, dir, k, resources);
  resources = applyPatches(files, dir, k, resources);
  const ns = str(k.namespace);
  if (ns) setNamespace(resources, ns);
  prefixSuffix(resources, str(k.namePrefix) ?? '', str(k.nameSuffix) ?? '');
  applyLabels(resources, k);
  addAnnotations(resources, strMap(k.commonAnnotations));
  applyJson6902Patches(files, dir, k, resources);
  setReplicas(resources, objList(k.replicas));
  setImages(resources, objList(k.images));
  return resources;
}

/** Builds the kustomization at `dir` (repo-relative) like `kustomize build dir`. */
export function kustomizeBuild(files: Files, dir: string, k: Kustomization = loadKustomization(files, dir)): KubeObject[] {
  const resources = accumulate(files, dir, k, [dir]);
  // Done last, as kustomize's makeCustomizedResMap does: the hash sees the final (prefixed) name.
  for (const r of resources) if (r.needsHash) r.obj.metadata.name = `${r.obj.metadata.name ?? ''}-${hashOf(r.obj)}`;
  fixReferences(resources);
  return legacyOrder(resources.map((r) => r.obj));
}
