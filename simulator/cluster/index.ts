/** The simulated cluster: the API server's object store and kinds, and what `installCluster` brings up on it. */
export { installCluster, NODE_NAME, SYSTEM_NAMESPACES } from './install.js';
export type { KindInfo } from './kinds.js';
export { registerCrd, installCrd } from './crd/index.js';
export type { KubeObject, StoredObject, ObjectMeta, ObjectKey, WatchEvent, JsonValue, JsonObject } from './types.js';
