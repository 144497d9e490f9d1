/** ReplicaSet → Pods. */
export { replicaSetController, podToOwnerKeys, podStateKey } from './replicaSetController.js';
