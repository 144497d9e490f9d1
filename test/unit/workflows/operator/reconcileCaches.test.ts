import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSandbox } from '../../../../simulator/index.js';
import type { NodeStatus } from '../../../../simulator/workflows/nodes/types.js';
import { readsStepVars } from '../../../../simulator/workflows/controller/stepsScope.js';
import { runWorkflow } from './helpers.js';

// A chain of steps where every group reads the previous group's result: the operator keeps finished
// groups' variables between reconciles, so these runs check that kept state never leaks between
// sandboxes (same seed → same workflow uid and node ids) and survives snapshot/restore.
const chain = (word: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: chain, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: say, arguments: {parameters: [{name: v, value: ${word}}]}}
    - - {name: b, template: say, arguments: {parameters: [{name: v, value: "{{steps.a.outputs.result}}-b"}]}}
    - - {name: c, template: say, arguments: {parameters: [{name: v, value: "{{steps.b.outputs.result}}-c"}]}}
    - - {name: d, template: say, arguments: {parameters: [{name: v, value: "{{steps.a.outputs.result}}+{{steps.c.outputs.result}}"}]}}
  - name: say
    inputs: {parameters: [{name: v}]}
    script: {image: alpine:3.20, command: [sh], source: "echo {{inputs.parameters.v}}"}
`;

const KEY = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'chain' };

function input(status: unknown, name: string): unknown {
  const nodes = Object.values((status as { nodes?: Record<string, NodeStatus> } | undefined)?.nodes ?? {});
  return nodes.find((n) => n.name === name)?.inputs?.parameters?.[0]?.value;
}

async function run(word: string, seed = 3): Promise<unknown> {
  const sb = createSandbox({ seed });
  sb.store.create(parse(chain(word)));
  await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
  return sb.store.get(KEY)!.status;
}

describe('operator state kept between reconciles', () => {
  it('two sandboxes with the same seed but different inputs each see their own step results', async () => {
    const one = await run('one');
    const two = await run('two');
    expect((one as { phase?: string }).phase).toBe('Succeeded');
    expect(input(one, 'chain[3].d')).toBe('one+one-b-c');
    expect(input(two, 'chain[2].c')).toBe('two-b-c');
    expect(input(two, 'chain[3].d')).toBe('two+two-b-c');
  });

  it('a run restored from a mid-run snapshot ends like one run straight through', async () => {
    const expected = await run('snap', 5);
    const first = createSandbox({ seed: 5 });
    first.store.create(parse(chain('snap')));
    await first.advanceAsync(8_000);
    expect((first.store.get(KEY)!.status as { phase?: string }).phase).toBe('Running');
    const second = createSandbox({ seed: 5 });
    second.restore(JSON.parse(JSON.stringify(first.snapshot())));
    await second.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    expect(second.store.get(KEY)!.status).toEqual(expected);
  });

  it("a user's edit of a finished step's outputs reaches the later steps", async () => {
    const sb = createSandbox({ seed: 9 });
    sb.store.create(parse(chain('orig')));
    // Run until b's pod runs: a's result is in the kept variables by then (a later reconcile than b's start).
    const phase = (name: string): unknown => Object.values((sb.store.get(KEY)!.status as { nodes?: Record<string, NodeStatus> } | undefined)?.nodes ?? {}).find((n) => n.name === name)?.phase;
    for (let i = 0; i < 400 && phase('chain[1].b') !== 'Running'; i++) await sb.advanceAsync(250);
    expect(phase('chain[1].b')).toBe('Running');
    const wf = sb.store.get(KEY)!;
    const status = JSON.parse(JSON.stringify(wf.status)) as { nodes: Record<string, NodeStatus> };
    const a = Object.values(status.nodes).find((n) => n.name === 'chain[0].a')!;
    a.outputs = { ...(a.outputs ?? {}), result: 'edited' };
    sb.store.update({ ...JSON.parse(JSON.stringify(wf)), status });
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const final = sb.store.get(KEY)!.status;
    expect(input(final, 'chain[1].b')).toBe('orig-b');
    expect(input(final, 'chain[3].d')).toBe('edited+orig-b-c');
  });
});

describe('steps variables are built only for templates that can read them', () => {
  it('readsStepVars looks at string values only (a `steps:` key is not a reference)', () => {
    expect(readsStepVars({ name: 'main', steps: [[{ name: 'a', template: 'say' }]] })).toBe(false);
    expect(readsStepVars({ name: 'main', steps: [[{ name: 'a', template: 'say', when: '{{steps.x.status}} == Succeeded' }]] })).toBe(true);
    expect(readsStepVars({ name: 'main', outputs: { parameters: [{ name: 'p', valueFrom: { expression: '$env["x"]' } }] } })).toBe(true);
  });

  it('a long chain without step references and one that reads the previous step both run to the end', async () => {
    const plain = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: chain, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: say, arguments: {parameters: [{name: v, value: one}]}}
    - - {name: b, template: say, arguments: {parameters: [{name: v, value: two}]}}
    - - {name: c, template: say, arguments: {parameters: [{name: v, value: three}]}}
  - name: say
    inputs: {parameters: [{name: v}]}
    script: {image: alpine:3.20, command: [sh], source: "echo {{inputs.parameters.v}}"}
`;
    const sb = createSandbox({ seed: 4 });
    sb.store.create(parse(plain));
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const st = sb.store.get(KEY)!.status as { phase?: string; progress?: string };
    expect(st.phase).toBe('Succeeded');
    expect(st.progress).toBe('3/3');
    // Same uid and node ids (same seed) in a second sandbox whose template does read step results.
    expect(input(await run('x', 4), 'chain[3].d')).toBe('x+x-b-c');
  });
});

describe('walks skipped by the stored tally (liveCount)', () => {
  it('Container nodes that appear after several reconciles (the tally said none) still follow their containers', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: later-cs}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: say}
    - - {name: b, template: say}
    - - {name: c, template: cs}
  - name: say
    container: {image: argoproj/argosay:v2, args: [echo, hi]}
  - name: cs
    containerSet:
      containers:
      - {name: x, image: argoproj/argosay:v2, args: [sleep, 5s]}
      - {name: main, image: alpine:3.20, command: [echo, done], dependencies: [x]}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('later-cs[2].c.x')).toMatchObject({ type: 'Container', phase: 'Succeeded' });
    expect(byName('later-cs[2].c.main')).toMatchObject({ type: 'Container', phase: 'Succeeded' });
  });
});

describe('kept globals', () => {
  it('a label changed while the workflow runs reaches {{workflow.labels.*}} of later steps', async () => {
    const sb = createSandbox({ seed: 11 });
    sb.store.create(
      parse(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: chain, namespace: default, labels: {color: red}}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: say, arguments: {parameters: [{name: v, value: "{{workflow.labels.color}}"}]}}
    - - {name: b, template: say, arguments: {parameters: [{name: v, value: "{{workflow.labels.color}}"}]}}
  - name: say
    inputs: {parameters: [{name: v}]}
    script: {image: alpine:3.20, command: [sh], source: "sleep 5; echo {{inputs.parameters.v}}"}
`),
    );
    const phase = (name: string): unknown => Object.values((sb.store.get(KEY)!.status as { nodes?: Record<string, NodeStatus> } | undefined)?.nodes ?? {}).find((n) => n.name === name)?.phase;
    for (let i = 0; i < 400 && phase('chain[0].a') !== 'Running'; i++) await sb.advanceAsync(250);
    expect(phase('chain[0].a')).toBe('Running');
    const wf = sb.store.get(KEY)!;
    sb.store.update({ ...JSON.parse(JSON.stringify(wf)), metadata: { ...JSON.parse(JSON.stringify(wf.metadata)), labels: { ...wf.metadata.labels, color: 'blue' } } });
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const final = sb.store.get(KEY)!.status;
    expect(input(final, 'chain[0].a')).toBe('red');
    expect(input(final, 'chain[1].b')).toBe('blue');
  });
});

describe('pod walks over the stored candidates (walks.ts)', () => {
  it('a pod deleted by hand many reconciles after its node started still errors the node, restored or not', async () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: chain, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: slow, template: slow}
      - {name: a, template: quick}
      - {name: b, template: quick, depends: a}
      - {name: c, template: quick, depends: b}
  - name: slow
    container: {image: argoproj/argosay:v2, args: [sleep, 300s]}
  - name: quick
    container: {image: argoproj/argosay:v2, args: [echo, hi]}
`;
    const node = (sb: ReturnType<typeof createSandbox>, name: string): NodeStatus | undefined =>
      Object.values((sb.store.get(KEY)!.status as { nodes?: Record<string, NodeStatus> } | undefined)?.nodes ?? {}).find((n) => n.name === name);
    for (const restore of [false, true]) {
      let sb = createSandbox({ seed: 13 });
      sb.store.create(parse(yaml));
      for (let i = 0; i < 400 && node(sb, 'chain.c')?.phase !== 'Succeeded'; i++) await sb.advanceAsync(250);
      expect(node(sb, 'chain.c')?.phase).toBe('Succeeded');
      expect(node(sb, 'chain.slow')?.phase).toBe('Running');
      if (restore) {
        const next = createSandbox({ seed: 13 });
        next.restore(JSON.parse(JSON.stringify(sb.snapshot())));
        sb = next;
      }
      const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-id'] === node(sb, 'chain.slow')?.id)!;
      sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: pod.metadata.name }, { gracePeriodSeconds: 0 });
      await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
      expect(node(sb, 'chain.slow')).toMatchObject({ phase: 'Error', message: 'pod deleted' });
      expect((sb.store.get(KEY)!.status as { phase?: string }).phase).toBe('Error');
    }
  });
});
