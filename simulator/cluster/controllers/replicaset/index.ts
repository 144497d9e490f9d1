/** ReplicaSet → Pods. */
export { replicaSetController } from './replicaSetController.js';
export { podToOwnerKeys, podStateKey } from '../shared/podEvents.js';
