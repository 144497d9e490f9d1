/** Which nodes a DaemonSet's pod should run on: nodeSelector, required node affinity, taints vs tolerations. */
import type { StoredObject } from '../../types.js';

interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}

interface PodSpecLike {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
}

function matchReq(value: string | undefined, op: string, values: string[] = []): boolean {
  switch (op) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(values[0]);
    default: return false;
  }
}

function tolerates(tols: Toleration[], t: Taint): boolean {
  return tols.some((x) => {
    if (x.effect && x.effect !== t.effect) return false;
    if ((x.operator ?? 'Equal') === 'Exists') return !x.key || x.key === t.key;
    return x.key === t.key && (x.value ?? '') === (t.value ?? '');
  });
}

/** The pod tolerations the DaemonSet controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations). */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function nodeShouldRunDaemonPod(node: StoredObject, podSpec: PodSpecLike | undefined): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(podSpec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && terms.length) {
    const ok = terms.some(
      (t) =>
        (t.matchExpressions ?? []).every((e) => matchReq(labels[e.key], e.operator, e.values)) &&
        (t.matchFields ?? []).every((e) => matchReq(e.key === 'metadata.name' ? node.metadata.name : undefined, e.operator, e.values)),
    );
    if (!ok) return false;
  }
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  const tols = [...(podSpec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  return taints.every((t) => tolerates(tols, t));
}

/** Pin the pod to its node with required node affinity on `metadata.name`, as the controller does since 1.12. */
export function pinToNode(podSpec: Record<string, unknown>, nodeName: string): void {
  const affinity = (podSpec.affinity ?? {}) as Record<string, unknown>;
  const nodeAffinity = { ...((affinity.nodeAffinity ?? {}) as Record<string, unknown>) };
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  podSpec.affinity = { ...affinity, nodeAffinity };
  const tols = [...((podSpec.tolerations ?? []) as Toleration[])];
  for (const t of DAEMON_TOLERATIONS) if (!tols.some((x) => x.key === t.key && x.effect === t.effect)) tols.push(t);
  podSpec.tolerations = tols;
}
