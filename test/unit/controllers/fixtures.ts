/**
 * Test fixtures for controller unit tests: a sandbox without the kubelet, where the test itself moves pods
 * through their phases with status writes (what the kubelet would do), so each controller is tested alone.
 */
import { Sandbox } from '../../../simulator/index.js';
import type { ClusterController, KubeObject, StoredObject } from '../../../simulator/index.js';
import { NODE_NAME, SYSTEM_NAMESPACES } from '../../../simulator/cluster/install.js';
import { deploymentController } from '../../../simulator/cluster/controllers/deployment/index.js';
import { garbageCollector } from '../../../simulator/cluster/controllers/gc/index.js';
import { namespaceController } from '../../../simulator/cluster/controllers/namespace/index.js';
import { replicaSetController } from '../../../simulator/cluster/controllers/replicaset/index.js';
import { jobController } from '../../../simulator/cluster/controllers/job/index.js';
import { cronJobController } from '../../../simulator/cluster/controllers/cronjob/index.js';
import { statefulSetController } from '../../../simulator/cluster/controllers/statefulset/index.js';
import { daemonSetController } from '../../../simulator/cluster/controllers/daemonset/index.js';

export type { Sandbox };

export const WORKLOAD = [replicaSetController, deploymentController, statefulSetController, daemonSetController, jobController, cronJobController, garbageCollector, namespaceController];

/** A world with only the given controllers (no kubelet, no scheduler), the system namespaces and the node. */
export function sandbox(controllers: ClusterController[] = WORKLOAD, seed = 1): Sandbox {
  const sb = new Sandbox({ seed });
  for (const c of controllers) sb.addController(c);
  for (const name of SYSTEM_NAMESPACES) sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  sb.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: NODE_NAME }, spec: {} });
  return sb;
}

export function pods(sb: Sandbox, ns = 'default', selector?: string): StoredObject[] {
  return sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns, ...(selector ? { labelSelector: selector } : {}) });
}

export function get(sb: Sandbox, apiVersion: string, kind: string, name: string, ns = 'default'): StoredObject | undefined {
  return sb.store.get({ apiVersion, kind, namespace: ns, name });
}

/** What a kubelet would write: Running and Ready (or a terminal phase), with the Ready transition time. */
export function setPodPhase(sb: Sandbox, pod: StoredObject, phase: 'Running' | 'Succeeded' | 'Failed' | 'Pending', ready = phase === 'Running'): StoredObject {
  const cur = sb.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name });
  const t = sb.clock.iso();
  const status: Record<string, unknown> = {
    phase,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: t }],
    startTime: t,
  };
  if (phase === 'Succeeded' || phase === 'Failed') {
    status.containerStatuses = [{ name: 'main', restartCount: 0, state: { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, finishedAt: t, reason: phase === 'Succeeded' ? 'Completed' : 'Error' } } }];
  }
  return sb.store.update({ ...cur, status } as KubeObject, { subresource: 'status' });
}

/** Make every pending pod in the namespace Running and Ready. */
export function readyAll(sb: Sandbox, ns = 'default'): number {
  let n = 0;
  for (const p of pods(sb, ns)) {
    if (p.metadata.deletionTimestamp) continue;
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') continue;
    setPodPhase(sb, p, 'Running');
    n++;
  }
  return n;
}

export function deployment(name: string, replicas: number, image: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
      ...extra,
    },
  } as KubeObject;
}

export function messages(sb: Sandbox, reason?: string): string[] {
  return sb.log.getState().filter((e) => !reason || e.reason === reason).map((e) => e.message);
}
