/**
 * AppProject semantics (pkg/apis/application/v1alpha1 app_project_types.go / types.go, util/argo):
 * - `validateApplication(app, project | undefined, clusters)` → InvalidSpecError conditions with Argo's messages.
 * - `isResourcePermitted(project, group, kind, namespace, {name, namespaced, cluster, clusters})` → the
 *   controller's denial message ("resource apps:Deployment is not permitted in project p", "namespace x is
 *   not permitted in project 'p'") or undefined. Also `isSourcePermitted`, `isDestinationPermitted`,
 *   `isGroupKindNamePermitted`.
 * - `syncWindows(project, app, nowMs)` → `{ windows, active, canSync(manual, opStartMs?), syncMessage(), nextChange }`.
 * - `orphanedResources(project, liveInNamespace, managedKeys, opts)` → orphans + OrphanedResourceWarning.
 * - `projectSpec(obj)` reads a spec (the `default` project itself comes from `installArgoCD`).
 */
export { projectSpec, appProjectName } from './types.js';
export type { AppProjectSpec, ProjectDestination, GroupKind, ClusterResourceRestrictionItem, OrphanedResourceKey, SyncWindow } from './types.js';
export { isSourcePermitted, isDestinationPermitted, isGroupKindNamePermitted, isResourcePermitted, specOf } from './permissions.js';
export type { ResourcePermissionOptions } from './permissions.js';
export { validateApplication } from './validate.js';
export type { ApplicationCondition } from './validate.js';
export { syncWindows, matchingWindows, isWindowActive, nextWindowTransition, timeZoneOffsetMs } from './syncWindows.js';
export type { SyncWindowState } from './syncWindows.js';
export { orphanedResources } from './orphaned.js';
export type { OrphanedResource, OrphanedResourcesResult, OrphanedOptions } from './orphaned.js';
export { parseGoDuration } from './goDuration.js';
