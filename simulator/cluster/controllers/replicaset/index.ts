/** ReplicaSet → Pods. */
export { replicaSetController } from './replicaSetController.js';
