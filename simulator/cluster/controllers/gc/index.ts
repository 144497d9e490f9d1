/** Garbage collection by ownerReferences: Background, Foreground and Orphan propagation. */
export { garbageCollector, gcKeys } from './garbageCollector.js';
