import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { adopt, sameNode } from '../../../../simulator/workflows/executors/podStatus.js';
import { lendWorkflowObjects, returnViews, workflowObjects } from '../../../../simulator/workflows/executors/podIndex.js';
import type { NodeStatus } from '../../../../simulator/workflows/nodes/types.js';

const frozen = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
};

describe('pod nodes assessed on a draft', () => {
  const raw = frozen<NodeStatus>({ id: 'w-1', name: 'w.a', displayName: 'a', type: 'Pod', phase: 'Running', message: 'x', outputs: { exitCode: '0', parameters: [{ name: 'p', value: '1' }] }, children: ['w-2'] });

  it('an unchanged draft (outputs rebuilt equal) is the same node', () => {
    expect(sameNode({ ...raw, outputs: { exitCode: '0', parameters: [{ name: 'p', value: '1' }] } }, raw)).toBe(true);
    expect(sameNode({ ...raw, phase: 'Succeeded' }, raw)).toBe(false);
    expect(sameNode({ ...raw, podIP: undefined }, raw)).toBe(false);
  });

  it('a changed draft is adopted by a mutable copy with the same fields in the same order', () => {
    const draft: NodeStatus = { ...raw, phase: 'Succeeded', finishedAt: 'T', outputs: { ...raw.outputs, exitCode: '1' } };
    delete draft.message;
    const node = structuredClone(raw) as NodeStatus;
    adopt(node, draft, raw);
    expect(JSON.stringify(node)).toBe(JSON.stringify(draft));
    expect(Object.isFrozen(node.outputs?.parameters)).toBe(false);
    node.children?.push('w-3');
    // A field deleted and set again moves to the end, as on the draft.
    const moved: NodeStatus = { ...raw };
    delete moved.message;
    moved.message = 'y';
    const n2 = structuredClone(raw) as NodeStatus;
    adopt(n2, moved, raw);
    expect(Object.keys(n2)).toEqual(Object.keys(moved));
  });
});

describe('pod index', () => {
  it('follows pods through updates, relabelling and deletion', () => {
    const sb = createSandbox({ seed: 1 });
    const pod = (name: string, wf: string, id: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { 'workflows.argoproj.io/workflow': wf }, annotations: { 'workflows.argoproj.io/node-id': id } },
      spec: { containers: [{ name: 'main', image: 'alpine' }] },
    });
    sb.store.create(pod('p1', 'w1', 'n1'));
    expect(workflowObjects(sb.store, 'default', 'w1').pods.get('n1')?.metadata.name).toBe('p1');
    sb.store.patch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p1' }, 'merge', { metadata: { labels: { extra: 'x' } } });
    expect(workflowObjects(sb.store, 'default', 'w1').pods.get('n1')?.metadata.labels?.extra).toBe('x');
    sb.store.patch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p1' }, 'merge', { metadata: { labels: { 'workflows.argoproj.io/workflow': 'w2' } } });
    expect(workflowObjects(sb.store, 'default', 'w1').pods.has('n1')).toBe(false);
    expect(workflowObjects(sb.store, 'default', 'w2').pods.get('n1')?.metadata.name).toBe('p1');
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p1' });
    expect(workflowObjects(sb.store, 'default', 'w2').pods.has('n1')).toBe(false);
  });

  it('follows task results by name through updates and relabelling', () => {
    const sb = createSandbox({ seed: 1 });
    const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTaskResult', namespace: 'default', name: 'n1' };
    sb.store.create({ apiVersion: key.apiVersion, kind: key.kind, metadata: { name: 'n1', namespace: 'default', labels: { 'workflows.argoproj.io/workflow': 'w1' } } });
    expect(workflowObjects(sb.store, 'default', 'w1').taskResults.has('n1')).toBe(true);
    sb.store.patch(key, 'merge', { outputs: { result: 'x' } });
    expect((workflowObjects(sb.store, 'default', 'w1').taskResults.get('n1') as { outputs?: unknown }).outputs).toEqual({ result: 'x' });
    sb.store.patch(key, 'merge', { metadata: { labels: { 'workflows.argoproj.io/workflow': 'w2' } } });
    expect(workflowObjects(sb.store, 'default', 'w1').taskResults.has('n1')).toBe(false);
    expect(workflowObjects(sb.store, 'default', 'w2').taskResults.has('n1')).toBe(true);
  });

  it('keeps a lent view as it was through later writes, and catches up when the views come back', () => {
    const sb = createSandbox({ seed: 1 });
    const pod = (name: string, id: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { 'workflows.argoproj.io/workflow': 'w1' }, annotations: { 'workflows.argoproj.io/node-id': id } },
      spec: { containers: [{ name: 'main', image: 'alpine' }] },
    });
    sb.store.create(pod('p1', 'n1'));
    const view = lendWorkflowObjects(sb.store, 'default', 'w1');
    sb.store.create(pod('p2', 'n2'));
    sb.store.patch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p1' }, 'merge', { metadata: { labels: { extra: 'x' } } });
    // The writes wait while the view is lent…
    expect(view.pods.has('n2')).toBe(false);
    expect(view.pods.get('n1')?.metadata.labels?.extra).toBeUndefined();
    returnViews(sb.store);
    // …and are applied to the maps once it is back.
    expect(view.pods.get('n2')?.metadata.name).toBe('p2');
    expect(view.pods.get('n1')?.metadata.labels?.extra).toBe('x');
    // A read while lent sees every write; the lent view still does not.
    const again = lendWorkflowObjects(sb.store, 'default', 'w1');
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p2' });
    expect(workflowObjects(sb.store, 'default', 'w1').pods.has('n2')).toBe(false);
    expect(again.pods.has('n2')).toBe(true);
    returnViews(sb.store);
    expect(workflowObjects(sb.store, 'default', 'w1').pods.has('n2')).toBe(false);
  });
});
