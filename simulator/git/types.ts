/** Data shapes of the in-memory git host: signatures, commits, diffs, snapshots, errors. */

/** Who and when. `timestamp` is virtual-clock seconds from the caller, never the wall clock. */
export interface GitSignature {
  name: string;
  email: string;
  timestamp: number;
  /** Minutes, with git's sign convention (UTC+2 → -120). Default 0. */
  timezoneOffset?: number;
}

/** HTTPS basic credentials (what an Argo CD repository Secret carries as `username` / `password`). */
export interface GitCredentials {
  username: string;
  password: string;
}

/** Path → new content; `null` deletes the path. */
export type FileChanges = Record<string, string | null>;

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Required<GitSignature>;
  committer: Required<GitSignature>;
}

export type DiffStatus = 'added' | 'modified' | 'deleted';

export interface DiffEntry {
  path: string;
  status: DiffStatus;
  /** Unified hunks (`@@ -1,3 +1,4 @@` + lines) for small text files; absent for large or binary ones. */
  hunks?: string[];
  binary?: boolean;
}

export interface TagInfo {
  name: string;
  /** The commit the tag points at (peeled for annotated tags). */
  sha: string;
  annotated: boolean;
  message?: string;
}

/** One repository in a snapshot: its URL and its whole `.git` directory as path → base64. */
export interface GitRepoState {
  url: string;
  defaultBranch: string;
  /** Present for a private repository. */
  credentials?: GitCredentials;
  files: Record<string, string>;
}

export interface GitHostState {
  repos: GitRepoState[];
  /** URL of the repository that answers for every unknown repoURL (the CLI's `--repo DIR`). */
  catchAll?: string;
}

export type GitErrorReason =
  | 'RepositoryNotFound'
  | 'AuthenticationRequired'
  | 'RepositoryExists'
  | 'RevisionNotFound'
  | 'PathNotFound'
  | 'RefExists'
  | 'InvalidRefName'
  | 'NothingToCommit'
  | 'RevertConflict';

/** An error with git / Argo CD wording and a closed reason the repo server can branch on. */
export class GitError extends Error {
  constructor(
    readonly reason: GitErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export const revisionNotFound = (revision: string): GitError =>
  new GitError('RevisionNotFound', `unable to resolve '${revision}' to a commit SHA`);
