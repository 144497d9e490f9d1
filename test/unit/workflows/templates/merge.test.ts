import { describe, expect, it } from 'vitest';
import { joinWorkflowSpec } from '../../../../simulator/workflows/templates/index.js';
import type { Dict } from '../../../../simulator/workflows/templates/index.js';
import { y } from './fixtures.js';

const template = y<Dict>(`
entrypoint: main
serviceAccountName: wft-sa
parallelism: 3
arguments:
  parameters:
  - {name: message, value: from-template}
  - {name: other, default: tdefault}
  - {name: only-template, value: t}
templates:
- name: main
  container: {image: alpine, command: [echo], args: ["{{workflow.parameters.message}}"], env: [{name: A, value: "1"}, {name: B, value: "2"}]}
- name: helper
  dag:
    tasks:
    - {name: a, template: main}
    - {name: b, template: main, depends: a}
hooks:
  exit: {template: main}
workflowMetadata:
  labels: {team: a}
  labelsFrom:
    from-template: {expression: "'t'"}
`);

describe('joinWorkflowSpec (workflow > template > defaults)', () => {
  it('workflow fields override template fields; omitted ones come from the template', () => {
    const wf = y<Dict>(`
workflowTemplateRef: {name: wft}
parallelism: 1
serviceAccountName: ""
`);
    const out = joinWorkflowSpec(wf, template);
    expect(out.parallelism).toBe(1);
    expect(out.serviceAccountName).toBe('wft-sa'); // empty string is Go's omitempty: no override
    expect(out.entrypoint).toBe('main');
    expect(out.workflowTemplateRef).toEqual({ name: 'wft' });
    expect((out.templates as Dict[]).map((t) => t.name)).toEqual(['main', 'helper']);
  });

  it('arguments.parameters merge by name and the highest level keeps its whole definition', () => {
    const wf = y<Dict>(`
arguments:
  parameters:
  - {name: message, value: from-workflow}
  - {name: other, value: wvalue}
  - {name: new-one, value: n}
`);
    const params = (joinWorkflowSpec(wf, template).arguments as Dict).parameters;
    expect(params).toEqual([
      { name: 'message', value: 'from-workflow' },
      { name: 'other', value: 'wvalue' }, // not {default: tdefault, value: wvalue}: levels never mix
      { name: 'only-template', value: 't' },
      { name: 'new-one', value: 'n' },
    ]);
  });

  it('templates merge by name, DAG tasks by name, container env by name; steps lists replace', () => {
    const wf = y<Dict>(`
templates:
- name: main
  container: {image: busybox, env: [{name: B, value: "20"}, {name: C, value: "3"}]}
- name: helper
  dag:
    tasks:
    - {name: b, template: main, depends: ""}
    - {name: c, template: main}
- name: extra
  steps: [[{name: s, template: main}]]
`);
    const out = joinWorkflowSpec(wf, template);
    const [main, helper, extra] = out.templates as Dict[];
    expect((main.container as Dict).image).toBe('busybox');
    expect((main.container as Dict).args).toEqual(['{{workflow.parameters.message}}']);
    expect((main.container as Dict).env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '20' }, { name: 'C', value: '3' }]);
    expect(((helper.dag as Dict).tasks as Dict[]).map((t) => `${t.name}:${t.depends ?? ''}`)).toEqual(['a:', 'b:a', 'c:']);
    expect(extra.name).toBe('extra');
  });

  it('suspend is always the workflow own value; hooks and labelsFrom are added per key', () => {
    const t2 = { ...template, suspend: true };
    const wf = y<Dict>(`
hooks:
  running: {expression: "true", template: main}
workflowMetadata:
  labels: {team: b}
  labelsFrom:
    from-wf: {expression: "'w'"}
`);
    const out = joinWorkflowSpec(wf, t2);
    expect(out.suspend).toBeUndefined();
    expect(Object.keys(out.hooks as Dict).sort()).toEqual(['exit', 'running']);
    const md = out.workflowMetadata as Dict;
    expect(md.labels).toEqual({ team: 'b' });
    expect(Object.keys(md.labelsFrom as Dict).sort()).toEqual(['from-template', 'from-wf']);
    expect(joinWorkflowSpec({ suspend: true }, { suspend: false }).suspend).toBe(true);
  });

  it('workflowDefaults are the lowest level', () => {
    const defaults = y<Dict>(`
activeDeadlineSeconds: 300
parallelism: 10
ttlStrategy: {secondsAfterCompletion: 60}
arguments: {parameters: [{name: message, value: from-defaults}, {name: d, value: dv}]}
`);
    const out = joinWorkflowSpec({ parallelism: 2 }, template, defaults);
    expect(out.parallelism).toBe(2);
    expect(out.activeDeadlineSeconds).toBe(300);
    expect(out.ttlStrategy).toEqual({ secondsAfterCompletion: 60 });
    expect((out.arguments as Dict).parameters).toContainEqual({ name: 'message', value: 'from-template' });
    expect((out.arguments as Dict).parameters).toContainEqual({ name: 'd', value: 'dv' });
  });

  it('argument artifacts: the same backend merges location fields, another backend replaces', () => {
    const t = y<Dict>(`
arguments:
  artifacts:
  - {name: a, s3: {bucket: b1, key: k1, endpoint: minio:9000}}
  - {name: g, git: {repo: https://x/r.git}}
`);
    const wf = y<Dict>(`
arguments:
  artifacts:
  - {name: a, s3: {key: k2}}
  - {name: g, http: {url: https://x/file}}
`);
    const arts = (joinWorkflowSpec(wf, t).arguments as Dict).artifacts as Dict[];
    expect(arts[0]).toEqual({ name: 'a', s3: { bucket: 'b1', key: 'k2', endpoint: 'minio:9000' } });
    expect(arts[1]).toEqual({ name: 'g', http: { url: 'https://x/file' } });
  });
});
