/** Per-kind columns, like the table `kubectl get <kind>` prints. AGE is always the last column. */
import type { StoredObject } from '../../../simulator/cluster/types.js';
import type { ObjectRow } from '../protocol.js';
import { ageOf, humanDuration } from './age.js';
import { summarizePod } from './podStatus.js';
import type { PodLike } from './podStatus.js';

type Row = Omit<ObjectRow, 'uid' | 'name' | 'namespace'>;

export interface Printer {
  columns: string[];
  row(obj: StoredObject, now: number): Row;
}

type Dict = Record<string, unknown>;
const rec = (v: unknown): Dict => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {});
const num = (v: unknown, dflt = 0): number => (typeof v === 'number' ? v : dflt);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const conditions = (o: StoredObject): { type: string; status: string; reason?: string }[] =>
  Array.isArray(rec(o.status).conditions) ? (rec(o.status).conditions as { type: string; status: string }[]) : [];
const hasCondition = (o: StoredObject, type: string) => conditions(o).some((c) => c.type === type && c.status === 'True');
const age = (o: StoredObject, now: number) => ageOf(o.metadata.creationTimestamp, now);

const POD_ERRORS = /Error|BackOff|ErrImage|Failed|OOMKilled|Invalid|ExitCode|Signal|Unknown|Evicted|CreateContainer/;

function podTone(status: string, ready: string): ObjectRow['tone'] {
  if (POD_ERRORS.test(status)) return 'error';
  if (status === 'Completed' || status === 'Succeeded') return 'ok';
  if (status === 'Running') {
    const [r, t] = ready.split('/');
    return r === t ? 'ok' : 'warn';
  }
  return 'progress';
}

const pods: Printer = {
  columns: ['READY', 'STATUS', 'RESTARTS', 'AGE'],
  row(o, now) {
    const s = summarizePod(o as unknown as PodLike, now);
    return { status: s.status, ready: s.ready, cells: [s.ready, s.status, s.restarts, age(o, now)], tone: podTone(s.status, s.ready), containers: s.containers };
  },
};

const deployments: Printer = {
  columns: ['READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  row(o, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const want = num(spec.replicas, 1);
    const ready = `${num(st.readyReplicas)}/${want}`;
    const done = num(st.readyReplicas) === want && num(st.updatedReplicas) === want && num(st.replicas) === want;
    return {
      status: done ? 'Available' : 'Progressing',
      ready,
      cells: [ready, String(num(st.updatedReplicas)), String(num(st.availableReplicas)), age(o, now)],
      tone: done ? 'ok' : 'progress',
    };
  },
};

const replicaSets: Printer = {
  columns: ['DESIRED', 'CURRENT', 'READY', 'AGE'],
  row(o, now) {
    const want = num(rec(o.spec).replicas, 1);
    const st = rec(o.status);
    const done = num(st.readyReplicas) === want && num(st.replicas) === want;
    return {
      status: done ? 'Ready' : 'Progressing',
      ready: `${num(st.readyReplicas)}/${want}`,
      cells: [String(want), String(num(st.replicas)), String(num(st.readyReplicas)), age(o, now)],
      tone: done ? (want === 0 ? 'neutral' : 'ok') : 'progress',
    };
  },
};

const statefulSets: Printer = {
  columns: ['READY', 'AGE'],
  row(o, now) {
    const want = num(rec(o.spec).replicas, 1);
    const r = num(rec(o.status).readyReplicas);
    return { status: r === want ? 'Ready' : 'Progressing', ready: `${r}/${want}`, cells: [`${r}/${want}`, age(o, now)], tone: r === want ? 'ok' : 'progress' };
  },
};

function jobStatus(o: StoredObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

const jobs: Printer = {
  columns: ['STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  row(o, now) {
    const st = rec(o.status);
    const status = jobStatus(o);
    const completions = `${num(st.succeeded)}/${num(rec(o.spec).completions, 1)}`;
    const start = Date.parse(str(st.startTime));
    const end = st.completionTime ? Date.parse(str(st.completionTime)) : now;
    const duration = Number.isNaN(start) ? '' : humanDuration(end - start);
    const tone = status === 'Complete' ? 'ok' : status === 'Failed' ? 'error' : 'progress';
    return { status, ready: completions, cells: [status, completions, duration, age(o, now)], tone };
  },
};

const cronJobs: Printer = {
  columns: ['SCHEDULE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  row(o, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const last = st.lastScheduleTime ? `${humanDuration(now - Date.parse(str(st.lastScheduleTime)))}` : '<none>';
    const active = Array.isArray(st.active) ? st.active.length : 0;
    const suspended = spec.suspend === true;
    return { status: suspended ? 'Suspended' : 'Scheduled', cells: [str(spec.schedule), String(suspended), String(active), last, age(o, now)], tone: 'neutral' };
  },
};

const dataCount: Printer = {
  columns: ['DATA', 'AGE'],
  row(o, now) {
    const n = Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length + Object.keys(rec(o.stringData)).length;
    return { status: '', cells: [String(n), age(o, now)], tone: 'neutral' };
  },
};

const services: Printer = {
  columns: ['TYPE', 'CLUSTER-IP', 'PORT(S)', 'AGE'],
  row(o, now) {
    const spec = rec(o.spec);
    const ports = Array.isArray(spec.ports) ? spec.ports.map((p) => `${num(rec(p).port)}/${str(rec(p).protocol) || 'TCP'}`).join(',') : '<none>';
    return { status: '', cells: [str(spec.type) || 'ClusterIP', str(spec.clusterIP) || '<none>', ports || '<none>', age(o, now)], tone: 'neutral' };
  },
};

const namespaces: Printer = {
  columns: ['STATUS', 'AGE'],
  row(o, now) {
    const phase = str(rec(o.status).phase) || (o.metadata.deletionTimestamp ? 'Terminating' : 'Active');
    return { status: phase, cells: [phase, age(o, now)], tone: phase === 'Active' ? 'ok' : 'progress' };
  },
};

const nodes: Printer = {
  columns: ['STATUS', 'ROLES', 'AGE', 'VERSION'],
  row(o, now) {
    const ready = hasCondition(o, 'Ready') ? 'Ready' : 'NotReady';
    const roles = Object.keys(o.metadata.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length));
    const version = str(rec(rec(o.status).nodeInfo).kubeletVersion);
    return { status: ready, cells: [ready, roles.join(',') || '<none>', age(o, now), version], tone: ready === 'Ready' ? 'ok' : 'error' };
  },
};

const generic: Printer = {
  columns: ['AGE'],
  row(o, now) {
    const phase = str(rec(o.status).phase);
    return { status: phase, cells: [age(o, now)], tone: 'neutral' };
  },
};

const PRINTERS: Record<string, Printer> = {
  '/Pod': pods,
  'apps/Deployment': deployments,
  'apps/ReplicaSet': replicaSets,
  'apps/StatefulSet': statefulSets,
  'batch/Job': jobs,
  'batch/CronJob': cronJobs,
  '/ConfigMap': dataCount,
  '/Secret': dataCount,
  '/Service': services,
  '/Namespace': namespaces,
  '/Node': nodes,
};

export function printerFor(group: string, kind: string): Printer {
  return PRINTERS[`${group}/${kind}`] ?? generic;
}
