/** Request paths ↔ the sandbox's repoURLs: `https://github.com/org/app.git` is served at `<base>/git/github.com/org/app.git`. */
import type { GitHost, GitRepository } from '../../simulator/git/index.js';

/** Finds the repository a path names: the repoURL without its scheme (https, then http). */
export function repoResolver(host: GitHost): (repoPath: string) => GitRepository | undefined {
  return (repoPath) => {
    for (const scheme of ['https://', 'http://']) {
      const url = scheme + repoPath;
      if (host.has(url)) return host.get(url);
    }
    return undefined;
  };
}

/** The smart-HTTP URL a clone from the bridge at `base` (http://127.0.0.1:PORT) uses for `repoURL`. */
export function gitUrlFor(base: string, repoURL: string, prefix = '/git'): string {
  const ssh = /^[\w.-]+@([^:]+):(.+)$/.exec(repoURL);
  const path = ssh ? `${ssh[1]}/${ssh[2]}` : repoURL.replace(/^[a-z+]+:\/\//i, '').replace(/^[^@/]+@/, '');
  return `${base.replace(/\/$/, '')}${prefix}/${path}`;
}
