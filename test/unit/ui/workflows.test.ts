/** The workflows feature: list, node graph, node details, actions and CronWorkflows, against the real operator. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import type { CronRow, NodeDetails, WorkflowGraph, WorkflowRow, WorkflowSummary } from '../../../src/worker/features/workflows.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const DAG = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: diamond, namespace: default}
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - {name: a, template: say, arguments: {parameters: [{name: msg, value: hello-a}]}}
          - {name: b, template: say, depends: a, arguments: {parameters: [{name: msg, value: hello-b}]}}
          - {name: c, template: say, depends: a, when: "1 == 2", arguments: {parameters: [{name: msg, value: hello-c}]}}
    - name: say
      inputs: {parameters: [{name: msg}]}
      container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.msg}}"]}
`;

const SUSPEND = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: approval, namespace: default}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - {name: approve, template: wait}
        - - {name: done, template: ok}
    - {name: wait, suspend: {}}
    - name: ok
      container: {image: argoproj/argosay:v2, args: [echo, approved]}
`;

const FAILING = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: broken, namespace: default}
spec:
  entrypoint: fail
  templates:
    - name: fail
      container: {image: argoproj/argosay:v2, args: [exit, "1"]}
`;

const CRON = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: tick, namespace: default}
spec:
  schedules: ["*/5 * * * *"]
  timezone: Europe/Paris
  concurrencyPolicy: Forbid
  workflowSpec:
    entrypoint: ok
    templates:
      - name: ok
        container: {image: argoproj/argosay:v2, args: [echo, tick]}
`;

const q = <T>(method: string, ...args: unknown[]): T => host!.call('workflows', method, args) as T;

describe('workflows feature', () => {
  it('lists a DAG workflow, draws its graph with a structure key that ignores phase changes, and explains a node', async () => {
    host = new EngineHost();
    host.load(DAG, { file: 'wf.yaml' });
    await host.advance(3_000);
    const early = q<WorkflowGraph>('graph', 'default', 'diamond');
    const running = early.nodes.find((n) => n.displayName === 'a')!;
    expect(running.phase).not.toBe('Succeeded');
    await host.advance(120_000);
    const [row] = q<WorkflowRow[]>('list');
    expect(row).toMatchObject({ name: 'diamond', phase: 'Succeeded', template: 'main' });
    expect(row!.finishedAt! - row!.startedAt!).toBeGreaterThan(0);

    const graph = q<WorkflowGraph>('graph', 'default', 'diamond');
    const byName = Object.fromEntries(graph.nodes.map((n) => [n.displayName, n]));
    expect(Object.keys(byName).sort()).toEqual(['a', 'b', 'c', 'diamond']);
    expect(byName.c).toMatchObject({ type: 'Skipped', phase: 'Skipped' });
    expect(byName.c!.message).toContain('evaluated false');
    expect(graph.edges).toContainEqual([byName.diamond!.id, byName.a!.id]);
    expect(graph.edges).toContainEqual([byName.a!.id, byName.b!.id]);
    expect(graph.key).not.toBe(early.key);
    // Same structure, read again: the same key (the view keeps its layout).
    expect(q<WorkflowGraph>('graph', 'default', 'diamond').key).toBe(graph.key);

    const a = q<NodeDetails>('node', 'default', 'diamond', byName.a!.id);
    expect(a.inputs?.parameters).toEqual([{ name: 'msg', value: 'hello-a' }]);
    expect(a.pod?.containers).toEqual(['init', 'wait', 'main']);
    expect(a.events.map((e) => e.reason)).toContain('WorkflowNodeSucceeded');
    expect(a.explain).toMatch(/init container/);
    expect(a.children.map((c) => c.displayName)).toEqual(expect.arrayContaining(['b']));
    const summary = q<WorkflowSummary>('get', 'default', 'diamond');
    const states = Object.fromEntries(summary.actions.map((s) => [s.action, s.enabled]));
    expect(states).toEqual({ resume: false, suspend: false, stop: false, terminate: false, retry: false, resubmit: true });
  });

  it('resumes a suspended workflow through a journaled action', async () => {
    host = new EngineHost();
    host.load(SUSPEND, { file: 'wf.yaml' });
    await host.advance(30_000);
    const before = q<WorkflowSummary>('get', 'default', 'approval');
    expect(before).toMatchObject({ phase: 'Running', suspended: true });
    expect(before.actions.find((s) => s.action === 'resume')?.enabled).toBe(true);
    expect(before.actions.find((s) => s.action === 'suspend')).toMatchObject({ enabled: false, reason: 'already suspended' });
    const suspendNode = q<WorkflowGraph>('graph', 'default', 'approval').nodes.find((n) => n.type === 'Suspend')!;
    expect(q<NodeDetails>('node', 'default', 'approval', suspendNode.id).canResume).toBe(true);
    const rootBefore = q<NodeDetails>('node', 'default', 'approval', 'approval').events.map((e) => e.reason);
    expect(rootBefore).toContain('WorkflowNodeRunning');
    expect(rootBefore).not.toContain('WorkflowNodeSucceeded');
    host.call('workflows', 'resume', ['default', 'approval']);
    expect(host.journal()).toMatchObject([{ feature: 'workflows', method: 'resume', args: ['default', 'approval'] }]);
    await host.advance(60_000);
    expect(q<WorkflowSummary>('get', 'default', 'approval')).toMatchObject({ phase: 'Succeeded', suspended: false });
    // Events appended since the last read show up (the log is scanned incrementally), once each.
    const rootAfter = q<NodeDetails>('node', 'default', 'approval', 'approval').events.map((e) => e.reason);
    expect(rootAfter.slice(0, rootBefore.length)).toEqual(rootBefore);
    expect(rootAfter.filter((r) => r === 'WorkflowNodeSucceeded')).toHaveLength(1);
  });

  it('retries a failed workflow and resubmits it under a new name', async () => {
    host = new EngineHost();
    host.load(FAILING, { file: 'wf.yaml' });
    await host.advance(60_000);
    const failed = q<WorkflowSummary>('get', 'default', 'broken');
    expect(failed.phase).toBe('Failed');
    expect(failed.actions.find((s) => s.action === 'retry')?.enabled).toBe(true);
    expect(failed.actions.find((s) => s.action === 'stop')?.reason).toContain('Failed, not Running');
    const name = host.call('workflows', 'resubmit', ['default', 'broken']) as string;
    expect(name).toMatch(/^broken-[a-z0-9]{5}$/);
    host.call('workflows', 'retry', ['default', 'broken']);
    expect(q<WorkflowSummary>('get', 'default', 'broken').phase).toBe('Pending');
    await host.advance(60_000);
    expect(q<WorkflowRow[]>('list').map((r) => r.name).sort()).toEqual(['broken', name].sort());
    expect(() => host!.call('workflows', 'terminate', ['default', 'broken'])).toThrow('cannot shutdown a completed workflow');
  });

  it('shows a CronWorkflow: next runs on the virtual clock, its workflows, and the suspend toggle', async () => {
    host = new EngineHost();
    host.load(CRON, { file: 'cron.yaml' });
    const [cron] = q<CronRow[]>('crons');
    expect(cron).toMatchObject({ name: 'tick', timezone: 'Europe/Paris', concurrencyPolicy: 'Forbid', suspend: false, scheduleString: 'CRON_TZ=Europe/Paris */5 * * * *' });
    expect(cron!.nextRuns).toHaveLength(5);
    expect(cron!.nextRuns[0]! > host.world.now()).toBe(true);
    for (let i = 1; i < 5; i++) expect(cron!.nextRuns[i]! - cron!.nextRuns[i - 1]!).toBe(300_000);
    await host.advance(cron!.nextRuns[0]! - host.world.now() + 60_000);
    const after = q<CronRow[]>('crons')[0]!;
    expect(after.runs).toHaveLength(1);
    expect(after.lastScheduledTime).toBe(cron!.nextRuns[0]);
    expect(q<WorkflowRow[]>('list')[0]?.cron).toBe('tick');
    host.call('workflows', 'setCronSuspend', ['default', 'tick', true]);
    expect(q<CronRow[]>('crons')[0]!.suspend).toBe(true);
  });
});
