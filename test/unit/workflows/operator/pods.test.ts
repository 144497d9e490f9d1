import { describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers.js';

describe('pod templates through the kubelet and argoexec', () => {
  it('reads exit codes, failure messages, script results and output parameters, and passes them on', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: pods}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: say}
      - {name: b, template: fail, continueOn: {failed: true}}
    - - {name: c, template: out}
    - - name: d
        template: say2
        arguments: {parameters: [{name: v, value: "{{steps.c.outputs.parameters.x}}/{{steps.c.outputs.result}}"}]}
  - name: say
    container: {image: argoproj/argosay:v2, args: [echo, hi]}
  - name: say2
    inputs: {parameters: [{name: v}]}
    container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.v}}"]}
  - name: fail
    container: {image: alpine, command: [sh, -c, "exit 3"]}
  - name: out
    script: {image: alpine, command: [sh], source: "echo 42 > /tmp/x; echo result-line"}
    outputs: {parameters: [{name: x, valueFrom: {path: /tmp/x}}]}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('pods[0].a')).toMatchObject({ phase: 'Succeeded', outputs: { exitCode: '0' } });
    expect(byName('pods[0].b')).toMatchObject({ phase: 'Failed', message: 'Error (exit code 3)', outputs: { exitCode: '3' } });
    expect(byName('pods[1].c').outputs).toMatchObject({ result: 'result-line', parameters: [{ name: 'x', value: '42' }] });
    expect(byName('pods[2].d').inputs?.parameters?.[0]?.value).toBe('42/result-line');
    expect(status.progress).toBe('3/4');
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default', labelSelector: 'workflows.argoproj.io/completed=true' });
    expect(pods.length).toBe(4);
  });

  it('fails the workflow with the step group message when a step fails', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: failing}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: boom, template: fail}
    - - {name: never, template: fail}
  - name: fail
    container: {image: alpine, command: [sh, -c, "exit 1"]}
`);
    const boom = byName('failing[0].boom');
    expect(boom).toMatchObject({ phase: 'Failed', message: 'Error (exit code 1)' });
    expect(byName('failing[0]')).toMatchObject({ phase: 'Failed', message: `child '${boom.id}' failed` });
    expect(status).toMatchObject({ phase: 'Failed', message: `child '${boom.id}' failed` });
    expect(Object.values(status.nodes ?? {}).some((n) => n.name.startsWith('failing[1]'))).toBe(false);
  });

  it('passes an output artifact to the next step through the artifact repository (from: steps.x.outputs.artifacts.y)', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: arts}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: gen, template: gen}
    - - name: use
        template: use
        arguments: {artifacts: [{name: in, from: "{{steps.gen.outputs.artifacts.hello}}"}]}
  - name: gen
    container: {image: alpine, command: [sh, -c, "echo hello-art > /tmp/hello.txt"]}
    outputs: {artifacts: [{name: hello, path: /tmp/hello.txt}]}
  - name: use
    inputs: {artifacts: [{name: in, path: /tmp/in.txt}]}
    container: {image: alpine, command: [sh, -c, "cat /tmp/in.txt"]}
`);
    expect(status.phase).toBe('Succeeded');
    const out = byName('arts[0].gen').outputs?.artifacts?.[0];
    expect(out).toMatchObject({ name: 'hello', path: '/tmp/hello.txt' });
    const input = byName('arts[1].use').inputs?.artifacts?.[0];
    expect(input).toMatchObject({ name: 'in', path: '/tmp/in.txt', s3: out?.s3 });
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }).find((p) => p.metadata.name.startsWith('arts-use-'))!;
    expect(sb.podLogs.read('default', pod.metadata.name, 'main').map((l) => l.text)).toEqual(['hello-art']);
  });

  it('fails a pod node past its template timeout and stops the pod', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: slow}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: nap, template: nap}
  - name: nap
    timeout: 20s
    container: {image: alpine, command: [sleep, "3600"]}
`);
    expect(status.phase).toBe('Failed');
    const nap = byName('slow[0].nap');
    expect(nap).toMatchObject({ phase: 'Failed', message: 'slow[0].nap exceeded its deadline' });
    expect(Date.parse(nap.finishedAt!) - Date.parse(nap.startedAt!)).toBe(20_000);
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }).filter((p) => !p.metadata.deletionTimestamp);
    expect(pods).toEqual([]);
  });
});
