/** The built-in controllers, one per resource, registered in one table. */
import type { ClusterController } from '../../sandbox.js';

export const CLUSTER_CONTROLLERS: ClusterController[] = [];
