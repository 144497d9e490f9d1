/** ReplicaSet → Pods. */
export { replicaSetController, podToOwnerKeys } from './replicaSetController.js';
