/** Printers for apps/v1 and batch/v1 workloads, with the columns `kubectl get` shows on a real cluster. */
import { humanDuration, since } from './duration.js';
import { AGE, field, listOrNone, pairs, printer, spec, status } from './fields.js';
import type { Field } from './fields.js';
import { arr, col, num, rec, str } from './types.js';

type Obj = Record<string, unknown>;

/** `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatSelector(sel: unknown): string {
  const s = rec(sel);
  const parts = pairs(s.matchLabels);
  for (const e of arr(s.matchExpressions)) {
    const values = Array.isArray(e.values) ? (e.values as unknown[]).map(String).join(',') : '';
    const op = str(e.operator);
    if (op === 'In') parts.push(`${str(e.key)} in (${values})`);
    else if (op === 'NotIn') parts.push(`${str(e.key)} notin (${values})`);
    else if (op === 'Exists') parts.push(str(e.key));
    else if (op === 'DoesNotExist') parts.push(`!${str(e.key)}`);
  }
  return listOrNone(parts);
}

/** Containers and Images of the pod template under `owner(o)` (the spec; a CronJob's job template spec). */
function containerFields(owner: (o: Obj) => Obj): Field[] {
  const containers = (o: Obj): Obj[] => arr(rec(rec(owner(o).template).spec).containers);
  return [
    field(col('Containers', 'string', 'Names of each container in the template.', 1), (o) => containers(o).map((c) => str(c.name)).join(',')),
    field(col('Images', 'string', 'Images referenced by each container in the template.', 1), (o) => containers(o).map((c) => str(c.image)).join(',')),
  ];
}

function selectorField(owner: (o: Obj) => Obj): Field {
  return field(col('Selector', 'string', 'Label selector for pods.', 1), (o) => formatSelector(owner(o).selector));
}

/** What most workload tables end with. */
const TEMPLATE_TAIL: Field[] = [AGE, ...containerFields(spec), selectorField(spec)];

function replicas(o: Obj): number {
  const r = spec(o).replicas;
  return typeof r === 'number' ? r : 1;
}

/** A count from status, e.g. `status.readyReplicas`. */
function count(name: string, type: 'string' | 'integer', description: string, key: string): Field {
  return field(col(name, type, description), (o) => num(status(o)[key]));
}

const readyOfDesired = field(col('Ready', 'string', 'Number of the pod with ready state'), (o) => `${num(status(o).readyReplicas)}/${replicas(o)}`);

export const deploymentPrinter = printer([
  readyOfDesired,
  count('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', 'updatedReplicas'),
  count('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', 'availableReplicas'),
  ...TEMPLATE_TAIL,
]);

export const replicaSetPrinter = printer([
  field(col('Desired', 'integer', 'Number of desired pods.'), replicas),
  count('Current', 'integer', 'Number of actual pods.', 'replicas'),
  count('Ready', 'integer', 'Number of pods ready.', 'readyReplicas'),
  ...TEMPLATE_TAIL,
]);

export const statefulSetPrinter = printer([readyOfDesired, AGE, ...containerFields(spec)]);

export const daemonSetPrinter = printer([
  count('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.', 'desiredNumberScheduled'),
  count('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', 'currentNumberScheduled'),
  count('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', 'numberReady'),
  count('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod', 'updatedNumberScheduled'),
  count('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.', 'numberAvailable'),
  field(col('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'), (o) =>
    listOrNone(pairs(rec(rec(spec(o).template).spec).nodeSelector)),
  ),
  ...TEMPLATE_TAIL,
]);

function hasCondition(o: Obj, type: string): boolean {
  return arr(status(o).conditions).some((c) => c.type === type && c.status === 'True');
}

function jobStatus(o: Obj): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (rec(o.metadata).deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(o: Obj): string {
  const { completions, parallelism } = spec(o);
  const succeeded = num(status(o).succeeded);
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  if (typeof parallelism === 'number' && parallelism > 1) return `${succeeded}/1 of ${parallelism}`;
  return `${succeeded}/1`;
}

function jobDuration(o: Obj, now: number): string {
  const st = status(o);
  const start = str(st.startTime);
  if (!start) return '';
  return humanDuration((st.completionTime ? Date.parse(str(st.completionTime)) : now) - Date.parse(start));
}

export const jobPrinter = printer([
  field(col('Status', 'string', 'Status of the job.'), jobStatus),
  field(col('Completions', 'string', 'The completion status of the job.'), jobCompletions),
  field(col('Duration', 'string', 'Time required to complete the job.'), jobDuration),
  ...TEMPLATE_TAIL,
]);

const jobTemplateSpec = (o: Obj): Obj => rec(rec(spec(o).jobTemplate).spec);

export const cronJobPrinter = printer([
  field(col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'), (o) => str(spec(o).schedule)),
  field(col('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'), (o) => str(spec(o).timeZone) || '<none>'),
  field(col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.'), (o) => {
    const suspend = spec(o).suspend;
    return suspend === undefined ? '<unset>' : suspend === true ? 'True' : 'False';
  }),
  field(col('Active', 'integer', 'A list of pointers to currently running jobs.'), (o) => arr(status(o).active).length),
  field(col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'), (o, now) => {
    const last = str(status(o).lastScheduleTime);
    return last ? since(last, now) : '<none>';
  }),
  AGE,
  ...containerFields(jobTemplateSpec),
  selectorField(jobTemplateSpec),
]);
