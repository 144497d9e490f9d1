import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { Sandbox } from '../../../../simulator/sandbox.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { installCrd } from '../../../../simulator/cluster/crd/index.js';
import { workflowCrds } from '../../../../simulator/workflows/crds/index.js';
import { podGCController, workflowTTLController, podCleanupAction } from '../../../../simulator/workflows/gc/index.js';

const START = Date.UTC(2025, 0, 1);
const iso = (s: number) => new Date(START + s * 1000).toISOString().replace('.000Z', 'Z');
const WF = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default' };

/**
 * Workflow `w` with pod nodes a (Succeeded at 10s, label keep=no), b (Failed at 20s), c (Running); the workflow
 * itself is `phase`, finished at 30s when complete. Only the GC controllers run.
 */
function world(spec: string, phase: string, configmap?: Record<string, string>) {
  const sb = new Sandbox({ seed: 1, startTime: START });
  for (const crd of workflowCrds()) installCrd(sb.store, crd);
  for (const ns of ['default', 'argo']) sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  if (configmap) sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'workflow-controller-configmap', namespace: 'argo' }, data: configmap });
  sb.addController(podGCController);
  sb.addController(workflowTTLController);
  const done = ['Succeeded', 'Failed', 'Error'].includes(phase);
  const nodes: Record<string, object> = {
    'w-a': { id: 'w-a', name: 'w.a', displayName: 'a', type: 'Pod', phase: 'Succeeded', finishedAt: iso(10) },
    'w-b': { id: 'w-b', name: 'w.b', displayName: 'b', type: 'Pod', phase: 'Failed', finishedAt: iso(20) },
    'w-c': { id: 'w-c', name: 'w.c', displayName: 'c', type: 'Pod', phase: done ? 'Failed' : 'Running', ...(done ? { finishedAt: iso(30) } : {}) },
  };
  sb.advance(40_000);
  sb.store.create({
    ...WF,
    metadata: { name: 'w', namespace: 'default' },
    spec: load(spec) as KubeObject['spec'],
    status: { phase, startedAt: iso(0), ...(done ? { finishedAt: iso(30) } : {}), nodes },
  } as KubeObject);
  const podPhase: Record<string, string> = { a: 'Succeeded', b: 'Failed', c: done ? 'Failed' : 'Running' };
  for (const n of ['a', 'b', 'c']) {
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `w-${n}`, namespace: 'default', labels: { 'workflows.argoproj.io/workflow': 'w', keep: n === 'a' ? 'no' : 'yes' }, annotations: { 'workflows.argoproj.io/node-id': `w-${n}` } },
      spec: { containers: [{ name: 'main', image: 'alpine' }] },
      status: { phase: podPhase[n] },
    });
  }
  const pods = () => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).map((p) => p.metadata.name);
  const gone = () => !sb.store.get({ ...WF, name: 'w' });
  return { sb, pods, gone };
}

describe('podGC', () => {
  it('decides like determinePodCleanupAction', () => {
    expect(podCleanupAction('OnPodSuccess', true, 'Running', 'Failed')).toBe('none');
    expect(podCleanupAction('OnPodSuccess', true, 'Running', 'Succeeded')).toBe('delete');
    expect(podCleanupAction('OnWorkflowSuccess', true, 'Failed', 'Succeeded')).toBe('none');
    expect(podCleanupAction('OnWorkflowCompletion', true, 'Error', 'Running')).toBe('delete');
    expect(podCleanupAction('OnPodCompletion', false, 'Running', 'Succeeded')).toBe('none');
  });

  it('OnPodCompletion deletes finished pods only (explicit zero delay)', () => {
    const w = world(`{podGC: {strategy: OnPodCompletion, deleteDelayDuration: 0s}}`, 'Running');
    w.sb.runUntilSettled();
    expect(w.pods()).toEqual(['w-c']);
  });

  it('OnPodSuccess keeps failed pods; labelSelector limits what is collected', () => {
    const a = world(`{podGC: {strategy: OnPodSuccess, deleteDelayDuration: 0s}}`, 'Running');
    a.sb.runUntilSettled();
    expect(a.pods()).toEqual(['w-b', 'w-c']);
    const b = world(`{podGC: {strategy: OnPodCompletion, deleteDelayDuration: 0s, labelSelector: {matchLabels: {keep: "yes"}}}}`, 'Running');
    b.sb.runUntilSettled();
    expect(b.pods()).toEqual(['w-a', 'w-c']);
  });

  it('OnWorkflowCompletion waits for the workflow, then deleteDelayDuration after it finished', () => {
    const w = world(`{podGC: {strategy: OnWorkflowCompletion, deleteDelayDuration: 30s}}`, 'Failed');
    w.sb.advance(19_000); // t = 59s: 30s finish + 30s delay not reached
    expect(w.pods()).toEqual(['w-a', 'w-b', 'w-c']);
    w.sb.advance(1_000);
    expect(w.pods()).toEqual([]);
    const s = world(`{podGC: {strategy: OnWorkflowSuccess}}`, 'Failed');
    s.sb.runUntilSettled();
    expect(s.pods()).toHaveLength(3);
  });

  it('the default delay is 5s, or podGCDeleteDelayDuration from workflow-controller-configmap; workflowDefaults apply', () => {
    const w = world(`{podGC: {strategy: OnPodCompletion}}`, 'Running');
    w.sb.step();
    w.sb.runUntilSettled();
    expect(w.sb.log.all().filter((e) => e.reason === 'PodGC').map((e) => [e.involvedObject.name, e.t - START])).toEqual([
      ['w-a', 40_000], // finished at 10s; 5s delay long passed at creation (40s)
      ['w-b', 40_000],
    ]);
    const c = world(`{}`, 'Failed', { podGCDeleteDelayDuration: '2m', workflowDefaults: 'spec: {podGC: {strategy: OnWorkflowCompletion}}' });
    c.sb.advance(100_000); // t = 140s < 30s + 120s
    expect(c.pods()).toHaveLength(3);
    c.sb.advance(10_000);
    expect(c.pods()).toEqual([]);
  });
});

describe('ttlStrategy', () => {
  it('secondsAfterFailure applies to Failed workflows (plus one second of slack); it waits in the background', () => {
    const w = world(`{ttlStrategy: {secondsAfterFailure: 60, secondsAfterSuccess: 5}}`, 'Failed');
    expect(w.sb.runUntilSettled().settled).toBe(true);
    expect(w.gone()).toBe(false);
    w.sb.advance(50_000); // t = 90s = 30 + 60
    expect(w.gone()).toBe(false);
    w.sb.advance(1_000);
    expect(w.gone()).toBe(true);
    expect(w.sb.log.all().find((e) => e.reason === 'WorkflowTTLExpired')?.message).toBe('Deleting garbage collected workflow default/w');
  });

  it('secondsAfterCompletion covers any finished phase; running workflows are never collected', () => {
    const e = world(`{ttlStrategy: {secondsAfterCompletion: 0}}`, 'Error');
    e.sb.advance(1);
    expect(e.gone()).toBe(true);
    const r = world(`{ttlStrategy: {secondsAfterCompletion: 0}}`, 'Running');
    r.sb.advance(3_600_000);
    expect(r.gone()).toBe(false);
  });
});
