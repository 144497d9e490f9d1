import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { lintWorkflow, lintTemplate, lintCronWorkflow, lintManifests, lintText, objectsSource } from '../../../../simulator/workflows/lint/index.js';
import { parseManifests } from '../../../../simulator/manifest/index.js';

const wf = (spec: string) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-', namespace: 'default' }, spec: load(spec) });
const first = (spec: string) => lintWorkflow(wf(spec))[0]?.message;

const container = `{name: echo, inputs: {parameters: [{name: m}]}, container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}}`;

describe('lintWorkflow: Argo validate.go messages', () => {
  it('a valid steps + dag workflow has no errors', () => {
    expect(
      first(`
entrypoint: main
arguments: {parameters: [{name: who, value: world}]}
templates:
- name: main
  steps:
  - - {name: a, template: echo, arguments: {parameters: [{name: m, value: "{{workflow.parameters.who}}"}]}}
  - - {name: b, template: d, arguments: {parameters: [{name: x, value: "{{steps.a.outputs.result}}"}]}}
- name: d
  inputs: {parameters: [{name: x}]}
  dag:
    tasks:
    - {name: one, template: echo, arguments: {parameters: [{name: m, value: "{{inputs.parameters.x}}"}]}}
    - {name: two, template: echo, depends: one.Succeeded, arguments: {parameters: [{name: m, value: "{{tasks.one.outputs.result}}"}]}}
    - {name: loop, template: echo, withItems: [1, 2], arguments: {parameters: [{name: m, value: "{{item}}"}]}}
- ${container}
`),
    ).toBeUndefined();
  });

  it('missing and unknown entrypoint', () => {
    expect(first(`templates: [${container}]`)).toBe('spec.entrypoint is required');
    expect(first(`{entrypoint: nope, templates: [${container}]}`)).toBe("template name 'nope' undefined");
  });

  it('unknown template in a step, wrapped with its location', () => {
    expect(first(`{entrypoint: main, templates: [{name: main, steps: [[{name: x, template: y}]]}]}`)).toBe("templates.main.steps[0].x template name 'y' undefined");
  });

  it('bad references: unknown step output, unknown global parameter', () => {
    expect(
      first(`
entrypoint: main
templates:
- name: main
  steps:
  - - {name: a, template: echo, arguments: {parameters: [{name: m, value: "{{steps.x.outputs.result}}"}]}}
- ${container}`),
    ).toBe('templates.main.steps failed to resolve {{steps.x.outputs.result}}');
    expect(first(`{entrypoint: main, templates: [{name: main, container: {image: alpine, args: ["{{workflow.parameters.nope}}"]}}]}`)).toBe(
      'templates.main: failed to resolve {{workflow.parameters.nope}}',
    );
    // expressions are not checked, custom variables neither
    expect(first(`{entrypoint: main, templates: [{name: main, container: {image: alpine, args: ["{{= nope }}", "{{custom.x}}"]}}]}`)).toBeUndefined();
  });

  it('node fields of steps and tasks resolve: id, startedAt, finishedAt, hostNodeName, outputs.result, exitCode', () => {
    const args = (v: string) => `{parameters: [{name: m, value: "${v}"}]}`;
    const dag = (v: string) =>
      first(`{entrypoint: main, templates: [{name: main, dag: {tasks: [{name: a, template: echo, arguments: ${args('x')}}, {name: b, depends: a, template: echo, arguments: ${args(v)}}]}}, ${container}]}`);
    for (const f of ['id', 'startedAt', 'finishedAt', 'hostNodeName', 'outputs.result', 'exitCode', 'status']) expect(dag(`{{tasks.a.${f}}}`)).toBeUndefined();
    expect(dag('{{tasks.a.outputs.resultx}}')).toBe('templates.main.tasks.b failed to resolve {{tasks.a.outputs.resultx}}');
    expect(dag('{{tasks.a.ip}}')).toBe('templates.main.tasks.b failed to resolve {{tasks.a.ip}}');
    const steps = (v: string) =>
      first(`{entrypoint: main, templates: [{name: main, steps: [[{name: a, template: echo, arguments: ${args('x')}}], [{name: b, template: echo, arguments: ${args(v)}}]]}, ${container}]}`);
    expect(steps('{{steps.a.exitCode}} {{steps.a.id}}')).toBeUndefined();
    expect(steps('{{steps.b.exitCode}}')).toBe('templates.main.steps failed to resolve {{steps.b.exitCode}}');
  });

  it('DAG: cycles and unknown dependencies fail the topological sort, names and depends are checked', () => {
    const dag = (tasks: string) => first(`{entrypoint: main, templates: [{name: main, dag: {tasks: ${tasks}}}, ${container}]}`);
    const t = (n: string, extra = '') => `{name: ${n}, template: echo, arguments: {parameters: [{name: m, value: x}]}${extra}}`;
    expect(dag(`[${t('a', ', depends: b')}, ${t('b', ', depends: a')}]`)).toBe('templates.main sorting failed: graph with cycle');
    expect(dag(`[${t('a', ', dependencies: [zz]')}]`)).toBe('templates.main sorting failed: invalid dependency zz');
    expect(dag(`[${t('a')}, ${t('a')}]`)).toBe('templates.main sorting failed: duplicated nodeName a');
    expect(dag(`[${t('a')}, ${t('b', ', depends: a.Finished')}]`)).toBe("templates.main.tasks.b task result 'Finished' for task 'a' is invalid");
    expect(dag(`[${t('a')}, ${t('b', ', depends: a.AnySucceeded')}]`)).toBe(
      "templates.main.tasks.b dependency 'a' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items",
    );
    expect(dag(`[${t('a')}, ${t('b', ', dependencies: [a], depends: a')}]`)).toBe("templates.main cannot use both 'depends' and 'dependencies' in the same DAG template");
    expect(dag(`[]`)).toBe('templates.main must have at least one task');
    expect(dag(`[{name: a, template: echo, arguments: {parameters: [{name: m, value: "{{tasks.b.outputs.result}}"}]}}, ${t('b')}]`)).toBe("templates.main.tasks.a missing dependency 'b' for parameter 'm'");
  });

  it('duplicate and invalid names, withItems + withParam together', () => {
    expect(first(`{entrypoint: a, templates: [{name: a, suspend: {}}, {name: a, suspend: {}}]}`)).toBe("spec.templates[1].name 'a' is not unique");
    expect(first(`{entrypoint: a, templates: [{name: a_b, suspend: {}}]}`)).toMatch(/^spec\.templates\[0\]\.name: 'a_b' is invalid: name must consist of alpha-numeric characters or '-'/);
    expect(first(`{entrypoint: main, templates: [{name: main, steps: [[{name: s, template: z}, {name: s, template: z}]]}, {name: z, suspend: {}}]}`)).toBe(
      "templates.main.steps[0].name 's' is not unique",
    );
    expect(first(`{entrypoint: main, templates: [{name: main, steps: [[{name: s, template: z, withItems: [1], withParam: "[1]"}]]}, {name: z, suspend: {}}]}`)).toBe(
      'templates.main.steps[0].s only one of withItems, withParam, withSequence can be specified',
    );
  });

  it('template shape: no type, two types, empty image, missing input, leaf parallelism', () => {
    expect(first(`{entrypoint: a, templates: [{name: a}]}`)).toBe(
      'templates.a template type unspecified. choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref',
    );
    expect(first(`{entrypoint: a, templates: [{name: a, suspend: {}, container: {image: x}}]}`)).toMatch(/^templates\.a multiple template types specified/);
    expect(first(`{entrypoint: a, templates: [{name: a, container: {command: [x]}}]}`)).toBe('templates.a.container.image may not be empty');
    expect(first(`{entrypoint: main, templates: [{name: main, steps: [[{name: s, template: echo}]]}, ${container}]}`)).toBe(
      'templates.main.steps[0].s templates.echo inputs.parameters.m was not supplied',
    );
    expect(first(`{entrypoint: a, templates: [{name: a, parallelism: 2, container: {image: x}}]}`)).toBe('templates.a.parallelism is only valid for steps and dag templates');
    expect(first(`{entrypoint: a, podGC: {strategy: Sometimes}, templates: [{name: a, suspend: {}}]}`)).toBe("podGC.strategy unknown strategy 'Sometimes'");
    expect(first(`{entrypoint: a, arguments: {parameters: [{name: p}]}, templates: [{name: a, suspend: {}}]}`)).toBe('spec.arguments.p.value or spec.arguments.p.valueFrom is required');
  });

  it('templateRef and workflowTemplateRef resolve against the given templates', () => {
    const wft = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib', namespace: 'default' }, spec: load(`{entrypoint: echo, templates: [${container}]}`) };
    const src = objectsSource([wft as Record<string, unknown>]);
    const ref = (t: string) => lintWorkflow(wf(`{entrypoint: main, templates: [{name: main, steps: [[{name: s, templateRef: {name: lib, template: ${t}}, arguments: {parameters: [{name: m, value: x}]}}]]}]}`), src)[0]?.message;
    expect(ref('echo')).toBeUndefined();
    expect(ref('nope')).toBe('templates.main.steps[0].s template reference lib.nope not found');
    expect(lintWorkflow(wf(`{workflowTemplateRef: {name: lib}, arguments: {parameters: [{name: m, value: x}]}}`), src)).toEqual([]);
    expect(lintWorkflow(wf(`{workflowTemplateRef: {name: gone}}`), src)[0]?.message).toBe('workflowtemplates.argoproj.io "gone" not found');
    expect(lintTemplate(wft)).toEqual([]);
  });

  it('WorkflowTemplates: entrypoint optional, workflow.parameters may come from the submitting workflow, names limited', () => {
    const wft = (spec: string, name = 't') => lintTemplate({ kind: 'WorkflowTemplate', metadata: { name, namespace: 'default' }, spec: load(spec) })[0]?.message;
    expect(wft(`{templates: [{name: a, container: {image: x, args: ["{{workflow.parameters.from-caller}}"]}}]}`)).toBeUndefined();
    expect(wft(`{templates: [{name: a, container: {image: x, args: ["{{inputs.parameters.nope}}"]}}]}`)).toBe('templates.a templates.a: failed to resolve {{inputs.parameters.nope}}'); // upstream wraps the per-template loop's errors once more
    expect(wft(`{templates: [{name: a, suspend: {}}]}`, 'x'.repeat(64))).toBe(`workflow template name "${'x'.repeat(64)}" must not be more than 63 characters long (currently 64)`);
  });

  it('CronWorkflow rules', () => {
    const cwf = (spec: string) => lintCronWorkflow({ kind: 'CronWorkflow', metadata: { name: 'c', namespace: 'default' }, spec: load(spec) })[0]?.message;
    const ws = `workflowSpec: {entrypoint: a, templates: [{name: a, suspend: {}}]}`;
    expect(cwf(`{schedules: ["*/5 * * * *"], ${ws}}`)).toBeUndefined();
    expect(cwf(`{${ws}}`)).toBe('cron workflow must have at least one schedule');
    expect(cwf(`{schedules: ["* * *"], ${ws}}`)).toMatch(/^cron schedule \* \* \* is malformed: /);
    expect(cwf(`{schedules: ["* * * * *"], concurrencyPolicy: Sometimes, ${ws}}`)).toBe("'Sometimes' is not a valid concurrencyPolicy");
    expect(cwf(`{schedules: ["* * * * *"], workflowSpec: {templates: []}}`)).toBe('cannot validate Workflow: spec.entrypoint is required');
  });
});

describe('lintManifests: errors placed in the file', () => {
  it('points at the offending step line', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: w-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: ok
        template: z
      - name: bad
        template: missing
  - name: z
    suspend: {}
`;
    const errs = lintManifests(parseManifests(text, 'w.yaml').manifests);
    expect(lintText(text, 'w.yaml')).toEqual(errs);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ file: 'w.yaml', line: 12, message: "templates.main.steps[0].bad template name 'missing' undefined", path: 'spec.templates[0].steps[0][1]' });
  });
});

describe('lintWorkflow: a template referenced by many tasks', () => {
  it('checks each reference with real arguments, and no-argument references once passed', () => {
    const tasks = (extra: string) => `
entrypoint: main
templates:
- name: main
  dag:
    tasks:
    - {name: a, template: echo, arguments: {parameters: [{name: m, value: x}]}}
    - {name: b, template: echo, depends: a, arguments: {parameters: [{name: m, value: y}]}}
${extra}
- ${container}
- {name: dflt, inputs: {parameters: [{name: m, default: d}]}, container: {image: alpine}}
`;
    expect(first(tasks(''))).toBeUndefined();
    expect(first(tasks('    - {name: c, template: echo, depends: b}'))).toBe('templates.main.tasks.c templates.echo inputs.parameters.m was not supplied');
    expect(first(tasks('    - {name: c, template: dflt}\n    - {name: d, template: dflt, depends: c}\n    - {name: e, template: dflt, depends: "c && d"}'))).toBeUndefined();
    // A fan-in task without tags: its ancestors are not needed; with a tag they still resolve.
    expect(first(tasks('    - {name: c, template: echo, depends: b, arguments: {parameters: [{name: m, value: "{{tasks.a.outputs.result}}"}]}}'))).toBeUndefined();
    expect(first(tasks('    - {name: c, template: echo, arguments: {parameters: [{name: m, value: "{{tasks.a.outputs.result}}"}]}}'))).toBe("templates.main.tasks.c missing dependency 'a' for parameter 'm'");
  });
});
