/** Path helpers over a flat `path → content` map of a repository tree (no filesystem). */

/** Normalises `a/./b/../c` → `a/c`; undefined when it climbs above the root. */
export function cleanRel(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

export function joinRel(dir: string, rel: string): string | undefined {
  return cleanRel(dir === '' ? rel : `${dir}/${rel}`);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when `dir` is a directory in the tree (has at least one file under it). */
export function isDir(files: Readonly<Record<string, string>>, dir: string): boolean {
  if (dir === '') return Object.keys(files).length > 0;
  const prefix = `${dir}/`;
  return Object.keys(files).some((p) => p.startsWith(prefix));
}

/**
 * Go's `filepath.Walk` order: entries of each directory sorted by name, a directory's contents at its
 * place. Comparing segment by segment gives that (a plain string sort would put `b-c.yaml` before `b/x.yaml`).
 */
export function walkOrder(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] !== bs[i]) return as[i]! < bs[i]! ? -1 : 1;
  }
  return as.length - bs.length;
}

/**
 * kustomize's default load restrictor (LoadRestrictionsRootOnly): a file a kustomization reads must be in or
 * below the kustomization's directory. Returns the repo path, or throws kustomize's "security" message.
 */
export function restrictedPath(dir: string, rel: string, fail: (message: string) => Error): string {
  const path = joinRel(dir, rel);
  const inside = path !== undefined && (dir === '' || path === dir || path.startsWith(`${dir}/`));
  if (!inside) throw fail(`security; file '${path ?? rel}' is not in or below '${dir || '.'}'`);
  return path;
}
