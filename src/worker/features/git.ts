/** The world's git host (Argo CD pulls from it): repositories, trees, log and diffs; commits, branches, reverts are actions. */
import { argoCD, hasArgoCD } from '../../../simulator/argocd/index.js';
import { unifiedHunks } from '../../../simulator/git/index.js';
import type { DiffEntry, GitRepository, GitSignature } from '../../../simulator/git/index.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';

export interface RepoSummary {
  url: string;
  /** Short name for the file tree: the URL's last path segment without `.git`. */
  name: string;
  branches: string[];
  /** The commit `HEAD` points at ('' for an empty repository). */
  head: string;
  /** The branch HEAD names (what a fresh clone checks out). */
  defaultBranch: string;
  private: boolean;
}

/** One commit as the log shows it. */
export interface CommitSummary {
  sha: string;
  /** First line of the message. */
  subject: string;
  message: string;
  author: string;
  email: string;
  /** Author time in virtual ms since the epoch. */
  time: number;
  parents: string[];
}

/** Who commits from the UI: the time is always the world's virtual clock at the action. */
export interface Author {
  name: string;
  email: string;
}

const LOG_DEPTH = 200;

function repoOf(host: FeatureHost, url: string): GitRepository {
  return argoCD(host.world).git.get(url);
}

function signature(host: FeatureHost, author: Author): GitSignature {
  return { name: author.name, email: author.email, timestamp: Math.floor(host.world.now() / 1000) };
}

function repoName(url: string): string {
  return url.replace(/\/+$/, '').split('/').pop()!.replace(/\.git$/, '');
}

export const gitFeature = defineFeature({
  queries: {
    repos(host: FeatureHost): RepoSummary[] {
      if (!hasArgoCD(host.world)) return [];
      const git = argoCD(host.world).git;
      return git.list().map((url) => {
        const repo = git.get(url);
        let head = '';
        try {
          head = repo.resolveSync('HEAD');
        } catch {
          head = '';
        }
        return { url, name: repoName(url), branches: repo.branchesSync(), head, defaultBranch: repo.defaultBranch, private: repo.private };
      });
    },
    /** Every file of `ref` (default HEAD) with its content, and the commit it resolved to. */
    tree(host: FeatureHost, url: string, ref = 'HEAD'): { sha: string; files: Record<string, string> } {
      const repo = argoCD(host.world).git.get(url);
      const sha = repo.resolveSync(ref);
      return { sha, files: repo.readTreeSync(sha) };
    },
    /** `git log ref`, newest first (at most 200). */
    log(host: FeatureHost, url: string, ref = 'HEAD'): CommitSummary[] {
      return repoOf(host, url)
        .logSync(ref, { depth: LOG_DEPTH })
        .map((c) => ({
          sha: c.sha,
          subject: c.message.split('\n')[0] ?? '',
          message: c.message,
          author: c.author.name,
          email: c.author.email,
          time: c.author.timestamp * 1000,
          parents: c.parents,
        }));
    },
    /** What a commit changed against its first parent (`git show`); a root commit adds every file. */
    async show(host: FeatureHost, url: string, sha: string): Promise<DiffEntry[]> {
      const repo = repoOf(host, url);
      const commit = repo.logSync(sha, { depth: 1 })[0];
      if (!commit) throw new Error(`unable to resolve '${sha}' to a commit SHA`);
      const parent = commit.parents[0];
      if (parent !== undefined) return repo.diff(parent, commit.sha);
      const files = repo.readTreeSync(commit.sha);
      return Object.keys(files)
        .sort()
        .map((path) => ({ path, status: 'added' as const, hunks: unifiedHunks('', files[path]!) }));
    },
    /** Changed paths between two revisions (`git diff from to`). */
    diff(host: FeatureHost, url: string, from: string, to: string): Promise<DiffEntry[]> {
      return repoOf(host, url).diff(from, to);
    },
  },
  actions: {
    /** A new repository on the git host with one initial commit of `files` (path → content). */
    async createRepo(host: FeatureHost, url: string, files: Record<string, string>, message = 'Initial commit'): Promise<string> {
      const world = host.world;
      const author = { name: 'learner', email: 'learner@sandbox.local', timestamp: Math.floor(world.now() / 1000) };
      const repo = await argoCD(world).git.createRepo(url, files, { author, message });
      host.changed();
      return repo.resolveSync('HEAD');
    },
    /**
     * Commit working-copy `changes` (path → content, null deletes) on `branch`, like `git commit` + `git push`:
     * Argo CD sees the new revision at its next refresh (timeout.reconciliation) or a manual Refresh.
     */
    async commit(host: FeatureHost, url: string, branch: string, message: string, changes: Record<string, string | null>, author: Author): Promise<string> {
      if (!message.trim()) throw new Error('Aborting commit due to empty commit message.');
      const sha = await repoOf(host, url).commit(changes, message, signature(host, author), { branch });
      host.changed();
      return sha;
    },
    /** `git branch name from` (from defaults to HEAD). */
    async createBranch(host: FeatureHost, url: string, name: string, from = 'HEAD'): Promise<string> {
      const sha = await repoOf(host, url).branch(name, from);
      host.changed();
      return sha;
    },
    async deleteBranch(host: FeatureHost, url: string, name: string): Promise<void> {
      await repoOf(host, url).deleteBranch(name);
      host.changed();
    },
    /** `git revert --no-edit sha` on `branch`: a new commit undoing that one. */
    async revert(host: FeatureHost, url: string, sha: string, branch: string, author: Author): Promise<string> {
      const repo = repoOf(host, url);
      const created = await repo.revert(sha, signature(host, author), { branch });
      host.changed();
      return created;
    },
  },
});
