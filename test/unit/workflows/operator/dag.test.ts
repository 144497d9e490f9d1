import { describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers.js';

// Suspend leaves with durations keep these tests about the DAG logic, not container runtimes.
const leaves = `
  - name: ok
    inputs: {parameters: [{name: msg, value: ""}]}
    suspend: {duration: "1"}
  - name: bad
    inputs: {parameters: [{name: list, value: "not-a-list"}]}
    steps:
    - - name: each
        template: ok
        withParam: "{{inputs.parameters.list}}"
`;

describe('DAG workflows', () => {
  it('runs tasks by dependencies, names nodes wf.task and links children through outbound nodes', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: diamond}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: A, template: ok}
      - {name: B, template: ok, depends: A.Succeeded}
      - {name: C, template: ok, depends: A}
      - {name: D, template: ok, depends: "B && C", arguments: {parameters: [{name: msg, value: "{{tasks.B.status}}"}]}}
${leaves}`);
    expect(status.phase).toBe('Succeeded');
    const root = byName('diamond');
    const a = byName('diamond.A');
    expect(root).toMatchObject({ type: 'DAG', children: [a.id] });
    expect(a).toMatchObject({ displayName: 'A', boundaryID: 'diamond' });
    expect([...(a.children ?? [])].sort()).toEqual([byName('diamond.B').id, byName('diamond.C').id].sort());
    expect(byName('diamond.B').children).toEqual([byName('diamond.D').id]);
    expect(byName('diamond.D').inputs?.parameters?.[0]?.value).toBe('Succeeded');
    expect(root.outboundNodes).toEqual([byName('diamond.D').id]);
    // D starts after both B and C finished.
    expect(Date.parse(byName('diamond.D').startedAt!)).toBeGreaterThanOrEqual(Date.parse(byName('diamond.C').finishedAt!));
  });

  it('omits tasks whose depends is not met and runs failure handlers', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: handler}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      failFast: false
      tasks:
      - {name: A, template: bad}
      - {name: on-ok, template: ok, depends: A.Succeeded}
      - {name: on-fail, template: ok, depends: "A.Failed || A.Errored"}
${leaves}`);
    expect(byName('handler.on-ok')).toMatchObject({ type: 'Skipped', phase: 'Omitted', message: 'omitted: depends condition not met' });
    expect(byName('handler.on-fail').phase).toBe('Succeeded');
    expect(byName('handler.A[0]').phase).toBe('Error');
    expect(byName('handler.A[0]').message).toMatch(/^withParam value could not be parsed as a JSON list: not-a-list: /);
    expect(byName('handler.A')).toMatchObject({ phase: 'Failed' });
    // Upstream assessDAGPhase carries A's phase down the branch to the targets.
    expect(status.phase).toBe('Failed');
  });

  it('fans out withItems / withSequence into a TaskGroup with task(i:item) children and aggregates', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: fan}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - name: each
        template: ok
        arguments: {parameters: [{name: msg, value: "{{item.os}}-{{item.v}}"}]}
        withItems: [{os: debian, v: 9}, {os: alpine, v: 3}]
      - name: seq
        template: ok
        arguments: {parameters: [{name: msg, value: "{{item}}"}]}
        withSequence: {count: "3", start: "5", format: "n%02d"}
      - {name: after, template: ok, depends: each && seq}
${leaves}`);
    expect(status.phase).toBe('Succeeded');
    const group = byName('fan.each');
    expect(group.type).toBe('TaskGroup');
    const c0 = byName('fan.each(0:os:debian,v:9)');
    expect(c0.inputs?.parameters?.[0]?.value).toBe('debian-9');
    expect(c0.displayName).toBe('each(0:os:debian,v:9)');
    expect(group.children).toContain(c0.id);
    expect(byName('fan.seq(2:n07)').inputs?.parameters?.[0]?.value).toBe('n07');
    expect(byName('fan.after').phase).toBe('Succeeded');
  });

  it('skips a task whose when is false and reports it', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: cond}
spec:
  entrypoint: main
  arguments: {parameters: [{name: flag, value: "no"}]}
  templates:
  - name: main
    dag:
      tasks:
      - {name: maybe, template: ok, when: "'{{workflow.parameters.flag}}' == 'yes'"}
      - {name: next, template: ok, dependencies: [maybe]}
${leaves}`);
    expect(byName('cond.maybe')).toMatchObject({ type: 'Skipped', phase: 'Skipped', message: "when ''no' == 'yes'' evaluated false" });
    expect(byName('cond.next').phase).toBe('Succeeded');
    expect(status.phase).toBe('Succeeded');
  });
});

describe('parallelism', () => {
  it('runs at most `parallelism` children of a template at a time', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: par}
spec:
  entrypoint: main
  templates:
  - name: main
    parallelism: 2
    dag:
      tasks:
      - {name: a, template: wait}
      - {name: b, template: wait}
      - {name: c, template: wait}
      - {name: d, template: wait}
  - name: wait
    suspend: {duration: "10"}
`);
    expect(status.phase).toBe('Succeeded');
    const starts = ['a', 'b', 'c', 'd'].map((t) => Date.parse(byName(`par.${t}`).startedAt!)).sort((x, y) => x - y);
    // Two start at once; the other two only after those finished 10 s later.
    expect(starts[1]! - starts[0]!).toBe(0);
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(10_000);
  });
});
