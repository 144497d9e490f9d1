/** Printers for apps/v1 and batch/v1 workloads, with the columns `kubectl get` shows on a real cluster. */
import { humanDuration, since } from './duration.js';
import { arr, col, num, rec, str } from './types.js';
import type { Printer, TableCell } from './types.js';

const AGE = col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');
const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);
const SELECTOR = col('Selector', 'string', 'Label selector for pods.', 1);

function age(o: Record<string, unknown>, now: number): string {
  return since(rec(o.metadata).creationTimestamp, now);
}

function templateContainers(o: Record<string, unknown>): [string, string] {
  const cs = arr(rec(rec(rec(o.spec).template).spec).containers);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

/** `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatSelector(sel: unknown): string {
  const s = rec(sel);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(rec(s.matchLabels))) parts.push(`${k}=${String(v)}`);
  for (const e of arr(s.matchExpressions)) {
    const values = Array.isArray(e.values) ? (e.values as unknown[]).map(String).join(',') : '';
    const op = str(e.operator);
    if (op === 'In') parts.push(`${str(e.key)} in (${values})`);
    else if (op === 'NotIn') parts.push(`${str(e.key)} notin (${values})`);
    else if (op === 'Exists') parts.push(str(e.key));
    else if (op === 'DoesNotExist') parts.push(`!${str(e.key)}`);
  }
  return parts.length > 0 ? parts.join(',') : '<none>';
}

function replicas(spec: Record<string, unknown>): number {
  return typeof spec.replicas === 'number' ? spec.replicas : 1;
}

export const deploymentPrinter: Printer = {
  columns: [
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const [names, images] = templateContainers(o);
    return [`${num(st.readyReplicas)}/${replicas(spec)}`, num(st.updatedReplicas), num(st.availableReplicas), age(o, now), names, images, formatSelector(spec.selector)];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    col('Desired', 'integer', 'Number of desired pods.'),
    col('Current', 'integer', 'Number of actual pods.'),
    col('Ready', 'integer', 'Number of pods ready.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const [names, images] = templateContainers(o);
    return [replicas(spec), num(st.replicas), num(st.readyReplicas), age(o, now), names, images, formatSelector(spec.selector)];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [col('Ready', 'string', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
  cells(o, now): TableCell[] {
    const [names, images] = templateContainers(o);
    return [`${num(rec(o.status).readyReplicas)}/${replicas(rec(o.spec))}`, age(o, now), names, images];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    col('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    col('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
    col('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const [names, images] = templateContainers(o);
    const ns = Object.entries(rec(rec(rec(spec.template).spec).nodeSelector)).map(([k, v]) => `${k}=${String(v)}`);
    return [
      num(st.desiredNumberScheduled),
      num(st.currentNumberScheduled),
      num(st.numberReady),
      num(st.updatedNumberScheduled),
      num(st.numberAvailable),
      ns.length > 0 ? ns.join(',') : '<none>',
      age(o, now),
      names,
      images,
      formatSelector(spec.selector),
    ];
  },
};

function hasCondition(o: Record<string, unknown>, type: string): boolean {
  return arr(rec(o.status).conditions).some((c) => c.type === type && c.status === 'True');
}

export const jobPrinter: Printer = {
  columns: [
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The completion status of the job.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const st = rec(o.status);
    let status = 'Running';
    if (hasCondition(o, 'Complete')) status = 'Complete';
    else if (hasCondition(o, 'Failed')) status = 'Failed';
    else if (rec(o.metadata).deletionTimestamp) status = 'Terminating';
    else if (hasCondition(o, 'SuccessCriteriaMet')) status = 'SuccessCriteriaMet';
    else if (hasCondition(o, 'Suspended')) status = 'Suspended';
    else if (hasCondition(o, 'FailureTarget')) status = 'FailureTarget';
    let completions: string;
    if (typeof spec.completions === 'number') completions = `${num(st.succeeded)}/${spec.completions}`;
    else if (typeof spec.parallelism === 'number' && spec.parallelism > 1) completions = `${num(st.succeeded)}/1 of ${spec.parallelism}`;
    else completions = `${num(st.succeeded)}/1`;
    let duration = '';
    const start = str(st.startTime);
    if (start) duration = humanDuration((st.completionTime ? Date.parse(str(st.completionTime)) : now) - Date.parse(start));
    const [names, images] = templateContainers(o);
    return [status, completions, duration, age(o, now), names, images, formatSelector(spec.selector)];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const last = str(st.lastScheduleTime);
    const jobSpec = rec(rec(spec.jobTemplate).spec);
    const cs = arr(rec(rec(jobSpec.template).spec).containers);
    return [
      str(spec.schedule),
      str(spec.timeZone) || '<none>',
      spec.suspend === undefined ? '<unset>' : spec.suspend === true ? 'True' : 'False',
      arr(st.active).length,
      last ? since(last, now) : '<none>',
      age(o, now),
      cs.map((c) => str(c.name)).join(','),
      cs.map((c) => str(c.image)).join(','),
      formatSelector(jobSpec.selector),
    ];
  },
};
