/** The learner's files (git working copies + cluster scratch manifests), shared by the editor and the git panel. */
export { WorkspaceProvider, useWorkspace, useWorkspaceState, DEFAULT_SCRATCH } from './WorkspaceProvider';
export { WorkspaceStore } from './store';
export { HeadFollower, checkedOutBranch } from './follow';
export type { FollowedRepo, ReadTree } from './follow';
export type { WorkspaceApi } from './store';
export { REPOS_DIR, CLUSTER_DIR, splitRepoPath, checkPath, fileStatus, normalize } from './model';
export type { WorkspaceState, FileStatus } from './model';
