/**
 * Argo CD `targetRevision` → commit SHA. Order follows Argo CD's `LsRemote` then git rev-parse:
 * empty / `HEAD` is the default branch; then a full ref, branch, tag (annotated tags peeled);
 * then a full or abbreviated (≥ 4 hex digits) commit id.
 */
// isomorphic-git reads the global Buffer, which a Web Worker lacks.
import './bufferShim.js';
import * as git from 'isomorphic-git';
import type { MemFs } from './memFs.js';
import { GitError, revisionNotFound } from './types.js';

export interface GitDir {
  fs: MemFs;
  gitdir: string;
}

async function tryResolveRef(dir: GitDir, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ ...dir, ref });
  } catch {
    return undefined;
  }
}

/** Follows tag objects down to the commit they name; undefined when it is not a commit. */
async function peelToCommit(dir: GitDir, oid: string): Promise<string | undefined> {
  let current = oid;
  for (let i = 0; i < 10; i++) {
    let obj;
    try {
      obj = await git.readObject({ ...dir, oid: current, format: 'parsed' });
    } catch {
      return undefined;
    }
    if (obj.type === 'commit') return current;
    if (obj.type !== 'tag') return undefined;
    current = (await git.readTag({ ...dir, oid: current })).tag.object;
  }
  return undefined;
}

export async function resolveRevision(dir: GitDir, revision: string): Promise<string> {
  const rev = revision.trim();
  const candidates =
    rev === '' || rev === 'HEAD'
      ? ['HEAD']
      : rev.startsWith('refs/')
        ? [rev]
        : [`refs/heads/${rev}`, `refs/tags/${rev}`];
  if (/^[0-9a-f]{40}$/i.test(rev)) candidates.unshift(rev.toLowerCase());
  for (const ref of candidates) {
    const oid = ref.length === 40 && !ref.includes('/') ? ref : await tryResolveRef(dir, ref);
    if (oid === undefined) continue;
    const sha = await peelToCommit(dir, oid);
    if (sha !== undefined) return sha;
  }
  if (/^[0-9a-f]{4,39}$/i.test(rev)) {
    let full: string;
    try {
      full = await git.expandOid({ ...dir, oid: rev.toLowerCase() });
    } catch (e) {
      if (e instanceof Error && e.name === 'AmbiguousError') {
        throw new GitError('RevisionNotFound', `short SHA1 ${rev} is ambiguous`);
      }
      throw revisionNotFound(revision);
    }
    const sha = await peelToCommit(dir, full);
    if (sha !== undefined) return sha;
  }
  throw revisionNotFound(revision);
}
