/** Shared fixtures for the repo-server tests: one in-memory repository and the error catcher. */
import { expect } from 'vitest';
import { GitHost } from '../../../../simulator/git/index.js';
import { RepoServerError } from '../../../../simulator/argocd/repoServer/index.js';

export const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_700_000_000 };
export const URL = 'https://git.example.com/org/apps.git';
export const opts = { appName: 'guestbook' };

export async function repo(files: Record<string, string>): Promise<GitHost> {
  const host = new GitHost();
  await host.createRepo(URL, files, { author });
  return host;
}

/** The RepoServerError a render throws (fails the test if it returns or throws something else). */
export function failure(render: () => unknown): RepoServerError {
  let e: unknown;
  try {
    render();
  } catch (err) {
    e = err;
  }
  expect(e).toBeInstanceOf(RepoServerError);
  return e as RepoServerError;
}
