import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { workflowActions } from '../../../../simulator/workflows/actions/index.js';
import type { WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';

const WF = (kind: 'steps' | 'dag') => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: gate, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
${kind === 'steps' ? `    steps:
    - - {name: approve, template: approve}
    - - name: release
        template: print
        arguments: {parameters: [{name: message, value: "{{steps.approve.outputs.parameters.message}}"}, {name: who, value: "{{steps.approve.outputs.parameters.who}}"}]}` : `    dag:
      tasks:
      - {name: approve, template: approve}
      - name: release
        template: print
        depends: approve
        arguments: {parameters: [{name: message, value: "{{tasks.approve.outputs.parameters.message}}"}, {name: who, value: "{{tasks.approve.outputs.parameters.who}}"}]}`}
  - name: approve
    suspend: {}
    outputs:
      parameters:
      - {name: message, valueFrom: {supplied: {}}, globalName: release-note}
      - {name: who, valueFrom: {supplied: {}, default: nobody}}
  - name: print
    inputs: {parameters: [{name: message}, {name: who}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}} by {{inputs.parameters.who}}"]}
`;

function world(kind: 'steps' | 'dag') {
  const sb = createSandbox({ seed: 3 });
  sb.store.create(load(WF(kind)) as KubeObject);
  const status = () => sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'gate' }).status as WorkflowStatus;
  const node = (display: string) => Object.values(status().nodes ?? {}).find((n) => n.displayName === display);
  return { sb, status, node, act: workflowActions(sb) };
}

describe('argo node set on a suspend node, then resume', () => {
  for (const kind of ['steps', 'dag'] as const) {
    it(`${kind}: a supplied output set while suspended reaches the next ${kind === 'steps' ? 'step' : 'task'}; the unset one takes its default`, async () => {
      const { sb, status, node, act } = world(kind);
      await sb.runUntilSettledAsync();
      expect(node('approve')?.phase).toBe('Running');
      expect(node('approve')?.type).toBe('Suspend');
      act.setOutputs('gate', 'displayName=approve', { outputParameters: { message: 'Hello, world!' } });
      await sb.runUntilSettledAsync();
      // Setting outputs does not resume: the node is still waiting, now holding the value.
      expect(node('approve')?.phase).toBe('Running');
      expect(node('approve')?.outputs?.parameters?.find((p) => p.name === 'message')?.value).toBe('Hello, world!');
      expect(node('release')).toBeUndefined();
      act.resume('gate');
      await sb.runUntilSettledAsync();
      expect(status().phase).toBe('Succeeded');
      const release = node('release');
      expect(release?.inputs?.parameters).toEqual([
        { name: 'message', value: 'Hello, world!' },
        { name: 'who', value: 'nobody' },
      ]);
      expect(status().outputs?.parameters).toEqual([{ name: 'release-note', value: 'Hello, world!' }]);
      const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name']?.endsWith('release'));
      expect(pod).toBeDefined();
      expect(sb.podLogs.read('default', pod!.metadata.name, 'main').map((l) => l.text)).toContain('Hello, world! by nobody');
    });
  }

  it('resuming without the value of a supplied output that has no default fails the resume and leaves the node waiting', async () => {
    const { sb, node, act } = world('steps');
    await sb.runUntilSettledAsync();
    expect(() => act.resume('gate')).toThrow("raw output parameter 'message' has not been set and does not have a default value");
    await sb.runUntilSettledAsync();
    expect(node('approve')?.phase).toBe('Running');
  });

  it('the same output cannot be set twice', async () => {
    const { sb, act } = world('steps');
    await sb.runUntilSettledAsync();
    act.setOutputs('gate', 'displayName=approve', { outputParameters: { message: 'one' } });
    expect(() => act.setOutputs('gate', 'displayName=approve', { outputParameters: { message: 'two' } })).toThrow("cannot set output parameter 'message' because it does not use valueFrom.raw or it was already set");
  });
});

describe('a suspend with a duration resumes itself', () => {
  const timed = (outputs: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: timed, namespace: default}
spec:
  entrypoint: wait
  templates:
  - name: wait
    inputs: {parameters: [{name: answer, default: from-input}]}
    suspend: {duration: "30s"}
    outputs: {parameters: [${outputs}]}
`;
  const run = async (outputs: string) => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create(load(timed(outputs)) as KubeObject);
    await sb.runUntilSettledAsync({ maxVirtualMs: 120_000 });
    return sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'timed' }).status as WorkflowStatus;
  };

  it('an unset supplied output takes the default of the input with the same name', async () => {
    const st = await run('{name: answer, valueFrom: {supplied: {}}}');
    expect(st.phase).toBe('Succeeded');
    expect(Object.values(st.nodes ?? {})[0]?.outputs?.parameters).toEqual([{ name: 'answer', value: 'from-input' }]);
  });

  it('an unset supplied output with no default anywhere errors the node', async () => {
    const st = await run('{name: verdict, valueFrom: {supplied: {}}}');
    expect(st.phase).toBe('Error');
    expect(Object.values(st.nodes ?? {})[0]?.message).toBe("raw output parameter 'verdict' has not been set and does not have a default value");
  });
});
