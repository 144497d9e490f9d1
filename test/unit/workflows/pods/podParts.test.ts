import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { sharedEnv } from '../../../../simulator/workflows/executors/podParts.js';
import { runWorkflow } from '../operator/helpers.js';

// Pods share argo's constant parts (frozen, built once); what comes from the template is each pod's own copy.
const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: parts}
spec:
  entrypoint: main
  volumes: [{name: data, emptyDir: {}}]
  tolerations: [{key: gpu, operator: Exists}]
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: say}
      - {name: b, template: say}
  - name: say
    container:
      image: argoproj/argosay:v2
      args: [echo, hi]
      ports: [{containerPort: 8080}]
      volumeMounts: [{name: data, mountPath: /data}]
    sidecars:
    - {name: side, image: alpine:3.20, command: [sleep, '1'], mirrorVolumeMounts: true}
`;

interface Ctr {
  name: string;
  command: string[];
  args?: string[];
  ports?: { containerPort: number; protocol: string }[];
  env: { name: string; value: string }[];
  resources: object;
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  initContainers: Ctr[];
  containers: Ctr[];
  volumes: { name: string }[];
  tolerations: { key: string }[];
}

describe('workflow pods', () => {
  it('share argo’s frozen constant parts and copy the template’s', async () => {
    const { sb, status } = await runWorkflow(yaml, { sandbox: createSandbox({ seed: 5 }) });
    expect(status.phase).toBe('Succeeded');
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods).toHaveLength(2);
    const [p, q] = pods.map((x) => x.spec as unknown as PodSpec) as [PodSpec, PodSpec];
    const ctr = (s: PodSpec, n: string): Ctr => [...s.initContainers, ...s.containers].find((c) => c.name === n) as Ctr;
    expect(ctr(p, 'wait').command).toEqual(['argoexec', 'wait', '--loglevel', 'info', '--log-format', 'text']);
    expect(ctr(p, 'wait').command).toBe(ctr(q, 'wait').command);
    expect(ctr(p, 'init').resources).toBe(ctr(q, 'init').resources);
    expect(ctr(p, 'init').resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' } });
    expect(p.volumes[0]).toBe(q.volumes[0]);
    expect(p.volumes.map((v) => v.name)).toEqual(['var-run-argo', 'tmp-dir-argo', 'data']);
    // Admission defaulted the template's parts on each pod's own copies.
    expect(ctr(p, 'main').ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(ctr(p, 'main').ports).not.toBe(ctr(q, 'main').ports);
    expect(p.tolerations.map((t) => t.key)).toEqual(['gpu', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
    expect(ctr(p, 'side').volumeMounts.map((m) => m.name)).toEqual(['data', 'var-run-argo']);
    // Env: per-pod values differ, the workflow's are shared.
    const env = (s: PodSpec, c: string, n: string) => ctr(s, c).env.find((e) => e.name === n);
    expect(env(p, 'main', 'ARGO_POD_NAME')?.value).not.toBe(env(q, 'main', 'ARGO_POD_NAME')?.value);
    expect(env(p, 'main', 'ARGO_WORKFLOW_NAME')).toEqual({ name: 'ARGO_WORKFLOW_NAME', value: 'parts' });
    expect(env(p, 'main', 'ARGO_WORKFLOW_NAME')).toBe(env(q, 'wait', 'ARGO_WORKFLOW_NAME'));
    expect(env(p, 'side', 'ARGO_CONTAINER_NAME')?.value).toBe('side');
    // The stored workflow's template was not frozen into (or defaulted by) the pods.
    const wf = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'parts' });
    const say = (wf?.spec as { templates: { name: string; container?: { ports: object[] } }[] }).templates.find((t) => t.name === 'say');
    expect(say?.container?.ports).toEqual([{ containerPort: 8080 }]);
  });

  it('sharedEnv reuses the last entry for a name while its value stays', () => {
    const a = sharedEnv('T_NAME', 'x');
    expect(a).toEqual({ name: 'T_NAME', value: 'x' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(sharedEnv('T_NAME', 'x')).toBe(a);
    const b = sharedEnv('T_NAME', 'y');
    expect(b).toEqual({ name: 'T_NAME', value: 'y' });
    expect(sharedEnv('T_NAME', 'y')).toBe(b);
    // Not a string: the pod's own entry (admission drops the undefined value in place).
    const c = sharedEnv('T_NAME', undefined);
    expect(Object.isFrozen(c)).toBe(false);
    expect(sharedEnv('T_NAME', 'y')).toBe(b);
  });
});
