import { describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers.js';

const produce = (outDefault: string | undefined): string => `
    - name: produce
      outputs:
        parameters:
          - name: msg
            valueFrom:
              path: /tmp/out.txt${outDefault === undefined ? '' : `\n              default: "${outDefault}"`}
      container: { image: argoproj/argosay:v2, args: [echo, real, /tmp/out.txt] }
    - name: consume
      inputs:
        parameters:
          - name: in
            default: from-input
      container: { image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.in}}"] }`;

const inputOf = (n: { inputs?: { parameters?: { name: string; value?: unknown }[] } }): unknown => n.inputs?.parameters?.find((p) => p.name === 'in')?.value;

describe('outputs of a skipped producer', () => {
  it('a DAG task skipped by when exposes its outputs.parameters valueFrom.default', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: dag-skip-default }
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - { name: producer, template: produce, when: "false" }
          - name: consumer
            template: consume
            depends: producer.Skipped
            arguments: { parameters: [{ name: in, value: "{{tasks.producer.outputs.parameters.msg}}" }] }
${produce('hello-from-producer')}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('dag-skip-default.producer').phase).toBe('Skipped');
    expect(inputOf(byName('dag-skip-default.consumer'))).toBe('hello-from-producer');
  });

  it("an expression's ?? picks the fallback for a skipped output with no default, and a bare reference leaves the input default", async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: dag-skip-nil }
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - { name: producer, template: produce, when: "false" }
          - name: by-expr
            template: consume
            depends: producer.Skipped
            arguments: { parameters: [{ name: in, value: "{{= tasks.producer.outputs.parameters.msg ?? 'fallback'}}" }] }
          - name: by-ref
            template: consume
            depends: producer.Skipped
            arguments: { parameters: [{ name: in, value: "{{tasks.producer.outputs.parameters.msg}}" }] }
${produce(undefined)}
`);
    expect(status.phase).toBe('Succeeded');
    expect(inputOf(byName('dag-skip-nil.by-expr'))).toBe('fallback');
    expect(inputOf(byName('dag-skip-nil.by-ref'))).toBe('from-input');
  });

  it('a step skipped by when exposes its output default to later steps', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: steps-skip-default }
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - { name: producer, template: produce, when: "false" }
        - - name: consumer
            template: consume
            arguments: { parameters: [{ name: in, value: "{{steps.producer.outputs.parameters.msg}}" }] }
${produce('step-default')}
`);
    expect(status.phase).toBe('Succeeded');
    expect(inputOf(byName('steps-skip-default[1].consumer'))).toBe('step-default');
  });
});

describe('withParam that is not a JSON list', () => {
  const dag = (name: string, withParam: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: ${name} }
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - { name: gen, template: gen }
          - name: fan
            depends: gen
            template: echo
            withParam: "{{tasks.gen.outputs.parameters.list}}"
            arguments: { parameters: [{ name: m, value: "{{item}}" }] }
    - name: gen
      outputs: { parameters: [{ name: list, valueFrom: { path: /nope, default: '${withParam}' } }] }
      container: { image: argoproj/argosay:v2, args: [echo, hi] }
    - name: echo
      inputs: { parameters: [{ name: m }] }
      container: { image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.m}}"] }
`;

  it('an empty withParam fails the task instead of running one unexpanded item', async () => {
    const { status, byName } = await runWorkflow(dag('wp-empty', ''));
    expect(status.phase).toBe('Error');
    const fan = byName('wp-empty.fan');
    expect(fan.phase).toBe('Error');
    expect(fan.message).toBe('withParam value could not be parsed as a JSON list: : unexpected end of JSON input');
    expect(Object.values(status.nodes ?? {}).filter((n) => n.type === 'Pod').map((n) => n.displayName)).toEqual(['gen']);
  });

  it("non-JSON and non-list values fail with encoding/json's wording", async () => {
    const bad = await runWorkflow(dag('wp-text', 'a,b'));
    expect(bad.byName('wp-text.fan').message).toBe("withParam value could not be parsed as a JSON list: a,b: invalid character 'a' looking for beginning of value");
    const scalar = await runWorkflow(dag('wp-scalar', '"x"'));
    expect(scalar.byName('wp-scalar.fan').message).toBe('withParam value could not be parsed as a JSON list: "x": json: cannot unmarshal string into Go value of type []v1alpha1.Item');
  });

  it('an empty withParam in steps fails the step group', async () => {
    const { status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: wp-steps }
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - { name: gen, template: gen }
        - - name: fan
            template: echo
            withParam: "{{steps.gen.outputs.parameters.list}}"
            arguments: { parameters: [{ name: m, value: "{{item}}" }] }
    - name: echo
      inputs: { parameters: [{ name: m }] }
      container: { image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.m}}"] }
    - name: gen
      outputs: { parameters: [{ name: list, valueFrom: { path: /nope, default: "" } }] }
      container: { image: argoproj/argosay:v2, args: [echo, hi] }
`);
    expect(status.phase).not.toBe('Succeeded');
    expect(Object.values(status.nodes ?? {}).filter((n) => n.type === 'Pod').map((n) => n.displayName)).toEqual(['gen']);
    expect(Object.values(status.nodes ?? {}).map((n) => n.message ?? '')).toContain('withParam value could not be parsed as a JSON list: : unexpected end of JSON input');
  });
});

describe('spec.workflowMetadata', () => {
  const wf = (name: string, labelsFrom: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: ${name}, labels: { own: mine } }
spec:
  entrypoint: main
  arguments: { parameters: [{ name: team, value: blue }] }
  workflowMetadata:
    labels: { tier: gold }
    annotations: { note: hello }
    labelsFrom:
      team: { expression: "${labelsFrom}" }
  templates:
    - name: main
      inputs: { parameters: [{ name: m, value: "{{workflow.labels.tier}}-{{workflow.labels.team}}" }] }
      container: { image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.m}}"] }
`;

  it('adds labels, annotations and labelsFrom to the Workflow on the first reconcile, as workflow.labels.* globals too', async () => {
    const { sb, status, byName } = await runWorkflow(wf('wm-ok', 'workflow.parameters.team'));
    expect(status.phase).toBe('Succeeded');
    const got = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'wm-ok' });
    expect(got?.metadata.labels).toMatchObject({ own: 'mine', tier: 'gold', team: 'blue' });
    expect(got?.metadata.annotations).toMatchObject({ note: 'hello' });
    expect(byName('wm-ok').inputs?.parameters?.[0]?.value).toBe('gold-blue');
  });

  it('a labelsFrom expression that is not a string errors the workflow with upstream wording', async () => {
    const { status } = await runWorkflow(wf('wm-bad', '1 + 1'));
    expect(status.phase).toBe('Error');
    expect(status.message).toBe('failed to evaluate label "team" expression "1 + 1" evaluted to int but must be a string');
  });
});
