/**
 * Flat views of git trees and writing a changed tree back. A commit rewrites only the directories on
 * the changed paths; every other subtree keeps its object id, as in real git.
 */
import type { TreeEntry } from 'isomorphic-git';
import type { GitObjects } from './objects.js';
import { GitError, type FileChanges } from './types.js';

export interface FlatEntry {
  oid: string;
  mode: string;
}

/** Every file under `treeOid` (recursive) as `prefix + path` → blob id and mode. */
export async function flattenTree(repo: GitObjects, treeOid: string, prefix = ''): Promise<Map<string, FlatEntry>> {
  const out = new Map<string, FlatEntry>();
  const walk = async (oid: string, base: string): Promise<void> => {
    const tree = await repo.readTree(oid);
    for (const e of tree) {
      if (e.type === 'tree') await walk(e.oid, `${base}${e.path}/`);
      else if (e.type === 'blob') out.set(base + e.path, { oid: e.oid, mode: e.mode });
    }
  };
  await walk(treeOid, prefix);
  return out;
}

/** The id of the tree at `path` inside `treeOid`, or undefined when there is none. */
export async function subtreeOid(repo: GitObjects, treeOid: string, path: string): Promise<string | undefined> {
  let oid = treeOid;
  for (const part of path.split('/').filter((p) => p !== '' && p !== '.')) {
    const tree = await repo.readTree(oid);
    const entry = tree.find((e) => e.path === part);
    if (!entry || entry.type !== 'tree') return undefined;
    oid = entry.oid;
  }
  return oid;
}

/** Normalises a repository path: no leading `./` or `/`, no empty segments. */
export function cleanPath(path: string): string {
  return path
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

/**
 * Applies `changes` to the tree `baseTree` (undefined = empty) and returns the new root tree id.
 * Deleting a path that does not exist fails with git's pathspec wording.
 */
export async function applyChanges(repo: GitObjects, baseTree: string | undefined, changes: FileChanges): Promise<string> {
  type Dir = { entries: Map<string, TreeEntry>; dirs: Map<string, Dir>; oid?: string; loaded: boolean };
  const newDir = (oid?: string): Dir => ({ entries: new Map(), dirs: new Map(), oid, loaded: oid === undefined });
  const root = newDir(baseTree);

  const load = async (dir: Dir): Promise<void> => {
    if (dir.loaded) return;
    dir.loaded = true;
    const tree = await repo.readTree(dir.oid as string);
    for (const e of tree) {
      if (e.type === 'tree') dir.dirs.set(e.path, newDir(e.oid));
      else dir.entries.set(e.path, e);
    }
  };

  for (const [rawPath, content] of Object.entries(changes)) {
    const path = cleanPath(rawPath);
    if (path === '') throw new GitError('PathNotFound', `invalid path '${rawPath}'`);
    const parts = path.split('/');
    const name = parts.pop() as string;
    let dir = root;
    await load(dir);
    for (const part of parts) {
      let next = dir.dirs.get(part);
      if (!next) {
        if (content === null) throw pathspec(rawPath);
        next = newDir();
        dir.dirs.set(part, next);
      }
      await load(next);
      dir.oid = undefined; // on a changed path: this tree is rewritten
      dir = next;
    }
    dir.oid = undefined;
    if (content === null) {
      if (!dir.entries.delete(name)) throw pathspec(rawPath);
    } else {
      if (dir.dirs.has(name)) throw new GitError('PathNotFound', `'${rawPath}' is a directory`);
      const oid = await repo.writeBlob(content);
      dir.entries.set(name, { mode: '100644', path: name, oid, type: 'blob' });
    }
  }

  // Returns undefined for a directory left empty: git does not store empty trees below the root.
  const write = async (dir: Dir): Promise<string | undefined> => {
    if (dir.oid !== undefined) return dir.oid;
    const tree: TreeEntry[] = [...dir.entries.values()];
    for (const [name, sub] of dir.dirs) {
      const oid = await write(sub);
      if (oid !== undefined) tree.push({ mode: '040000', path: name, oid, type: 'tree' });
    }
    if (tree.length === 0) return undefined;
    return repo.writeTree(tree);
  };
  return (await write(root)) ?? (await repo.writeTree([]));
}

function pathspec(path: string): GitError {
  return new GitError('PathNotFound', `pathspec '${path}' did not match any files`);
}

/** Synchronous `flattenTree` over our own stored objects (see GitObjects.readTreeSync). */
export function flattenTreeSync(repo: GitObjects, treeOid: string, prefix = ''): Map<string, FlatEntry> {
  const out = new Map<string, FlatEntry>();
  const walk = (oid: string, base: string): void => {
    for (const e of repo.readTreeSync(oid)) {
      if (e.type === 'tree') walk(e.oid, `${base}${e.path}/`);
      else if (e.type === 'blob') out.set(base + e.path, { oid: e.oid, mode: e.mode });
    }
  };
  walk(treeOid, prefix);
  return out;
}
