/** Worlds and pods for runtime tests: plain pods and pods shaped like Argo's (init, wait, main). */
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../simulator/index.js';
import type { PodStatus } from '../../../simulator/cluster/kubelet/index.js';

export const EXEC_IMAGE = 'quay.io/argoproj/argoexec:v3.5.8';

export function world(seed = 1): Sandbox {
  return createSandbox({ seed, argocd: false });
}

export function pod(name: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { restartPolicy: 'Never', containers, ...extra } as never };
}

/** A pod as the workflow controller builds it: init + wait + main wrapped by the emissary. */
export function argoPod(name: string, template: Record<string, unknown>, main: { image: string; command: string[]; args?: string[] }): KubeObject {
  const env = [
    { name: 'ARGO_POD_NAME', value: name },
    { name: 'ARGO_NODE_ID', value: `${name}-node` },
    { name: 'ARGO_WORKFLOW_NAME', value: 'wf' },
    { name: 'ARGO_WORKFLOW_UID', value: 'wf-uid' },
    { name: 'ARGO_TEMPLATE', value: JSON.stringify(template) },
  ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { 'workflows.argoproj.io/workflow': 'wf' } },
    spec: {
      restartPolicy: 'Never',
      initContainers: [{ name: 'init', image: EXEC_IMAGE, command: ['argoexec', 'init'], env }],
      containers: [
        { name: 'wait', image: EXEC_IMAGE, command: ['argoexec', 'wait'], env },
        { name: 'main', image: main.image, command: ['/var/run/argo/argoexec', 'emissary', '--', ...main.command], args: main.args ?? [], env },
      ],
    } as never,
  };
}

export function logs(sb: Sandbox, podName: string, container: string): string[] {
  return sb.podLogs.read('default', podName, container).map((l) => l.text);
}

export function phase(sb: Sandbox, podName: string): string | undefined {
  return (sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: podName })?.status as PodStatus | undefined)?.phase;
}

export function terminated(sb: Sandbox, podName: string, container: string) {
  const st = sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: podName })?.status as PodStatus | undefined;
  return [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])].find((c) => c.name === container)?.state.terminated;
}

/** Objects of a kind as they were created (captured by watch: owners may garbage-collect them later). */
export function captureCreated(sb: Sandbox, kind: string): StoredObject[] {
  const out: StoredObject[] = [];
  sb.store.watch((e) => {
    if (e.type === 'ADDED') out.push(e.object);
  }, { group: 'argoproj.io', kind });
  return out;
}
