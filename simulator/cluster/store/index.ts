export { ObjectStore, notFound } from './objectStore.js';
export type { Admission, Operation, WriteOptions, ListOptions, DeleteOptions, PropagationPolicy } from './objectStore.js';
export type { WatchOptions, WatchHandler } from './watchHub.js';
export { fieldPaths, toFieldsV1 } from './apply.js';
