import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../operator/helpers.js';

describe('containerSet templates', () => {
  it('runs every member in one pod, Container nodes follow the graph and their containers', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: cs}
spec:
  entrypoint: main
  templates:
  - name: main
    volumes: [{name: workspace, emptyDir: {}}]
    containerSet:
      volumeMounts: [{mountPath: /workspace, name: workspace}]
      containers:
      - {name: a, image: argoproj/argosay:v2, args: [echo, hi, /workspace/out]}
      - {name: main, image: alpine:3.20, command: [echo, done], dependencies: [a]}
`);
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods).toHaveLength(1);
    const spec = pods[0]!.spec as { containers: { name: string; command: string[]; volumeMounts: { mountPath: string }[]; env: { name: string; value: string }[] }[] };
    expect(spec.containers.map((c) => c.name)).toEqual(['wait', 'a', 'main']);
    const a = spec.containers[1]!;
    expect(a.command.slice(0, 2)).toEqual(['/var/run/argo/argoexec', 'emissary']);
    expect(a.volumeMounts.map((m) => m.mountPath)).toContain('/workspace');
    expect(a.env.find((e) => e.name === 'ARGO_CONTAINER_NAME')?.value).toBe('a');
    const pod = byName('cs');
    expect(pod.type).toBe('Pod');
    expect(pod.children).toEqual([byName('cs.a').id]);
    expect(byName('cs.a')).toMatchObject({ type: 'Container', phase: 'Succeeded', boundaryID: pod.id, children: [byName('cs.main').id] });
    expect(byName('cs.main').phase).toBe('Succeeded');
    expect(pod.outputs?.result).toBe('done');
    expect(status.phase).toBe('Succeeded');
  });

  it('a failing member fails its Container node with the container message and the workflow', async () => {
    const { byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: csfail}
spec:
  entrypoint: main
  templates:
  - name: main
    containerSet:
      containers:
      - {name: main, image: argoproj/argosay:v2, args: [exit, "3"]}
`);
    expect(byName('csfail.main').phase).toBe('Failed');
    expect(byName('csfail.main').message).toMatch(/^main: Error \(exit code 3\)/);
    expect(byName('csfail').outputs?.exitCode).toBe('3');
  });
});
