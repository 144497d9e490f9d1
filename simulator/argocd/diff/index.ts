/** Target vs live comparison like gitops-engine pkg/diff + Argo CD's ignoreDifferences and CompareAppState. */
export { diffResource, isKubeObject } from './diffResource.js';
export type { DiffOptions, DiffResult } from './diffResource.js';
export { compareApp, isHook, isTrackedBy, resourceKey, TRACKING_ID_ANNOTATION, COMPARE_OPTIONS_ANNOTATION } from './compare.js';
export type { CompareOptions, CompareResult, CompareMemo, ResourceStatus, SyncStatusCode } from './compare.js';
export { applyIgnoreDifferences, removePointer, stripServerFields, normalizeSecret, lastApplied, LAST_APPLIED_ANNOTATION } from './normalize.js';
export type { ResourceIgnoreDifferences, Normalizer, IgnoreOutcome } from './normalize.js';
export { jqDelete, parseJq, UnsupportedJqError } from './jq.js';
export { hideSecretData } from './secret.js';
export { toYaml, unifiedDiff } from './text.js';
export { deepEqual, diffPaths, predictLive, threeWayPatch, usesStrategicMerge } from './threeWay.js';
