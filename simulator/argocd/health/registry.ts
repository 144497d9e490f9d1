/** The built-in check per group/kind — gitops-engine GetHealthCheckFunc as a table. */
import { getAPIServiceHealth } from './apiservice.js';
import { getDaemonSetHealth } from './daemonset.js';
import { getDeploymentHealth } from './deployment.js';
import { getIngressHealth } from './ingress.js';
import { getJobHealth } from './job.js';
import { getPodHealth } from './pod.js';
import { getPVCHealth } from './pvc.js';
import { getReplicaSetHealth } from './replicaset.js';
import { getServiceHealth } from './service.js';
import { getStatefulSetHealth } from './statefulset.js';
import type { HealthCheck } from './types.js';
import { getWorkflowHealth } from './workflow.js';

export const HEALTH_CHECKS: ReadonlyMap<string, HealthCheck> = new Map<string, HealthCheck>([
  ['apps/Deployment', getDeploymentHealth],
  ['apps/StatefulSet', getStatefulSetHealth],
  ['apps/ReplicaSet', getReplicaSetHealth],
  ['apps/DaemonSet', getDaemonSetHealth],
  ['extensions/Ingress', getIngressHealth],
  ['networking.k8s.io/Ingress', getIngressHealth],
  ['argoproj.io/Workflow', getWorkflowHealth],
  ['apiregistration.k8s.io/APIService', getAPIServiceHealth],
  ['/Service', getServiceHealth],
  ['/PersistentVolumeClaim', getPVCHealth],
  ['/Pod', getPodHealth],
  ['batch/Job', getJobHealth],
]);

/** The built-in check for a group/kind ("" is the core group), or undefined when the kind has no health. */
export function getHealthCheck(group: string, kind: string): HealthCheck | undefined {
  return HEALTH_CHECKS.get(`${group}/${kind}`);
}
