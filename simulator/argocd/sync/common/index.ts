export * from './types.js';
export { getAnnotationCSVs, hasAnnotationOption, atoi } from './annotations.js';
export { parseSyncOptionList, resourceSyncOptions } from './syncOptions.js';
export type { SyncOptions } from './syncOptions.js';
