import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { inferFailedReason } from '../../../../simulator/workflows/executors/index.js';
import type { StoredObject } from '../../../../simulator/index.js';
import type { WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';
import { runWorkflow } from './helpers.js';

const WF = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default' };

describe('exit handlers, retries, expressions', () => {
  it('runs the workflow onExit handler after the entrypoint, with {{workflow.status}}', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: exits}
spec:
  entrypoint: main
  onExit: bye
  templates:
  - name: main
    suspend: {duration: "2"}
  - name: bye
    steps:
    - - name: report
        template: note
        arguments: {parameters: [{name: s, value: "{{workflow.status}}"}]}
  - name: note
    inputs: {parameters: [{name: s}]}
    suspend: {duration: "1"}
`);
    expect(status.phase).toBe('Succeeded');
    const exit = byName('exits.onExit');
    expect(exit).toMatchObject({ type: 'Steps', phase: 'Succeeded', nodeFlag: { hooked: true }, templateName: 'bye' });
    expect(byName('exits.onExit[0].report').inputs?.parameters?.[0]?.value).toBe('Succeeded');
    expect(Date.parse(exit.startedAt!)).toBeGreaterThanOrEqual(Date.parse(byName('exits').finishedAt!));
  });

  it('retries a failing node: name(0), name(1)… under a Retry node, then gives up with "No more retries left"', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: retrying}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: flaky
        template: slow
  - name: slow
    retryStrategy: {limit: 2, retryPolicy: Always, backoff: {duration: "10s", factor: 2}}
    inputs: {parameters: [{name: list, value: "not-a-list"}]}
    steps:
    - - name: each
        template: leaf
        withParam: "{{inputs.parameters.list}}"
  - name: leaf
    suspend: {}
`);
    expect(status.phase).toBe('Failed');
    const retry = byName('retrying[0].flaky');
    expect(retry).toMatchObject({ type: 'Retry', phase: 'Failed', message: 'No more retries left' });
    const attempts = ['retrying[0].flaky(0)', 'retrying[0].flaky(1)', 'retrying[0].flaky(2)'].map(byName);
    expect(retry.children).toEqual(attempts.map((a) => a.id));
    for (const a of attempts) expect(a).toMatchObject({ phase: 'Failed', nodeFlag: { retried: true }, displayName: a.name.slice('retrying[0].'.length) });
    // Backoff 10s then 20s in virtual time between attempts.
    expect(Date.parse(attempts[1]!.startedAt!) - Date.parse(attempts[0]!.finishedAt!)).toBe(10_000);
    expect(Date.parse(attempts[2]!.startedAt!) - Date.parse(attempts[1]!.finishedAt!)).toBe(20_000);
  });

  it('evaluates {{= }} expressions with Argo functions over the variables', async () => {
    const { byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: exprs}
spec:
  entrypoint: main
  arguments: {parameters: [{name: n, value: "41"}]}
  templates:
  - name: main
    steps:
    - - name: calc
        template: note
        arguments: {parameters: [{name: s, value: "{{=asInt(workflow.parameters.n) + 1}}"}]}
  - name: note
    inputs: {parameters: [{name: s}]}
    suspend: {duration: "1"}
`);
    expect(byName('exprs[0].calc').inputs?.parameters?.[0]?.value).toBe('42');
  });
});

describe('workflow lifecycle hooks', () => {
  it('runs an expression hook as <wf>.hooks.<name> once it holds, and the workflow waits for it', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: hooked}
spec:
  entrypoint: main
  hooks:
    running: {expression: workflow.status == "Running", template: note}
    never: {expression: workflow.status == "Error", template: note}
  templates:
  - name: main
    suspend: {duration: "1"}
  - name: note
    suspend: {duration: "5"}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('hooked.hooks.running')).toMatchObject({ phase: 'Succeeded', nodeFlag: { hooked: true } });
    expect(Object.values(status.nodes ?? {}).some((n) => n.name === 'hooked.hooks.never')).toBe(false);
    expect(Date.parse(status.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(byName('hooked.hooks.running').finishedAt!));
  });
});

describe('suspend, shutdown and deadlines', () => {
  const waiting = (name: string, extra = '') => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}}
spec:
  entrypoint: main
  onExit: bye
${extra}
  templates:
  - name: main
    steps:
    - - name: hold
        template: forever
  - name: forever
    suspend: {}
  - name: bye
    suspend: {duration: "1"}
`;

  it('waits on a suspend node until stopped; Stop fails running nodes and still runs the exit handler', async () => {
    const { sb, status } = await runWorkflow(waiting('stopme'));
    expect(status.phase).toBe('Running');
    const key = { ...WF, name: 'stopme' };
    sb.store.patch(key, 'merge', { spec: { shutdown: 'Stop' } });
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const st = sb.store.get(key)!.status as WorkflowStatus;
    expect(st.phase).toBe('Failed');
    expect(st.message).toBe("Stopped with strategy 'Stop'");
    const nodes = Object.values(st.nodes ?? {});
    expect(nodes.find((n) => n.name === 'stopme[0].hold')).toMatchObject({ phase: 'Failed', message: "Stopped with strategy 'Stop'" });
    expect(nodes.find((n) => n.name === 'stopme.onExit')?.phase).toBe('Succeeded');
  });

  it('Terminate does not run the exit handler', async () => {
    const { sb } = await runWorkflow(waiting('termme'));
    const key = { ...WF, name: 'termme' };
    sb.store.patch(key, 'merge', { spec: { shutdown: 'Terminate' } });
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const st = sb.store.get(key)!.status as WorkflowStatus;
    expect(st.phase).toBe('Failed');
    expect(Object.values(st.nodes ?? {}).some((n) => n.name === 'termme.onExit')).toBe(false);
  });

  it('fails a workflow past activeDeadlineSeconds', async () => {
    const { status } = await runWorkflow(waiting('late', '  activeDeadlineSeconds: 10'));
    expect(status.phase).toBe('Failed');
    expect(Date.parse(status.finishedAt!) - Date.parse(status.startedAt!)).toBeGreaterThanOrEqual(10_000);
  });

  it('does nothing while spec.suspend is true, and starts when it is cleared', async () => {
    const { sb, status } = await runWorkflow(waiting('paused', '  suspend: true').replace('onExit: bye', ''));
    expect(status.phase).toBe('Running');
    expect(status.nodes ?? {}).toEqual({});
    const key = { ...WF, name: 'paused' };
    sb.store.patch(key, 'merge', { spec: { suspend: null } });
    await sb.runUntilSettledAsync({ maxVirtualMs: 60_000 });
    const st = sb.store.get(key)!.status as WorkflowStatus;
    expect(Object.values(st.nodes ?? {}).find((n) => n.name === 'paused[0].hold')?.type).toBe('Suspend');
  });
});

describe('pod status to node status', () => {
  const pod = (status: unknown): StoredObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '' }, status }) as StoredObject;

  it('words failures like argoexec v3: main exit code, init/wait errors, waiting containers', () => {
    const term = (name: string, exitCode: number, reason = 'Error') => ({ name, state: { terminated: { exitCode, reason } } });
    expect(inferFailedReason(pod({ phase: 'Failed', containerStatuses: [term('wait', 0, 'Completed'), term('main', 1)] }))).toEqual({ phase: 'Failed', message: 'Error (exit code 1)' });
    expect(inferFailedReason(pod({ phase: 'Failed', containerStatuses: [term('wait', 0, 'Completed'), term('main', 137, 'OOMKilled')] }))).toEqual({
      phase: 'Failed',
      message: 'OOMKilled (exit code 137)',
    });
    expect(inferFailedReason(pod({ phase: 'Failed', initContainerStatuses: [term('init', 2)], containerStatuses: [] }))).toEqual({ phase: 'Error', message: 'Error (exit code 2)' });
    expect(inferFailedReason(pod({ phase: 'Failed', message: 'Pod was active on the node longer than the specified deadline' }))).toEqual({
      phase: 'Failed',
      message: 'Pod was active on the node longer than the specified deadline',
    });
  });

  it('reads node outputs from the WorkflowTaskResult named after the node id', async () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'outs', namespace: 'default' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'alpine', command: ['sleep', '3600'] } }] },
    });
    await sb.advanceAsync(5_000);
    const nodeId = 'outs';
    sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTaskResult',
      metadata: { name: nodeId, namespace: 'default', labels: { 'workflows.argoproj.io/workflow': 'outs', 'workflows.argoproj.io/report-outputs-completed': 'false' } },
      outputs: { parameters: [{ name: 'p', value: 'v' }], result: 'hello' },
    });
    await sb.advanceAsync(2_000);
    const st = sb.store.get({ ...WF, name: 'outs' })!.status as WorkflowStatus;
    expect(st.nodes?.[nodeId]?.outputs).toMatchObject({ parameters: [{ name: 'p', value: 'v' }], result: 'hello' });
  });
});
