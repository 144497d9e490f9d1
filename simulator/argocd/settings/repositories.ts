/**
 * Repository credentials from Secrets (util/db/repository_secrets.go): a `secret-type: repository` Secret
 * whose `url` is the same repository (a project-scoped one for the Application's project first, then an
 * unscoped one); without username/password there, the `secret-type: repo-creds` template with the longest
 * URL prefix lends its credentials (InheritedCreds).
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { StoredObject } from '../../cluster/types.js';
import { normalizeGitURL, sameURL } from './gitUrl.js';
import { ARGOCD_NAMESPACE, secretData, secretsOfType } from './store.js';

export interface RepositoryCredentials {
  username: string;
  password: string;
}

export interface Repository {
  repo: string;
  type: string;
  name?: string;
  project?: string;
  username?: string;
  /** Credentials come from a repo-creds template, not the repository Secret itself. */
  inheritedCreds: boolean;
  /** The Secret that defines the repository. */
  secretName: string;
}

function credsOf(data: Record<string, string>): RepositoryCredentials | undefined {
  const username = data.username ?? '';
  const password = data.password ?? '';
  return username || password ? { username, password } : undefined;
}

/** getRepositorySecret: same URL, the given project's secret first, an unscoped one as fallback. */
export function findRepositorySecret(store: ObjectStore, repoURL: string, project = '', namespace = ARGOCD_NAMESPACE): StoredObject | undefined {
  let fallback: StoredObject | undefined;
  for (const secret of secretsOfType(store, 'repository', namespace)) {
    const data = secretData(secret);
    if (!sameURL(data.url ?? '', repoURL)) continue;
    const scoped = data.project ?? '';
    if (scoped === project) return secret;
    if (scoped === '' && !fallback) fallback = secret;
  }
  return fallback;
}

/** getRepositoryCredentialIndex: the repo-creds Secret whose normalised URL is the longest prefix of repoURL. */
export function findRepoCredsSecret(store: ObjectStore, repoURL: string, namespace = ARGOCD_NAMESPACE): StoredObject | undefined {
  const url = normalizeGitURL(repoURL);
  let best: StoredObject | undefined;
  let max = 0;
  for (const secret of secretsOfType(store, 'repo-creds', namespace)) {
    const prefix = normalizeGitURL(secretData(secret).url ?? '');
    if (url.startsWith(prefix) && prefix.length > max) {
      max = prefix.length;
      best = secret;
    }
  }
  return best;
}

/** The username/password the repo server uses for repoURL, or undefined (anonymous clone). */
export function repositoryCredentials(store: ObjectStore, repoURL: string, project = '', namespace = ARGOCD_NAMESPACE): RepositoryCredentials | undefined {
  const repo = findRepositorySecret(store, repoURL, project, namespace);
  const own = repo ? credsOf(secretData(repo)) : undefined;
  if (own) return own;
  const template = findRepoCredsSecret(store, repoURL, namespace);
  return template ? credsOf(secretData(template)) : undefined;
}

/** Every repository Secret as the API lists it (no passwords), sorted by URL. */
export function listRepositories(store: ObjectStore, namespace = ARGOCD_NAMESPACE): Repository[] {
  return secretsOfType(store, 'repository', namespace)
    .map((secret) => {
      const data = secretData(secret);
      const own = credsOf(data);
      const inherited = !own ? findRepoCredsSecret(store, data.url ?? '', namespace) : undefined;
      const creds = own ?? (inherited ? credsOf(secretData(inherited)) : undefined);
      const repo: Repository = { repo: data.url ?? '', type: data.type || 'git', inheritedCreds: !own && creds !== undefined, secretName: secret.metadata.name };
      if (data.name) repo.name = data.name;
      if (data.project) repo.project = data.project;
      if (creds?.username) repo.username = creds.username;
      return repo;
    })
    .sort((a, b) => (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0));
}
