/**
 * The sandbox's git server: repoURL → repository. Every Application `repoURL` is looked up here, with
 * the URL normalised so `https://Host/org/repo`, `…/repo.git/` and `git@host:org/repo.git` are one repository.
 */
import { GitRepository } from './repository.js';
import { GitError, type GitCredentials, type GitHostState, type GitSignature } from './types.js';
import { normalizeRepoURL } from './url.js';

export interface CreateRepoOptions {
  author: GitSignature;
  message?: string;
  branch?: string;
  /** Makes the repository private: `open` then needs these credentials. */
  credentials?: GitCredentials;
}

export class GitHost {
  private readonly repos = new Map<string, GitRepository>();
  private catchAll: string | undefined;

  /** A repository at `url` whose first commit holds `files` (none when `files` is empty). */
  async createRepo(url: string, files: Record<string, string>, opts: CreateRepoOptions): Promise<GitRepository> {
    const key = normalizeRepoURL(url);
    if (this.repos.has(key)) throw new GitError('RepositoryExists', `repository '${url}' already exists`);
    const repo = await GitRepository.init(url, opts.branch ?? 'main', opts.credentials);
    if (Object.keys(files).length > 0) await repo.commit(files, opts.message ?? 'Initial commit', opts.author);
    this.repos.set(key, repo);
    return repo;
  }

  /** The repository for `url` (owner access, no credential check), or Argo CD's "repository not found". */
  get(url: string): GitRepository {
    const repo = this.repos.get(normalizeRepoURL(url)) ?? (this.catchAll === undefined ? undefined : this.repos.get(this.catchAll));
    if (!repo) throw new GitError('RepositoryNotFound', 'repository not found');
    return repo;
  }

  /**
   * The repository as a client with `credentials` sees it (the repo server's clone). A private
   * repository without matching credentials fails like go-git does in Argo CD: "authentication required".
   */
  open(url: string, credentials?: GitCredentials): GitRepository {
    const repo = this.get(url);
    const want = repo.credentials;
    if (want && (credentials?.username !== want.username || credentials?.password !== want.password)) {
      throw new GitError('AuthenticationRequired', 'authentication required');
    }
    return repo;
  }

  /** True when `get(url)` finds a repository (through the catch-all too). */
  has(url: string): boolean {
    return this.repos.has(normalizeRepoURL(url)) || (this.catchAll !== undefined && this.repos.has(this.catchAll));
  }

  /**
   * Makes the repository at `url` answer for every repoURL with no repository of its own, as the CLI's
   * `run --repo DIR` promises ("serves DIR as the git repo for every Application repoURL"). `undefined` turns it off.
   */
  serveForAnyURL(url: string | undefined): void {
    if (url !== undefined && !this.repos.has(normalizeRepoURL(url))) throw new GitError('RepositoryNotFound', 'repository not found');
    this.catchAll = url === undefined ? undefined : normalizeRepoURL(url);
  }

  delete(url: string): boolean {
    return this.repos.delete(normalizeRepoURL(url));
  }

  /** URLs as created, sorted. */
  list(): string[] {
    return [...this.repos.values()].map((r) => r.url).sort();
  }

  /** All repositories (object database + refs as path → base64), sorted by URL, for a sandbox snapshot. */
  exportState(): GitHostState {
    const repos = [...this.repos.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const state: GitHostState = { repos: repos.map((r) => r.exportState()) };
    if (this.catchAll !== undefined) state.catchAll = this.catchAll;
    return state;
  }

  /** `importState` without a promise: `Sandbox.restore` is synchronous. */
  importStateSync(state: GitHostState): void {
    const loaded = state.repos.map((s) => GitRepository.fromStateSync(s));
    this.repos.clear();
    for (const repo of loaded) this.repos.set(normalizeRepoURL(repo.url), repo);
    this.catchAll = state.catchAll;
  }

  /** Replaces every repository with the ones in `state`. */
  async importState(state: GitHostState): Promise<void> {
    const loaded = await Promise.all(state.repos.map((s) => GitRepository.fromState(s)));
    this.repos.clear();
    for (const repo of loaded) this.repos.set(normalizeRepoURL(repo.url), repo);
    this.catchAll = state.catchAll;
  }
}
