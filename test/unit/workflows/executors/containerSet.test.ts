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

  it('the emissary holds a member until its dependencies exit: it reads what they wrote', async () => {
    const { sb, byName, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: csdeps}
spec:
  entrypoint: main
  templates:
  - name: main
    volumes: [{name: workspace, emptyDir: {}}]
    containerSet:
      volumeMounts: [{mountPath: /workspace, name: workspace}]
      containers:
      - {name: a, image: alpine, command: [sh, -c], args: ["sleep 3; echo from-a > /workspace/msg"]}
      - {name: b, image: alpine, command: [sh, -c], args: ["cat /workspace/msg"], dependencies: [a]}
      - {name: main, image: alpine, command: [sh, -c], args: ["echo done"], dependencies: [b]}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('csdeps.b').phase).toBe('Succeeded');
    expect(sb.podLogs.read('default', 'csdeps', 'b').map((l) => l.text)).toEqual(['from-a']);
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })[0]!;
    const term = (n: string) => (pod.status as { containerStatuses: { name: string; state: { terminated: { startedAt: string; finishedAt: string } } }[] }).containerStatuses.find((c) => c.name === n)!.state.terminated;
    // b's container started before a finished (the emissary runs), but its command ran after a exited.
    expect(term('b').startedAt < term('a').finishedAt).toBe(true);
    expect(term('b').finishedAt >= term('a').finishedAt).toBe(true);
  });

  it('a member whose dependency failed exits 64 with the emissary message, and so do its dependants', async () => {
    const { byName, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: csdepfail}
spec:
  entrypoint: main
  templates:
  - name: main
    containerSet:
      containers:
      - {name: a, image: argoproj/argosay:v2, args: [exit, "2"]}
      - {name: b, image: argoproj/argosay:v2, args: [echo, never], dependencies: [a]}
      - {name: main, image: argoproj/argosay:v2, args: [echo, never], dependencies: [b]}
`);
    expect(byName('csdepfail.a').phase).toBe('Failed');
    expect(byName('csdepfail.b').phase).toBe('Error');
    expect(byName('csdepfail.b').message).toContain('dependency "a" exited with non-zero code: 2');
    expect(byName('csdepfail.main').message).toContain('dependency "b" exited with non-zero code: 64');
    expect(status.phase).not.toBe('Succeeded');
  });
});
