/** apps/v1 and batch/v1 kinds. */
import { list, obj, open } from '../schema.js';
import type { Schema } from '../schema.js';
import { LabelSelector, ObjectMeta } from './meta.js';
import { PodTemplateSpec } from './pod.js';

const RollingUpdateDeployment = obj('RollingUpdateDeployment', { maxUnavailable: 'intstr', maxSurge: 'intstr' });

export const DeploymentSpec = obj('DeploymentSpec', {
  replicas: 'int32',
  selector: LabelSelector,
  template: PodTemplateSpec,
  strategy: obj('DeploymentStrategy', { type: 'string', rollingUpdate: RollingUpdateDeployment }),
  minReadySeconds: 'int32',
  revisionHistoryLimit: 'int32',
  paused: 'bool',
  progressDeadlineSeconds: 'int32',
});

export const ReplicaSetSpec = obj('ReplicaSetSpec', { replicas: 'int32', minReadySeconds: 'int32', selector: LabelSelector, template: PodTemplateSpec });

export const StatefulSetSpec = obj('StatefulSetSpec', {
  replicas: 'int32',
  selector: LabelSelector,
  template: PodTemplateSpec,
  volumeClaimTemplates: list(open('PersistentVolumeClaim')),
  serviceName: 'string',
  podManagementPolicy: 'string',
  updateStrategy: obj('StatefulSetUpdateStrategy', {
    type: 'string',
    rollingUpdate: obj('RollingUpdateStatefulSetStrategy', { partition: 'int32', maxUnavailable: 'intstr' }),
  }),
  revisionHistoryLimit: 'int32',
  minReadySeconds: 'int32',
  persistentVolumeClaimRetentionPolicy: open('StatefulSetPersistentVolumeClaimRetentionPolicy'),
  ordinals: obj('StatefulSetOrdinals', { start: 'int32' }),
});

export const DaemonSetSpec = obj('DaemonSetSpec', {
  selector: LabelSelector,
  template: PodTemplateSpec,
  updateStrategy: obj('DaemonSetUpdateStrategy', {
    type: 'string',
    rollingUpdate: obj('RollingUpdateDaemonSet', { maxUnavailable: 'intstr', maxSurge: 'intstr' }),
  }),
  minReadySeconds: 'int32',
  revisionHistoryLimit: 'int32',
});

export const JobSpec = obj('JobSpec', {
  parallelism: 'int32',
  completions: 'int32',
  activeDeadlineSeconds: 'int64',
  podFailurePolicy: open('PodFailurePolicy'),
  successPolicy: open('SuccessPolicy'),
  backoffLimit: 'int32',
  backoffLimitPerIndex: 'int32',
  maxFailedIndexes: 'int32',
  selector: LabelSelector,
  manualSelector: 'bool',
  template: PodTemplateSpec,
  ttlSecondsAfterFinished: 'int32',
  completionMode: 'string',
  suspend: 'bool',
  podReplacementPolicy: 'string',
  managedBy: 'string',
});

export const CronJobSpec = obj('CronJobSpec', {
  schedule: 'string',
  timeZone: 'string',
  startingDeadlineSeconds: 'int64',
  concurrencyPolicy: 'string',
  suspend: 'bool',
  jobTemplate: obj('JobTemplateSpec', { metadata: ObjectMeta, spec: JobSpec }),
  successfulJobsHistoryLimit: 'int32',
  failedJobsHistoryLimit: 'int32',
});

export const WORKLOAD_FIELDS: Record<string, Record<string, Schema>> = {
  'apps/Deployment': { spec: DeploymentSpec, status: open('DeploymentStatus') },
  'apps/ReplicaSet': { spec: ReplicaSetSpec, status: open('ReplicaSetStatus') },
  'apps/StatefulSet': { spec: StatefulSetSpec, status: open('StatefulSetStatus') },
  'apps/DaemonSet': { spec: DaemonSetSpec, status: open('DaemonSetStatus') },
  'apps/ControllerRevision': { data: 'any', revision: 'int64' },
  'batch/Job': { spec: JobSpec, status: open('JobStatus') },
  'batch/CronJob': { spec: CronJobSpec, status: open('CronJobStatus') },
};
