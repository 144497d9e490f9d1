import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../operator/helpers.js';

/** A loop over a global parameter, then a step/task that runs after it. */
const loopOverGlobal = (name: string, kind: 'steps' | 'dag', value: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: ${name} }
spec:
  entrypoint: main
  arguments: { parameters: [{ name: list, value: '${value}' }] }
  templates:
    - name: main
${kind === 'steps' ? `      steps:
        - - { name: fan, template: echo, withParam: "{{workflow.parameters.list}}", arguments: { parameters: [{ name: m, value: "{{item}}" }] } }
        - - { name: after, template: echo, arguments: { parameters: [{ name: m, value: done }] } }` : `      dag:
        tasks:
          - { name: fan, template: echo, withParam: "{{workflow.parameters.list}}", arguments: { parameters: [{ name: m, value: "{{item}}" }] } }
          - { name: after, template: echo, depends: fan, arguments: { parameters: [{ name: m, value: done }] } }`}
    - name: echo
      inputs: { parameters: [{ name: m }] }
      container: { image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.m}}"] }
`;

describe('withParam from a global parameter (expandStepGroup / expandTask)', () => {
  it('an empty JSON list in steps expands to one Skipped node "Skipped, empty params" and the next group still runs', async () => {
    const { status, byName } = await runWorkflow(loopOverGlobal('wp-steps-empty', 'steps', '[]'));
    expect(status.phase).toBe('Succeeded');
    const fan = byName('wp-steps-empty[0].fan');
    expect(fan.type).toBe('Skipped');
    expect(fan.phase).toBe('Skipped');
    expect(fan.message).toBe('Skipped, empty params');
    expect(byName('wp-steps-empty[0]').children).toEqual([fan.id]);
    expect(Object.values(status.nodes ?? {}).some((n) => n.name.startsWith('wp-steps-empty[0].fan('))).toBe(false);
    expect(byName('wp-steps-empty[1].after').phase).toBe('Succeeded');
  });

  it('an empty JSON list in a DAG skips the task (no TaskGroup) and its dependant runs', async () => {
    const { status, byName } = await runWorkflow(loopOverGlobal('wp-dag-empty', 'dag', '[]'));
    expect(status.phase).toBe('Succeeded');
    const fan = byName('wp-dag-empty.fan');
    expect(fan.type).toBe('Skipped');
    expect(fan.message).toBe('Skipped, empty params');
    expect(Object.values(status.nodes ?? {}).some((n) => n.type === 'TaskGroup')).toBe(false);
    expect(byName('wp-dag-empty.after').phase).toBe('Succeeded');
  });

  it('a withParam that substitutes to "" no longer loops in steps (ShouldExpand is false): the step runs once, {{item}} left as written', async () => {
    const { status, byName } = await runWorkflow(loopOverGlobal('wp-steps-blank', 'steps', ''));
    expect(status.phase).toBe('Succeeded');
    const fan = byName('wp-steps-blank[0].fan');
    expect(fan.type).toBe('Pod');
    expect(fan.phase).toBe('Succeeded');
    expect(fan.inputs?.parameters?.[0]?.value).toBe('{{item}}');
  });

  it('a value that is not a JSON list errors the step group with the parse message', async () => {
    const { status, byName } = await runWorkflow(loopOverGlobal('wp-steps-bad', 'steps', 'hello'));
    // executeSteps marks the Steps node Failed when a group is unsuccessful, so the workflow is Failed.
    expect(status.phase).toBe('Failed');
    expect(byName('wp-steps-bad[0]').phase).toBe('Error');
    expect(byName('wp-steps-bad[0]').message).toBe("withParam value could not be parsed as a JSON list: hello: invalid character 'h' looking for beginning of value");
  });

  it('a JSON object is not a list: the DAG task errors with encoding/json\'s type message', async () => {
    const { status, byName } = await runWorkflow(loopOverGlobal('wp-dag-obj', 'dag', '{"a": 1}'));
    // assessDAGPhase takes the errored branch's phase.
    expect(status.phase).toBe('Error');
    const fan = byName('wp-dag-obj.fan');
    expect(fan.phase).toBe('Error');
    expect(fan.message).toBe('withParam value could not be parsed as a JSON list: {"a": 1}: json: cannot unmarshal object into Go value of type []v1alpha1.Item');
  });
});
