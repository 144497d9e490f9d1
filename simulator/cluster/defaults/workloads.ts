/** apps/v1 and batch/v1 defaults (pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go). */
import { isObj } from '../types.js';
import { defaultTemplate } from './pod.js';
import { ensureObj, setDefault } from './util.js';
import type { Obj } from './util.js';

export function defaultDeployment(o: Obj): void {
  const spec = ensureObj(o, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = ensureObj(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

export function defaultReplicaSet(o: Obj): void {
  const spec = ensureObj(o, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultTemplate(spec);
}

export function defaultStatefulSet(o: Obj): void {
  const spec = ensureObj(o, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const us = ensureObj(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') setDefault(ensureObj(us, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  const retention = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  defaultTemplate(spec);
}

export function defaultDaemonSet(o: Obj): void {
  const spec = ensureObj(o, 'spec');
  const us = ensureObj(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = ensureObj(us, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}

export function defaultJobSpec(spec: Obj, jobName: string | undefined): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec);
  // The Job strategy labels its pods with the job's name (the uid label is added by the controller side).
  const tpl = spec.template;
  if (jobName && isObj(tpl)) {
    const labels = ensureObj(ensureObj(tpl, 'metadata'), 'labels');
    setDefault(labels, 'batch.kubernetes.io/job-name', jobName);
    setDefault(labels, 'job-name', jobName);
  }
}

export function defaultJob(o: Obj, name: string | undefined): void {
  defaultJobSpec(ensureObj(o, 'spec'), name);
}

export function defaultCronJob(o: Obj): void {
  const spec = ensureObj(o, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jt = spec.jobTemplate;
  if (isObj(jt) && isObj(jt.spec)) defaultTemplate(jt.spec as Obj);
}
