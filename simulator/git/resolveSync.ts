/**
 * The synchronous twin of resolve.ts: refs and objects read straight from the in-memory `.git`
 * directory (loose refs, `packed-refs`, our stored-zlib loose objects), same order and wording.
 */
import type { MemFs } from './memFs.js';
import type { GitObjects } from './objects.js';
import { GitError, revisionNotFound } from './types.js';

const decoder = new TextDecoder();

/** The object id a ref names (symbolic refs followed), or undefined. */
export function readRefSync(fs: MemFs, gitdir: string, ref: string): string | undefined {
  let name = ref;
  for (let depth = 0; depth < 5; depth++) {
    const file = fs.files.get(`${gitdir}/${name}`);
    let value: string | undefined = file === undefined ? undefined : decoder.decode(file).trim();
    if (value === undefined) value = packedRef(fs, gitdir, name);
    if (value === undefined) return undefined;
    if (!value.startsWith('ref: ')) return /^[0-9a-f]{40}$/.test(value) ? value : undefined;
    name = value.slice(5).trim();
  }
  return undefined;
}

function packedRef(fs: MemFs, gitdir: string, ref: string): string | undefined {
  const file = fs.files.get(`${gitdir}/packed-refs`);
  if (!file) return undefined;
  for (const line of decoder.decode(file).split('\n')) {
    const [oid, name] = line.split(' ');
    if (name === ref && oid && /^[0-9a-f]{40}$/.test(oid)) return oid;
  }
  return undefined;
}

/** Names of loose and packed refs under `prefix` (e.g. `refs/heads/`), without the prefix, sorted. */
export function listRefsSync(fs: MemFs, gitdir: string, prefix: string): string[] {
  const names = new Set<string>();
  const base = `${gitdir}/${prefix}`;
  for (const path of fs.files.keys()) if (path.startsWith(base)) names.add(path.slice(base.length));
  const packed = fs.files.get(`${gitdir}/packed-refs`);
  if (packed) {
    for (const line of decoder.decode(packed).split('\n')) {
      const name = line.split(' ')[1];
      if (name?.startsWith(prefix)) names.add(name.slice(prefix.length));
    }
  }
  return [...names].sort();
}

function peelToCommitSync(objects: GitObjects, oid: string): string | undefined {
  let current = oid;
  for (let i = 0; i < 10; i++) {
    const raw = objects.rawSync(current);
    if (!raw) return undefined;
    if (raw.type === 'commit') return current;
    if (raw.type !== 'tag') return undefined;
    current = objects.readTagSync(current).object;
  }
  return undefined;
}

/** Every loose object id starting with `prefix` (lower-case hex). */
function expandOidSync(fs: MemFs, gitdir: string, prefix: string): string[] {
  const dir = `${gitdir}/objects/${prefix.slice(0, 2)}/`;
  const rest = prefix.slice(2);
  const out: string[] = [];
  for (const path of fs.files.keys()) {
    if (path.startsWith(dir) && path.slice(dir.length).startsWith(rest)) out.push(prefix.slice(0, 2) + path.slice(dir.length));
  }
  return out;
}

export function resolveRevisionSync(fs: MemFs, gitdir: string, objects: GitObjects, revision: string): string {
  const rev = revision.trim();
  const candidates = rev === '' || rev === 'HEAD' ? ['HEAD'] : rev.startsWith('refs/') ? [rev] : [`refs/heads/${rev}`, `refs/tags/${rev}`];
  if (/^[0-9a-f]{40}$/i.test(rev)) candidates.unshift(rev.toLowerCase());
  for (const ref of candidates) {
    const oid = ref.length === 40 && !ref.includes('/') ? ref : readRefSync(fs, gitdir, ref);
    if (oid === undefined) continue;
    const sha = peelToCommitSync(objects, oid);
    if (sha !== undefined) return sha;
  }
  if (/^[0-9a-f]{4,39}$/i.test(rev)) {
    const matches = expandOidSync(fs, gitdir, rev.toLowerCase());
    if (matches.length > 1) throw new GitError('RevisionNotFound', `short SHA1 ${rev} is ambiguous`);
    const sha = matches.length === 1 ? peelToCommitSync(objects, matches[0]!) : undefined;
    if (sha !== undefined) return sha;
  }
  throw revisionNotFound(revision);
}
