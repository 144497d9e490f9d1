/** Shared controller cache: owners → dependents, uids, namespaces, orphans. */
export { ObjectIndex, objectIndex } from './objectIndex.js';
