import { describe, expect, it } from 'vitest';
import { hasOutputResultRef, stepOrTaskName } from '../../../../simulator/workflows/executors/scriptOutput.js';
import type { Template } from '../../../../simulator/workflows/nodes/types.js';
import { runWorkflow } from '../operator/helpers.js';

type PodSpec = { containers: { name: string; env?: { name: string; value?: string }[] }[] };

describe('ARGO_INCLUDE_SCRIPT_OUTPUT (includeScriptOutput)', () => {
  it('getStepOrDAGTaskName drops retry/expansion suffixes and keeps the last dotted part', () => {
    expect(stepOrTaskName('wf[0].fanout1(0:1)(0)[0]')).toBe('fanout1');
    expect(stepOrTaskName('wf.gen')).toBe('gen');
    expect(stepOrTaskName('wf')).toBe('wf');
  });

  it('matches steps/tasks references and expressions only for the right kind of parent', () => {
    const steps: Template = { name: 's', steps: [[{ name: 'b', arguments: { parameters: [{ name: 'x', value: '{{steps.a.outputs.result}}' }] } }]] };
    expect(hasOutputResultRef('a', steps)).toBe(true);
    expect(hasOutputResultRef('b', steps)).toBe(false);
    const dag: Template = { name: 'd', dag: { tasks: [{ name: 'c', when: "{{=tasks['gen'].outputs.result == 'x'}}" }] } };
    expect(hasOutputResultRef('gen', dag)).toBe(true);
    expect(hasOutputResultRef('gen', { name: 'd2', dag: { tasks: [{ name: 'c', when: '{{steps.gen.outputs.result}}' }] } })).toBe(false);
  });

  it("a container step's stdout becomes outputs.result when a later step references it, not otherwise", async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: res}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: gen, template: echo}
      - {name: other, template: echo}
    - - name: use
        template: print
        arguments: {parameters: [{name: m, value: "{{steps.gen.outputs.result}}"}]}
  - name: echo
    container: {image: alpine:3.20, command: [echo, hi]}
  - name: print
    inputs: {parameters: [{name: m}]}
    container: {image: alpine:3.20, command: [echo, "{{inputs.parameters.m}}"]}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('res[0].gen').outputs?.result).toBe('hi');
    expect(byName('res[0].other').outputs?.result).toBeUndefined();
    expect(byName('res[1].use').inputs?.parameters?.[0]?.value).toBe('hi');
    const env = (podNode: string): string | undefined => {
      const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name'] === podNode)!;
      return (pod.spec as PodSpec).containers.find((c) => c.name === 'wait')?.env?.find((e) => e.name === 'ARGO_INCLUDE_SCRIPT_OUTPUT')?.value;
    };
    expect(env('res[0].gen')).toBe('true');
    expect(env('res[0].other')).toBe('false');
  });
});
