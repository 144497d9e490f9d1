/** `git`: some commit after the lab's initial commit changed a path (and its new content / message match). */
import { argoCD } from '../../argocd/index.js';
import { normalizeRepoURL } from '../../git/index.js';
import type { GitRepository } from '../../git/index.js';
import type { Sandbox } from '../../sandbox.js';
import type { GitCheck } from '../types.js';
import type { Verdict } from './object.js';

function tree(repo: GitRepository, sha: string | undefined): Record<string, string> {
  if (sha === undefined) return {};
  try {
    return repo.readTreeSync(sha);
  } catch {
    return {};
  }
}

export function checkGit(sandbox: Sandbox, initialCommits: ReadonlyMap<string, string>, c: GitCheck): Verdict {
  let repo: GitRepository;
  try {
    repo = argoCD(sandbox).git.get(c.repo);
  } catch (err) {
    return { ok: false, reason: `${c.repo}: ${(err as Error).message}` };
  }
  let log: ReturnType<GitRepository['logSync']>;
  try {
    log = repo.logSync(c.branch ?? 'HEAD');
  } catch {
    log = [];
  }
  // Without a recorded start (a world rebuilt by replay), the lab's initial commit is the root commit.
  const initial = initialCommits.get(normalizeRepoURL(c.repo)) ?? log.find((x) => x.parents.length === 0)?.sha;
  const since = [];
  for (const commit of log) {
    if (commit.sha === initial) break;
    since.push(commit);
  }
  const want = c.commit;
  const label = `${c.repo}${c.branch ? ` (${c.branch})` : ''}`;
  if (since.length === 0) return { ok: false, reason: `${label}: no commit since the lab started` };
  const contains = want.contains !== undefined ? new RegExp(want.contains) : undefined;
  const message = want.messageMatches !== undefined ? new RegExp(want.messageMatches) : undefined;
  let closest = '';
  for (const commit of since) {
    const after = tree(repo, commit.sha);
    const before = tree(repo, commit.parents[0]);
    const changed = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((p) => after[p] !== before[p]).sort();
    const short = commit.sha.slice(0, 7);
    if (message && !message.test(commit.message)) {
      closest ||= `commit ${short} message "${commit.message.trim()}" does not match /${want.messageMatches}/`;
      continue;
    }
    const paths = want.changedPath !== undefined ? changed.filter((p) => p === want.changedPath) : changed;
    if (paths.length === 0) {
      closest ||= `commit ${short} changed ${changed.join(', ') || 'nothing'}, not ${want.changedPath}`;
      continue;
    }
    if (contains && !paths.some((p) => contains.test(after[p] ?? ''))) {
      closest ||= `commit ${short} changed ${paths.join(', ')}, but the new content does not match /${want.contains}/`;
      continue;
    }
    return { ok: true, reason: `${label}: commit ${short} "${commit.message.trim()}" changed ${paths.join(', ')}` };
  }
  return { ok: false, reason: `${label}: ${since.length} commit(s) since the lab started, none matches: ${closest}` };
}
