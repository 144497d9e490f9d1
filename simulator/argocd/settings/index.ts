/**
 * Argo CD settings from the cluster (util/settings, util/db): argocd-cm (`readArgoCDSettings`), repository
 * credential Secrets (`repositoryCredentials`, `listRepositories`), destination clusters (`listClusters`,
 * `resolveDestination`). Pure reads of the store; the Argo CD namespace defaults to `argocd`.
 */
export { readArgoCDSettings, parseArgoCDSettings, isExcludedResource, CORE_EXCLUDED_RESOURCES } from './argocdCm.js';
export type { ArgoCDSettings, FilteredResource, Account, AccountCapability, TrackingMethod } from './argocdCm.js';
export { repositoryCredentials, listRepositories, findRepositorySecret, findRepoCredsSecret } from './repositories.js';
export type { RepositoryCredentials, Repository } from './repositories.js';
export { listClusters, resolveDestination, destinationOf, IN_CLUSTER_SERVER, IN_CLUSTER_NAME } from './clusters.js';
export type { Cluster, ApplicationDestination, DestinationResult } from './clusters.js';
export { normalizeGitURL, sameURL } from './gitUrl.js';
export { ARGOCD_NAMESPACE, ARGOCD_CM, ARGOCD_RBAC_CM, SECRET_TYPE_LABEL, configMapData, secretData, secretsOfType, getObject, listObjects } from './store.js';
