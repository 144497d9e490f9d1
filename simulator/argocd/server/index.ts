/**
 * Argo CD API server actions (server/application, server/project, server/repository, server/cluster):
 * `new ArgoCDServer(sandbox, { git })`, `.users()` for the user switcher, `.as(user)` → `ArgoCDSession` with
 * list/get/create/update/delete Applications, `sync` (writes `operation.sync` + `initiatedBy`), `rollback`,
 * `refreshApplication` (the `argocd.argoproj.io/refresh` annotation), `terminateOperation`, projects CRUD,
 * repositories (credential Secrets), clusters. Errors are `ArgoApiError { code, message, why? }`.
 */
export { ArgoCDServer, ArgoCDSession } from './server.js';
export type { ArgoCDServerOptions, UserInfo } from './server.js';
export { ArgoApiError, permissionDenied } from './errors.js';
export type { GrpcCode } from './errors.js';
export { REFRESH_ANNOTATION, RESOURCES_FINALIZER, BACKGROUND_FINALIZER, isAutomated } from './applications.js';
export type { ApplicationQuery, DeleteOptions, RefreshType } from './applications.js';
export type { SyncRequest, SyncOperationResource, ApplicationSyncWindows } from './operations.js';
export { validateRolePolicy, validateProject } from './projects.js';
export { repoSecretName, rbacObject } from './repositories.js';
export type { RepositoryInput } from './repositories.js';
export type { ServerContext } from './context.js';
