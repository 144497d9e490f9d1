/** A real Kubernetes API (kind, k3s, or `argo-sandbox serve`) behind the `ClusterBackend` contract. */
export { RealClusterBackend, kubeConfigForServer } from './realClusterBackend.js';
export type { RealClusterOptions } from './realClusterBackend.js';
export { ResumingWatch } from './resumingWatch.js';
export { statusError, toBackendErrorFrom } from './objectApi.js';
