/** A plain-directory source, as Argo CD's repo server `findManifests` reads it. */
import type { KubeObject } from '../../cluster/types.js';
import { parseManifests } from '../../manifest/index.js';
import { RepoServerError } from './errors.js';
import { walkOrder } from './files.js';
import { globMatch } from './glob.js';

export interface DirectorySource {
  recurse?: boolean;
  include?: string;
  exclude?: string;
}

const MANIFEST_FILE = /\.(yaml|yml|json)$/;

/** `files` are keyed relative to the app path; returns objects in walk order, `kind: List` flattened. */
export function findManifests(files: Readonly<Record<string, string>>, dir: DirectorySource = {}): KubeObject[] {
  const paths = Object.keys(files)
    .filter((p) => {
      const segs = p.split('/');
      // Hidden files and directories (`.git`, `.argocd-source.yaml`…) are never manifests.
      if (segs.some((s) => s.startsWith('.'))) return false;
      if (!dir.recurse && segs.length > 1) return false;
      if (!MANIFEST_FILE.test(p)) return false;
      if (dir.exclude && globMatch(dir.exclude, p)) return false;
      if (dir.include && !globMatch(dir.include, p)) return false;
      return true;
    })
    .sort(walkOrder);
  const out: KubeObject[] = [];
  for (const path of paths) {
    const parsed = parseManifests(files[path]!, path);
    const err = parsed.errors[0];
    if (err) {
      throw new RepoServerError('FailedPrecondition', `failed to unmarshal ${JSON.stringify(path)}: ${err.message}`, {
        file: path,
        line: err.line,
        column: err.column,
      });
    }
    for (const m of parsed.manifests) out.push(m.object);
  }
  return out;
}
