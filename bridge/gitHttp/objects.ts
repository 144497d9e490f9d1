/**
 * What a full clone needs from a repository: its refs (with HEAD's symbolic target and peeled tags)
 * and one packfile holding every object reachable from them.
 */
import * as git from 'isomorphic-git';
import type { GitRepository } from '../../simulator/git/index.js';

/** Where `GitRepository` keeps its bare repository inside its MemFs (simulator/git/repository.ts). */
const GITDIR = '/repo.git';

export interface AdvertisedRef {
  name: string;
  oid: string;
}

export interface Advertisement {
  /** HEAD first (when the default branch exists), then refs/heads/*, refs/tags/* (with ^{} peeled lines). */
  refs: AdvertisedRef[];
  /** `refs/heads/main` when HEAD points at an existing branch. */
  headTarget?: string;
}

function dir(repo: GitRepository) {
  return { fs: repo.fs, gitdir: GITDIR };
}

export async function advertise(repo: GitRepository): Promise<Advertisement> {
  const d = dir(repo);
  const refs: AdvertisedRef[] = [];
  const branches = (await git.listBranches(d)).sort();
  const tags = (await git.listTags(d)).sort();
  let headTarget: string | undefined;
  try {
    const target = await git.resolveRef({ ...d, ref: 'HEAD', depth: 2 });
    const oid = await git.resolveRef({ ...d, ref: 'HEAD' });
    refs.push({ name: 'HEAD', oid });
    if (target.startsWith('refs/')) headTarget = target;
  } catch {
    // HEAD names a branch with no commit yet (an empty repository): nothing to advertise for it
  }
  for (const b of branches) refs.push({ name: `refs/heads/${b}`, oid: await git.resolveRef({ ...d, ref: `refs/heads/${b}` }) });
  for (const t of tags) {
    const oid = await git.resolveRef({ ...d, ref: `refs/tags/${t}` });
    refs.push({ name: `refs/tags/${t}`, oid });
    const obj = await git.readObject({ ...d, oid });
    if (obj.type === 'tag') refs.push({ name: `refs/tags/${t}^{}`, oid: await peel(repo, oid) });
  }
  return headTarget ? { refs, headTarget } : { refs };
}

async function peel(repo: GitRepository, oid: string): Promise<string> {
  let at = oid;
  for (;;) {
    const obj = await git.readObject({ ...dir(repo), oid: at });
    if (obj.type !== 'tag') return at;
    at = (obj.object as { object: string }).object;
  }
}

/** Every object reachable from `tips` (commits, their trees and blobs, annotated tags), each once. */
export async function reachable(repo: GitRepository, tips: string[]): Promise<string[]> {
  const d = dir(repo);
  const seen = new Set<string>();
  const stack = [...tips];
  while (stack.length > 0) {
    const oid = stack.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    const obj = await git.readObject({ ...d, oid });
    if (obj.type === 'commit') {
      const c = obj.object as { tree: string; parent: string[] };
      stack.push(c.tree, ...c.parent);
    } else if (obj.type === 'tree') {
      // Submodule entries ("commit" in a tree) point into another repository: not ours to send.
      for (const e of obj.object as { oid: string; type: string }[]) if (e.type !== 'commit') stack.push(e.oid);
    } else if (obj.type === 'tag') {
      stack.push((obj.object as { object: string }).object);
    }
  }
  return [...seen].sort();
}

/** A packfile with every object reachable from `wants` ("send everything": no negotiation). */
export async function packFor(repo: GitRepository, wants: string[]): Promise<Uint8Array> {
  const oids = await reachable(repo, wants);
  const { packfile } = await git.packObjects({ ...dir(repo), oids, write: false });
  if (!packfile) throw new Error('isomorphic-git produced no packfile');
  return packfile;
}
