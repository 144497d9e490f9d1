/**
 * One bare in-memory repository with real git objects (isomorphic-git over MemFs). Every write takes
 * its author and time from the caller, so equal inputs give equal SHAs in any run.
 */
// isomorphic-git reads the global Buffer, which a Web Worker lacks.
import './bufferShim.js';
import * as git from 'isomorphic-git';
import { MemFs } from './memFs.js';
import { GitObjects } from './objects.js';
import { resolveRevision, type GitDir } from './resolve.js';
import { listRefsSync, resolveRevisionSync } from './resolveSync.js';
import { unifiedHunks } from './textDiff.js';
import { applyChanges, cleanPath, flattenTree, flattenTreeSync, subtreeOid, type FlatEntry } from './trees.js';
import {
  GitError,
  type CommitInfo,
  type DiffEntry,
  type FileChanges,
  type GitCredentials,
  type GitRepoState,
  type GitSignature,
  type TagInfo,
} from './types.js';

const GITDIR = '/repo.git';
/** Larger files are reported as changed without hunks, like a UI would collapse them. */
const MAX_HUNK_BYTES = 64 * 1024;

function signature(s: GitSignature): Required<GitSignature> {
  return { name: s.name, email: s.email, timestamp: Math.floor(s.timestamp), timezoneOffset: s.timezoneOffset ?? 0 };
}

function checkRefName(kind: 'branch' | 'tag', name: string): void {
  // git check-ref-format, the common cases.
  if (!name || /(^[-/.])|([/.]$)|\.\.|[\s~^:?*[\\]|@\{|\/\/|\.lock$/.test(name)) {
    throw new GitError('InvalidRefName', `'${name}' is not a valid ${kind} name`);
  }
}

export interface CommitOptions {
  /** Branch to commit on (default: the default branch). */
  branch?: string;
  /** Like `git commit --allow-empty`. */
  allowEmpty?: boolean;
  /** Committer when it differs from the author. */
  committer?: GitSignature;
}

export interface TagOptions {
  /** Makes an annotated tag (a tag object with message and tagger). */
  annotate?: { message: string; tagger: GitSignature };
  force?: boolean;
}

export class GitRepository {
  readonly fs: MemFs;
  private readonly dir: GitDir;
  private readonly objects: GitObjects;
  private writes: Promise<void> = Promise.resolve();
  /** Commit → every file in it: commits are immutable, so the repo server's re-reads are lookups. */
  private readonly flatCache = new Map<string, Map<string, FlatEntry>>();

  private constructor(
    readonly url: string,
    readonly defaultBranch: string,
    fs: MemFs,
    /** Set for a private repository: clones must present exactly these. */
    readonly credentials?: GitCredentials,
  ) {
    this.fs = fs;
    this.dir = { fs, gitdir: GITDIR };
    this.objects = new GitObjects(fs, GITDIR);
  }

  /** An empty repository whose HEAD names `defaultBranch` (no commits yet). */
  static async init(url: string, defaultBranch = 'main', credentials?: GitCredentials): Promise<GitRepository> {
    const fs = new MemFs();
    await git.init({ fs, gitdir: GITDIR, bare: true, defaultBranch });
    return new GitRepository(url, defaultBranch, fs, credentials);
  }

  static async fromState(state: GitRepoState): Promise<GitRepository> {
    const fs = new MemFs();
    await fs.importFiles(state.files);
    return new GitRepository(state.url, state.defaultBranch, fs, state.credentials);
  }

  static fromStateSync(state: GitRepoState): GitRepository {
    const fs = new MemFs();
    fs.importFilesSync(state.files);
    return new GitRepository(state.url, state.defaultBranch, fs, state.credentials);
  }

  get private(): boolean {
    return this.credentials !== undefined;
  }

  exportState(): GitRepoState {
    const state: GitRepoState = { url: this.url, defaultBranch: this.defaultBranch, files: this.fs.exportFiles() };
    if (this.credentials) state.credentials = { ...this.credentials };
    return state;
  }

  /** Commits `changes` on top of the branch head (creating the branch if it has no commit yet). */
  commit(changes: FileChanges, message: string, author: GitSignature, opts: CommitOptions = {}): Promise<string> {
    return this.exclusive(() => this.writeCommit(changes, message, author, opts));
  }

  private async writeCommit(changes: FileChanges, message: string, author: GitSignature, opts: CommitOptions): Promise<string> {
    const branch = opts.branch ?? this.defaultBranch;
    const ref = `refs/heads/${branch}`;
    const parent = await this.tryRef(ref);
    if (parent === undefined && branch !== this.defaultBranch) throw new GitError('RevisionNotFound', `unable to resolve '${branch}' to a commit SHA`);
    const baseTree = parent === undefined ? undefined : await this.objects.commitTree(parent);
    const tree = await applyChanges(this.objects, baseTree, changes);
    if (tree === baseTree && !opts.allowEmpty) throw new GitError('NothingToCommit', 'nothing to commit, working tree clean');
    const written = await git.writeCommit({
      ...this.dir,
      commit: {
        message: message.endsWith('\n') ? message : `${message}\n`,
        tree,
        parent: parent === undefined ? [] : [parent],
        author: signature(author),
        committer: signature(opts.committer ?? author),
      },
    });
    const sha = await this.objects.restore(written);
    await git.writeRef({ ...this.dir, ref, value: sha, force: true });
    return sha;
  }

  /** Creates branch `name` at `from` (default: HEAD); `force` moves an existing one (a force push). */
  branch(name: string, from = 'HEAD', opts: { force?: boolean } = {}): Promise<string> {
    return this.exclusive(async () => {
      checkRefName('branch', name);
      const sha = await this.resolve(from);
      if (!opts.force && (await this.tryRef(`refs/heads/${name}`)) !== undefined) {
        throw new GitError('RefExists', `a branch named '${name}' already exists`);
      }
      await git.writeRef({ ...this.dir, ref: `refs/heads/${name}`, value: sha, force: true });
      return sha;
    });
  }

  /**
   * Tags `at` (default: HEAD): lightweight, or annotated with `annotate`. `force` re-points an existing
   * tag, the re-tagging Argo CD's tag tracking relies on. Returns the commit SHA.
   */
  tag(name: string, at = 'HEAD', opts: TagOptions = {}): Promise<string> {
    return this.exclusive(async () => {
      checkRefName('tag', name);
      const sha = await this.resolve(at);
      if ((await this.tryRef(`refs/tags/${name}`)) !== undefined) {
        if (!opts.force) throw new GitError('RefExists', `tag '${name}' already exists`);
        await git.deleteRef({ ...this.dir, ref: `refs/tags/${name}` });
      }
      const annotate = opts.annotate;
      if (!annotate) {
        await git.writeRef({ ...this.dir, ref: `refs/tags/${name}`, value: sha });
      } else {
        const message = annotate.message.endsWith('\n') ? annotate.message : `${annotate.message}\n`;
        await git.annotatedTag({ ...this.dir, ref: name, object: sha, message, tagger: signature(annotate.tagger) });
        await this.objects.restore(await git.resolveRef({ ...this.dir, ref: `refs/tags/${name}` }));
      }
      return sha;
    });
  }

  deleteBranch(name: string): Promise<void> {
    return this.exclusive(async () => {
      if (name === this.defaultBranch) throw new GitError('RefExists', `cannot delete the default branch '${name}'`);
      if ((await this.tryRef(`refs/heads/${name}`)) === undefined) throw new GitError('RevisionNotFound', `branch '${name}' not found`);
      await git.deleteRef({ ...this.dir, ref: `refs/heads/${name}` });
    });
  }

  deleteTag(name: string): Promise<void> {
    return this.exclusive(async () => {
      if ((await this.tryRef(`refs/tags/${name}`)) === undefined) throw new GitError('RevisionNotFound', `tag '${name}' not found`);
      await git.deleteRef({ ...this.dir, ref: `refs/tags/${name}` });
    });
  }

  async branches(): Promise<string[]> {
    return (await git.listBranches(this.dir)).sort();
  }

  async tags(): Promise<TagInfo[]> {
    const out: TagInfo[] = [];
    for (const name of (await git.listTags(this.dir)).sort()) {
      const oid = await git.resolveRef({ ...this.dir, ref: `refs/tags/${name}` });
      const obj = await git.readObject({ ...this.dir, oid, format: 'parsed' });
      if (obj.type === 'tag') {
        const { tag } = await git.readTag({ ...this.dir, oid });
        out.push({ name, sha: await this.resolve(`refs/tags/${name}`), annotated: true, message: tag.message });
      } else {
        out.push({ name, sha: oid, annotated: false });
      }
    }
    return out;
  }

  /** Branch, tag, full or short SHA, `refs/...`, or empty / `HEAD` (the default branch) → commit SHA. */
  async resolve(revision: string): Promise<string> {
    return resolveRevision(this.dir, revision);
  }

  /** Commits reachable from `ref`, newest first, like `git log`. */
  async log(ref = 'HEAD', opts: { depth?: number } = {}): Promise<CommitInfo[]> {
    const sha = await this.resolve(ref);
    const entries = await git.log({ ...this.dir, ref: sha, depth: opts.depth });
    return entries.map((e) => ({
      sha: e.oid,
      tree: e.commit.tree,
      parents: e.commit.parent,
      message: e.commit.message,
      author: signature(e.commit.author),
      committer: signature(e.commit.committer),
    }));
  }

  /** Files under `path` at `revision`, recursive, keyed relative to `path` (what a repo server renders). */
  async readTree(revision: string, path = ''): Promise<Record<string, string>> {
    const sha = await this.resolve(revision);
    const dir = cleanPath(path);
    const oid = await subtreeOid(this.objects, await this.objects.commitTree(sha), dir);
    if (oid === undefined) throw new GitError('PathNotFound', `path '${dir}' does not exist in '${revision || 'HEAD'}'`);
    const out: Record<string, string> = {};
    for (const [p, e] of await flattenTree(this.objects, oid)) out[p] = await this.objects.readText(e.oid);
    return out;
  }

  /** Paths (recursive) under `path` at `revision` without reading contents. */
  async listFiles(revision: string, path = ''): Promise<string[]> {
    const sha = await this.resolve(revision);
    const oid = await subtreeOid(this.objects, await this.objects.commitTree(sha), cleanPath(path));
    return oid === undefined ? [] : [...(await flattenTree(this.objects, oid)).keys()];
  }

  async readFile(revision: string, path: string): Promise<string> {
    const sha = await this.resolve(revision);
    const filepath = cleanPath(path);
    const slash = filepath.lastIndexOf('/');
    const tree = await subtreeOid(this.objects, await this.objects.commitTree(sha), filepath.slice(0, Math.max(0, slash)));
    const entry = tree === undefined ? undefined : (await this.objects.readTree(tree)).find((e) => e.path === filepath.slice(slash + 1));
    if (entry?.type !== 'blob') throw new GitError('PathNotFound', `path '${filepath}' does not exist in '${revision || 'HEAD'}'`);
    return this.objects.readText(entry.oid);
  }

  // --- Synchronous reads: controllers reconcile synchronously and render without awaiting ---------

  /** `resolve` without a promise. */
  resolveSync(revision: string): string {
    return resolveRevisionSync(this.fs, GITDIR, this.objects, revision);
  }

  /** `readTree` without a promise: files under `path` at `revision`, keyed relative to `path`. */
  readTreeSync(revision: string, path = ''): Record<string, string> {
    const dir = cleanPath(path);
    const prefix = dir === '' ? '' : `${dir}/`;
    const out: Record<string, string> = {};
    for (const [p, e] of this.flatSync(this.resolveSync(revision))) {
      if (p.startsWith(prefix)) out[p.slice(prefix.length)] = this.objects.readTextSync(e.oid);
    }
    if (Object.keys(out).length === 0 && dir !== '') throw new GitError('PathNotFound', `path '${dir}' does not exist in '${revision || 'HEAD'}'`);
    return out;
  }

  listFilesSync(revision: string, path = ''): string[] {
    const dir = cleanPath(path);
    const prefix = dir === '' ? '' : `${dir}/`;
    return [...this.flatSync(this.resolveSync(revision)).keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }

  readFileSync(revision: string, path: string): string {
    const filepath = cleanPath(path);
    const entry = this.flatSync(this.resolveSync(revision)).get(filepath);
    if (!entry) throw new GitError('PathNotFound', `path '${filepath}' does not exist in '${revision || 'HEAD'}'`);
    return this.objects.readTextSync(entry.oid);
  }

  /** `log` without a promise: newest committer time first, like `git log`. */
  logSync(ref = 'HEAD', opts: { depth?: number } = {}): CommitInfo[] {
    const out: CommitInfo[] = [];
    const seen = new Set<string>();
    const queue = [this.resolveSync(ref)];
    while (queue.length > 0 && (opts.depth === undefined || out.length < opts.depth)) {
      queue.sort((a, b) => this.objects.readCommitSync(b).committer.timestamp - this.objects.readCommitSync(a).committer.timestamp);
      const sha = queue.shift() as string;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const c = this.objects.readCommitSync(sha);
      out.push({ sha, tree: c.tree, parents: [...c.parent], message: c.message, author: { ...c.author }, committer: { ...c.committer } });
      for (const p of c.parent) if (!seen.has(p)) queue.push(p);
    }
    return out;
  }

  branchesSync(): string[] {
    return listRefsSync(this.fs, GITDIR, 'refs/heads/');
  }

  private flatSync(sha: string): Map<string, FlatEntry> {
    let flat = this.flatCache.get(sha);
    if (!flat) {
      flat = flattenTreeSync(this.objects, this.objects.commitTreeSync(sha));
      this.flatCache.set(sha, flat);
    }
    return flat;
  }

  /** Changed paths from `from` to `to`, sorted, with unified hunks for small text files. */
  async diff(from: string, to: string): Promise<DiffEntry[]> {
    const a = await this.flatAt(from);
    const b = await this.flatAt(to);
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    const out: DiffEntry[] = [];
    for (const path of paths) {
      const ea = a.get(path);
      const eb = b.get(path);
      if (ea?.oid === eb?.oid) continue;
      const status = ea === undefined ? 'added' : eb === undefined ? 'deleted' : 'modified';
      const before = ea ? await this.objects.readBlob(ea.oid) : { text: '', size: 0 };
      const after = eb ? await this.objects.readBlob(eb.oid) : { text: '', size: 0 };
      if (before.text === undefined || after.text === undefined) out.push({ path, status, binary: true });
      else if (before.size + after.size > MAX_HUNK_BYTES) out.push({ path, status });
      else out.push({ path, status, hunks: unifiedHunks(before.text, after.text) });
    }
    return out;
  }

  /**
   * Like `git revert --no-edit`: a new commit on `branch` undoing the changes `revision` made. Without a
   * line-level merge, a path changed again since `revision` is a conflict, and the revert is refused.
   */
  revert(revision: string, author: GitSignature, opts: { branch?: string } = {}): Promise<string> {
    return this.exclusive(async () => {
      const sha = await this.resolve(revision);
      const { commit } = await git.readCommit({ ...this.dir, oid: sha });
      const before = commit.parent.length > 0 ? await this.flatAt(commit.parent[0]) : new Map();
      const after = await flattenTree(this.objects, commit.tree);
      const changes: FileChanges = {};
      for (const [path, e] of after) {
        const old = before.get(path);
        if (old === undefined) changes[path] = null;
        else if (old.oid !== e.oid) changes[path] = await this.objects.readText(old.oid);
      }
      for (const [path, e] of before) if (!after.has(path)) changes[path] = await this.objects.readText(e.oid);
      const subject = commit.message.split('\n')[0];
      const tip = await this.flatAt(opts.branch ?? this.defaultBranch);
      for (const path of Object.keys(changes)) {
        if (tip.get(path)?.oid !== after.get(path)?.oid) {
          throw new GitError('RevertConflict', `could not revert ${sha.slice(0, 7)}... ${subject}: ${path} was changed since`);
        }
      }
      const message = `Revert "${subject}"\n\nThis reverts commit ${sha}.\n`;
      return this.writeCommit(changes, message, author, { branch: opts.branch });
    });
  }

  private async flatAt(revision: string): Promise<Map<string, { oid: string }>> {
    const sha = await this.resolve(revision);
    return flattenTree(this.objects, await this.objects.commitTree(sha));
  }

  /**
   * Runs ref-moving writes one at a time, in call order: two UI commits started together must both land,
   * one on top of the other, as a git server's ref locks would make them.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(fn, fn);
    this.writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async tryRef(ref: string): Promise<string | undefined> {
    try {
      return await git.resolveRef({ ...this.dir, ref });
    } catch {
      return undefined;
    }
  }
}
