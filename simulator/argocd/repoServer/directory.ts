/**
 * A plain-directory source, as Argo CD's repo server reads it (`findManifests`, `getObjsFromYAMLOrJson`):
 * files named `*.yaml|*.yml|*.json` (jsonnet is not simulated) in `filepath.Walk` order, subdirectories only
 * with `recurse`, `exclude` then `include` globs on the path relative to the app path.
 */
import type { KubeObject } from '../../cluster/types.js';
import { parseManifests } from '../../manifest/index.js';
import { RepoServerError } from './errors.js';
import { baseName, walkOrder } from './files.js';
import { globMatch } from './glob.js';

export interface DirectorySource {
  recurse?: boolean;
  include?: string;
  exclude?: string;
}

const MANIFEST_FILE = /\.(yaml|yml|json)$/;

/** What Argo CD's YAMLOrJSONDecoder error looks like, wrapped as splitYAMLOrJSON wraps it. */
function unmarshalError(rel: string, file: string, err: { message: string; line?: number; column?: number }): RepoServerError {
  return new RepoServerError('FailedPrecondition', `Failed to unmarshal ${JSON.stringify(baseName(rel))}: failed to unmarshal manifest: ${err.message}`, {
    file,
    line: err.line,
    column: err.column,
  });
}

/**
 * `files` are keyed relative to the app path; `dir` is the app path in the repository (for error
 * locations). Returns the objects in walk order, `kind: List` flattened.
 */
export function findManifests(files: Readonly<Record<string, string>>, dir: DirectorySource = {}, appPath = ''): KubeObject[] {
  const paths = Object.keys(files)
    .filter((p) => {
      if (!dir.recurse && p.includes('/')) return false;
      if (!MANIFEST_FILE.test(baseName(p))) return false;
      if (dir.exclude && globMatch(dir.exclude, p)) return false;
      if (dir.include && !globMatch(dir.include, p)) return false;
      return true;
    })
    .sort(walkOrder);
  const out: KubeObject[] = [];
  for (const rel of paths) {
    const text = files[rel]!;
    const file = appPath === '' ? rel : `${appPath}/${rel}`;
    const parsed = parseManifests(text, file);
    const err = parsed.errors[0];
    if (!err) {
      if (rel.endsWith('.json') && parsed.manifests.length > 1 && parsed.manifests[0]!.item === undefined) {
        throw new RepoServerError('FailedPrecondition', `Found multiple objects in ${JSON.stringify(baseName(rel))}. Only single objects are allowed in JSON files.`, { file });
      }
      for (const m of parsed.manifests) out.push(m.object);
      continue;
    }
    // The decoder stops at the first bad document: objects before it make the whole file an error; a file
    // with none is an error only when it looks like a manifest (other YAML, e.g. `.argocd-source.yaml`, is ignored).
    const before = parsed.manifests.filter((m) => m.line < (err.line ?? Infinity));
    const looksLikeManifest = text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');
    if (before.length > 0 || looksLikeManifest || rel.endsWith('.json')) throw unmarshalError(rel, file, err);
  }
  return out;
}
