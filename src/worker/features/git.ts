/** The world's git host (Argo CD pulls from it): repositories and their trees. Commits etc. are actions. */
import { argoCD, hasArgoCD } from '../../../simulator/argocd/index.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';

export interface RepoSummary {
  url: string;
  /** Short name for the file tree: the URL's last path segment without `.git`. */
  name: string;
  branches: string[];
  /** The commit `HEAD` points at ('' for an empty repository). */
  head: string;
  private: boolean;
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
        return { url, name: repoName(url), branches: repo.branchesSync(), head, private: repo.private };
      });
    },
    /** Every file of `ref` (default HEAD) with its content, and the commit it resolved to. */
    tree(host: FeatureHost, url: string, ref = 'HEAD'): { sha: string; files: Record<string, string> } {
      const repo = argoCD(host.world).git.get(url);
      const sha = repo.resolveSync(ref);
      return { sha, files: repo.readTreeSync(sha) };
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
  },
});
