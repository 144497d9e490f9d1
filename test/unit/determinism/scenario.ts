/**
 * A non-trivial world for the determinism tests: pods with init containers, a crash-looping pod, a
 * Deployment rolled out to a new image and scaled, a Job that fails and retries, a Job with
 * parallelism, and a CronJob that fires for two hours. A script of user actions at fixed virtual
 * times drives it, so a run can be cut anywhere (snapshot) and resumed.
 */
import { applyManifests } from '../../../simulator/cli/applyManifests.js';
import { parseManifests } from '../../../simulator/manifest/index.js';
import type { Sandbox, StoredObject } from '../../../simulator/index.js';

export const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: v1
kind: Pod
metadata:
  name: init-demo
  namespace: demo
spec:
  restartPolicy: Never
  initContainers:
  - name: prepare
    image: busybox
    command: [sh, -c, "echo preparing; sleep 2"]
  - name: migrate
    image: busybox
    command: [sh, -c, "echo migrating; sleep 1"]
  containers:
  - name: main
    image: busybox
    command: [sh, -c, "echo hello; sleep 5"]
---
apiVersion: v1
kind: Pod
metadata:
  name: init-fails
  namespace: demo
spec:
  restartPolicy: Never
  initContainers:
  - name: check
    image: busybox
    command: [sh, -c, "echo checking; exit 3"]
  containers:
  - name: main
    image: busybox
    command: [echo, never]
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
  namespace: demo
spec:
  restartPolicy: Always
  containers:
  - name: main
    image: busybox
    command: [sh, -c, "echo crashing; exit 1"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
      - name: wait
        image: busybox
        command: [sh, -c, "sleep 1"]
      containers:
      - name: nginx
        image: nginx:1.25
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 5
---
apiVersion: batch/v1
kind: Job
metadata:
  name: flaky
  namespace: demo
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: [sh, -c, "echo trying; exit 1"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: batch
  namespace: demo
spec:
  completions: 4
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: [sh, -c, "echo working; sleep 3"]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
  namespace: demo
spec:
  schedule: "*/15 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: main
            image: busybox
            command: [echo, tick]
`;

export const HOUR = 3_600_000;
export const END = 2 * HOUR;

export interface Action {
  /** Virtual ms after the start. */
  at: number;
  run(sb: Sandbox): void;
}

const deployKey = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'demo', name: 'web' };

export const SCRIPT: Action[] = [
  {
    at: 0,
    run(sb) {
      const parsed = parseManifests(MANIFESTS, 'scenario.yaml');
      if (parsed.errors.length) throw new Error(`scenario does not parse: ${JSON.stringify(parsed.errors)}`);
      const r = applyManifests(sb, parsed.manifests);
      if (r.errors.length) throw new Error(`scenario does not apply: ${JSON.stringify(r.errors)}`);
    },
  },
  // A rollout: new image while the first pods are still starting.
  {
    at: 20_000,
    run(sb) {
      sb.store.patch(deployKey, 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
    },
  },
  {
    at: 30 * 60_000,
    run(sb) {
      sb.store.patch(deployKey, 'merge', { spec: { replicas: 5 } });
    },
  },
];

/** Run the script's actions due in [from, to) at their times, then move the clock to `to`. */
export function runScript(sb: Sandbox, start: number, from: number, to: number): void {
  for (const a of SCRIPT) {
    if (a.at < from || a.at >= to) continue;
    const wait = start + a.at - sb.now();
    if (wait > 0) sb.advance(wait);
    a.run(sb);
  }
  const rest = start + to - sb.now();
  if (rest > 0) sb.advance(rest);
}

function phaseOf(o: StoredObject): string {
  const status = (o.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[]; replicas?: number; readyReplicas?: number; updatedReplicas?: number; succeeded?: number; failed?: number };
  if (o.kind === 'Pod') return status.phase ?? '';
  if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') return `replicas=${status.replicas ?? 0} ready=${status.readyReplicas ?? 0} updated=${status.updatedReplicas ?? 0}`;
  if (o.kind === 'Job') {
    const done = (status.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type).sort().join(',');
    return `succeeded=${status.succeeded ?? 0} failed=${status.failed ?? 0} ${done}`;
  }
  return '';
}

/**
 * What a learner would see, without the seed-dependent parts (uids, generated name suffixes): per
 * object, its kind, its name (or its owner's for generated pods), and its phase or status counts.
 */
export function phaseSummary(sb: Sandbox): string[] {
  const out: string[] = [];
  for (const o of sb.store.allObjects()) {
    if (o.metadata.namespace !== 'demo' || o.kind === 'Event') continue;
    const owner = o.metadata.ownerReferences?.find((r) => r.controller);
    const name = o.kind === 'Pod' && owner ? `${owner.kind}:${owner.name}/*` : o.metadata.name;
    out.push(`${o.kind} ${name} ${phaseOf(o)}`);
  }
  return out.sort();
}
