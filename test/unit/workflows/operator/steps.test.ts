import { describe, expect, it } from 'vitest';
import { fnv32a, nodeId, podName } from '../../../../simulator/workflows/nodes/ids.js';
import { runWorkflow } from './helpers.js';

describe('node ids and pod names', () => {
  it('hashes node names with FNV-1a like Argo (Workflow.NodeID, GeneratePodName v2)', () => {
    // Values from Argo's UI tests of the same function.
    expect(fnv32a('hello')).toBe(1335831723);
    expect(fnv32a('world')).toBe(933488787);
    expect(nodeId('wf', 'wf')).toBe('wf');
    expect(nodeId('wf', 'wf[0].a')).toBe(`wf-${fnv32a('wf[0].a')}`);
    expect(podName('wf', 'wf[0].a', 'echo')).toBe(`wf-echo-${fnv32a('wf[0].a')}`);
    expect(podName('wf', 'wf', 'echo')).toBe('wf');
  });
});

describe('steps workflows', () => {
  const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: steps}
spec:
  entrypoint: main
  arguments: {parameters: [{name: who, value: world}]}
  templates:
  - name: main
    steps:
    - - name: hello
        template: echo
        arguments: {parameters: [{name: msg, value: "hello {{workflow.parameters.who}}"}]}
    - - name: loop
        template: echo
        arguments: {parameters: [{name: msg, value: "{{item}}"}]}
        withItems: [a, b]
      - name: skipped
        template: echo
        arguments: {parameters: [{name: msg, value: x}]}
        when: "{{steps.hello.status}} == Failed"
  - name: echo
    inputs: {parameters: [{name: msg}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.msg}}"]}
`;

  // The same shape with suspend leaves: the node tree without depending on container runtimes.
  const treeYaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: steps}
spec:
  entrypoint: main
  arguments: {parameters: [{name: who, value: world}]}
  templates:
  - name: main
    steps:
    - - name: hello
        template: echo
        arguments: {parameters: [{name: msg, value: "hello {{workflow.parameters.who}}"}]}
    - - name: loop
        template: echo
        arguments: {parameters: [{name: msg, value: "{{item}}"}]}
        withItems: [a, b]
      - name: skipped
        template: echo
        arguments: {parameters: [{name: msg, value: x}]}
        when: "{{steps.hello.status}} == Failed"
  - name: echo
    inputs: {parameters: [{name: msg}]}
    suspend: {duration: "1"}
`;

  it('builds the Argo node tree: Steps → StepGroup → leaf, names wf[i].step and loop children step(i:item)', async () => {
    const { status, byName } = await runWorkflow(treeYaml);
    expect(status.phase).toBe('Succeeded');
    const root = byName('steps');
    expect(root).toMatchObject({ id: 'steps', type: 'Steps', displayName: 'steps', templateName: 'main', templateScope: 'local/steps' });
    const sg0 = byName('steps[0]');
    expect(sg0).toMatchObject({ type: 'StepGroup', displayName: '[0]', boundaryID: 'steps', phase: 'Succeeded' });
    expect(root.children).toEqual([sg0.id]);
    const hello = byName('steps[0].hello');
    expect(hello).toMatchObject({ type: 'Suspend', displayName: 'hello', boundaryID: 'steps', templateName: 'echo', phase: 'Succeeded' });
    expect(hello.inputs?.parameters?.[0]).toEqual({ name: 'msg', value: 'hello world' });
    expect(hello.children).toEqual([byName('steps[1]').id]);
    expect(byName('steps[1].loop(0:a)').displayName).toBe('loop(0:a)');
    expect(byName('steps[1].loop(1:b)').inputs?.parameters?.[0]?.value).toBe('b');
    const skipped = byName('steps[1].skipped');
    expect(skipped).toMatchObject({ type: 'Skipped', phase: 'Skipped', message: "when 'Succeeded == Failed' evaluated false" });
    expect([...(root.outboundNodes ?? [])].sort()).toEqual([byName('steps[1].loop(0:a)').id, byName('steps[1].loop(1:b)').id, skipped.id].sort());
    expect(status.conditions).toContainEqual({ type: 'Completed', status: 'True' });
  });

  it('creates pods in Argo shape: init/wait/main, emissary-wrapped command, labels, annotations, owner', async () => {
    const { sb, byName } = await runWorkflow(yaml);
    const hello = byName('steps[0].hello');
    const pod = sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: `steps-echo-${hello.id.slice('steps-'.length)}` });
    expect(pod).toBeDefined();
    const spec = pod!.spec as { initContainers: { name: string; image: string }[]; containers: { name: string; command: string[]; env: { name: string; value: string }[] }[] };
    expect(spec.initContainers.map((c) => c.name)).toEqual(['init']);
    expect(spec.initContainers[0]!.image).toMatch(/^quay\.io\/argoproj\/argoexec:v3\./);
    expect(spec.containers.map((c) => c.name)).toEqual(['wait', 'main']);
    const main = spec.containers[1]!;
    expect(main.command).toEqual(['/var/run/argo/argoexec', 'emissary', '--loglevel', 'info', '--log-format', 'text', '--', 'echo', 'hello world']);
    const env = Object.fromEntries(main.env.map((e) => [e.name, e.value]));
    expect(env.ARGO_NODE_ID).toBe(hello.id);
    expect(JSON.parse(env.ARGO_TEMPLATE!)).toMatchObject({ name: 'echo', inputs: { parameters: [{ name: 'msg', value: 'hello world' }] } });
    expect(pod!.metadata.labels).toMatchObject({ 'workflows.argoproj.io/workflow': 'steps' });
    expect(pod!.metadata.annotations).toMatchObject({ 'workflows.argoproj.io/node-id': hello.id, 'workflows.argoproj.io/node-name': 'steps[0].hello' });
    expect(pod!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Workflow', name: 'steps', controller: true });
  });

  it('fails an invalid workflow before it runs, with the linter message (invalid spec: …)', async () => {
    const { status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: badref}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: echo
        arguments: {parameters: [{name: msg, value: "{{steps.nope.outputs.result}}"}]}
  - name: echo
    inputs: {parameters: [{name: msg}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.msg}}"]}
`);
    expect(status.phase).toBe('Failed');
    expect(status.message).toBe('invalid spec: templates.main.steps failed to resolve {{steps.nope.outputs.result}}');
    expect(status.nodes ?? {}).toEqual({});
    expect(status.finishedAt).toBeDefined();
  });

  it('fails a workflow whose recursion never ends at the max stack depth, without harming the engine', async () => {
    const { status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: forever}
spec:
  entrypoint: loop
  templates:
  - name: loop
    steps:
    - - name: again
        template: loop
`);
    expect(status.phase).toBe('Failed');
    const errs = Object.values(status.nodes ?? {}).filter((n) => n.message?.startsWith('Maximum recursion depth exceeded'));
    expect(errs.length).toBe(1);
  });

  it('suspends until the duration passes in virtual time', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: pause}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: wait
        template: delay
  - name: delay
    suspend: {duration: "30"}
`);
    expect(status.phase).toBe('Succeeded');
    const n = byName('pause[0].wait');
    expect(n.type).toBe('Suspend');
    expect(Date.parse(n.finishedAt!) - Date.parse(n.startedAt!)).toBe(30_000);
  });

  it('rejects a step that does not supply a required input', async () => {
    const { status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: noinput}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: echo
  - name: echo
    inputs: {parameters: [{name: msg}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.msg}}"]}
`);
    expect(status.phase).toBe('Failed');
    expect(status.message).toBe('invalid spec: templates.main.steps[0].a templates.echo inputs.parameters.msg was not supplied');
  });
});
