/** In-memory git repositories on isomorphic-git: commits, branches, tags, log, diff; repoURL → repo. */
import './bufferShim.js';

export { GitHost, type CreateRepoOptions } from './host.js';
export { GitRepository, type CommitOptions, type TagOptions } from './repository.js';
export { normalizeRepoURL } from './url.js';
export { unifiedHunks, diffLines, splitLines } from './textDiff.js';
export { MemFs, toBase64, fromBase64 } from './memFs.js';
export {
  GitError,
  type GitErrorReason,
  type GitSignature,
  type GitCredentials,
  type FileChanges,
  type CommitInfo,
  type DiffEntry,
  type DiffStatus,
  type TagInfo,
  type GitRepoState,
  type GitHostState,
} from './types.js';
