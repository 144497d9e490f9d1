/**
 * `run --repo DIR`: a plain directory on disk becomes the sandbox's git repository (DIR's files as the
 * initial commit), answering for every repoURL the input's Applications name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { argoCD } from '../argocd/index.js';
import type { Sandbox } from '../sandbox.js';

/** The repository every unknown repoURL maps to. */
export const CLI_REPO_URL = 'https://git.sandbox.local/repo.git';

/** Every file under `dir` (skipping `.git` and other dot entries), path → text, in sorted order. */
export function readRepoDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files[relative(dir, p).split(sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Commit DIR into the sandbox's git host and serve it for every repoURL. Throws with a message for a bad DIR. */
export async function serveRepoDir(sandbox: Sandbox, dir: string): Promise<void> {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new Error(`--repo ${dir}: not a directory`);
  const files = readRepoDir(dir);
  const git = argoCD(sandbox).git;
  // The commit is dated at the world's virtual start, so the same DIR gives the same commit SHA.
  const author = { name: 'argo-sandbox', email: 'sandbox@argo-sandbox.local', timestamp: Math.floor(sandbox.now() / 1000) };
  await git.createRepo(CLI_REPO_URL, files, { author, message: `Import ${Object.keys(files).length} file(s) from ${dir}` });
  git.serveForAnyURL(CLI_REPO_URL);
}
