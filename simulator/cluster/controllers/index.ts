/** The built-in controllers, one per resource, registered in one table. */
import type { ClusterController } from '../../sandbox.js';
import { cronJobController } from './cronjob/index.js';
import { daemonSetController } from './daemonset/index.js';
import { deploymentController } from './deployment/index.js';
import { endpointsController } from './endpoints/index.js';
import { garbageCollector } from './gc/index.js';
import { jobController } from './job/index.js';
import { NODE_CONTROLLERS } from '../kubelet/index.js';
import { namespaceController } from './namespace/index.js';
import { replicaSetController } from './replicaset/index.js';
import { statefulSetController } from './statefulset/index.js';
import { persistentVolumeBinder } from './volumes/index.js';

export const CLUSTER_CONTROLLERS: ClusterController[] = [
  ...NODE_CONTROLLERS,
  // ReplicaSets before Deployments: on one change, pods follow a ReplicaSet's new size before the Deployment's next step.
  replicaSetController,
  deploymentController,
  statefulSetController,
  daemonSetController,
  jobController,
  cronJobController,
  endpointsController,
  persistentVolumeBinder,
  garbageCollector,
  namespaceController,
];
