/**
 * Argo CD in the sandbox: `installArgoCD(sandbox)` (CRDs, namespace `argocd`, the default AppProject, config
 * maps, git server, controllers; `createSandbox` does it by default) and `argoCD(sandbox)` for the git host
 * (`argoCD(sb).git.createRepo(...)`) and the controller's per-app state.
 */
export { installArgoCD, argoCD, hasArgoCD, defaultProject, ARGOCD_NAMESPACE, ARGOCD_CONTROLLERS } from './install.js';
export type { ArgoCD, ArgoCDOptions } from './install.js';
export { ARGOCD_CRDS, APPLICATION_CRD, APPPROJECT_CRD, APPLICATIONSET_CRD, ARGO_API_VERSION } from './crds/index.js';
export * from './controller/index.js';
