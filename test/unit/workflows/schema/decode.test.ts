/** The controller's decode of a Workflow spec (encoding/json into the v1alpha1 types): Go's messages, not crashes. */
import { describe, expect, it } from 'vitest';
import { decodeWorkflow, decodedWorkflowSpec } from '../../../../simulator/workflows/schema/index.js';
import { createSandbox } from '../../../../simulator/index.js';
import { runWorkflow } from '../operator/helpers.js';

const wf = () => ({
  spec: {
    entrypoint: 'main',
    arguments: { parameters: [{ name: 'n', value: 2 }, { name: 'flag', value: true }] },
    templates: [
      { name: 'main', steps: [[{ name: 'a', template: 'say', withItems: [1, 'two', { three: 3 }] }]], unknownField: 'ignored' },
      { name: 'say', retryStrategy: { limit: 2 }, container: { image: 'argoproj/argosay:v2', args: ['echo', 'hi'] } },
    ],
  },
});

describe('decodeWorkflow', () => {
  it('accepts a valid spec, AnyString numbers and booleans, and unknown fields (not strict)', () => {
    expect(decodeWorkflow(wf())).toBeUndefined();
  });

  it('reports the first type mismatch like encoding/json, with the Go field path and type', () => {
    const a = wf();
    (a.spec.arguments as { parameters: unknown }).parameters = 0;
    expect(decodeWorkflow(a)).toBe('json: cannot unmarshal number into Go struct field Arguments.spec.arguments.parameters of type []v1alpha1.Parameter');
    const b = wf();
    (b.spec.templates[1]!.container as { args: unknown }).args = 'echo hi';
    expect(decodeWorkflow(b)).toBe('json: cannot unmarshal string into Go struct field Container.spec.templates.container.args of type []string');
    const c = wf();
    (c.spec.templates[0]!.steps![0]![0] as { withItems: unknown }).withItems = 'x';
    expect(decodeWorkflow(c)).toBe('json: cannot unmarshal string into Go struct field WorkflowStep.spec.templates.steps.withItems of type []interface {}');
    const d = wf();
    (d.spec as { parallelism?: unknown }).parallelism = 1.5;
    expect(decodeWorkflow(d)).toBe('json: cannot unmarshal number 1.5 into Go struct field WorkflowSpec.spec.parallelism of type int64');
  });

  it('never changes the object it decodes', () => {
    const a = wf();
    const before = JSON.stringify(a);
    decodeWorkflow(a);
    expect(JSON.stringify(a)).toBe(before);
  });

  it('the operator fails such a workflow with "cannot unmarshall spec" instead of crashing', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: bad-args}
spec:
  entrypoint: main
  arguments: {parameters: 0}
  templates:
  - {name: main, container: {image: argoproj/argosay:v2}}
`);
    expect(status.phase).toBe('Failed');
    expect((status as { message?: string }).message).toBe('cannot unmarshall spec: json: cannot unmarshal number into Go struct field Arguments.spec.arguments.parameters of type []v1alpha1.Parameter');
    expect(sb.log.all().filter((e) => e.reason === 'ReconcileError')).toEqual([]);
    expect(sb.store.list({ apiVersion: 'v1', kind: 'Pod' })).toEqual([]);
  });

  it('decodes JSON nulls to Go zero values: null fields go away, a null struct in a list is an empty struct', () => {
    const a = wf();
    (a.spec.arguments.parameters as unknown[])[0] = null;
    (a.spec as { onExit?: unknown }).onExit = null;
    expect(decodeWorkflow(a)).toBeUndefined();
    const spec = decodedWorkflowSpec(a) as { arguments: { parameters: unknown[] }; onExit?: unknown };
    expect(spec.arguments.parameters[0]).toEqual({});
    expect('onExit' in spec).toBe(false);
    expect(decodedWorkflowSpec(wf())).toBeUndefined();
  });

  it('the API server stores a null word of command/args as "" (Go zero value)', () => {
    const sb = createSandbox({ seed: 1 });
    const pod = sb.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', command: [null, 'x'] as unknown as string[] }] } });
    expect((pod.spec as { containers: { command: string[] }[] }).containers[0]!.command).toEqual(['', 'x']);
  });
});
