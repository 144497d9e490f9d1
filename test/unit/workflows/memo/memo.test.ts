import { describe, expect, it } from 'vitest';
import { parse } from '../../../support/yaml.js';
import { createSandbox } from '../../../../simulator/index.js';
import type { Sandbox } from '../../../../simulator/index.js';
import type { MemoNode } from '../../../../simulator/workflows/memo/index.js';
import type { WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';

const wf = (name: string, maxAge = '10m') => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    memoize:
      key: "greet-{{workflow.parameters.who}}"
      maxAge: ${maxAge}
      cache: {configMap: {name: my-cache}}
    container: {image: alpine:3.20, command: [echo, hello]}
    outputs: {parameters: [{name: out, valueFrom: {path: /tmp/none, default: fallback}}]}
  arguments: {parameters: [{name: who, value: world}]}
`;

async function run(sb: Sandbox, yaml: string): Promise<{ status: WorkflowStatus; node: MemoNode }> {
  const obj = parse(yaml);
  sb.store.create(obj);
  await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
  const status = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: obj.metadata.name })?.status as WorkflowStatus;
  return { status, node: Object.values(status.nodes ?? {})[0] as MemoNode };
}

const pods = (sb: Sandbox) => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).length;

describe('memoization', () => {
  it('a miss runs the pod and saves outputs in the Cache ConfigMap; the next run hits without a pod', async () => {
    const sb = createSandbox({ seed: 9 });
    const first = await run(sb, wf('first'));
    expect(first.status.phase).toBe('Succeeded');
    expect(first.node.memoizationStatus).toEqual({ hit: false, key: 'greet-world', cacheName: 'my-cache' });
    expect(pods(sb)).toBe(1);
    const cm = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'my-cache' });
    expect(cm?.metadata.labels).toEqual({ 'workflows.argoproj.io/configmap-type': 'Cache' });
    const entry = JSON.parse(String((cm?.data as Record<string, string>)['greet-world']));
    expect(entry.nodeID).toBe('first');
    expect(entry.outputs.result ?? entry.outputs.parameters[0].value).toBeDefined();
    expect(entry.creationTimestamp).toBe(entry.lastHitTimestamp);

    sb.advance(1_000);
    const second = await run(sb, wf('second'));
    expect(second.status.phase).toBe('Succeeded');
    expect(second.node.memoizationStatus).toEqual({ hit: true, key: 'greet-world', cacheName: 'my-cache' });
    expect(second.node.outputs).toEqual(entry.outputs);
    expect(pods(sb)).toBe(1);
    const after = JSON.parse(String((sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'my-cache' })?.data as Record<string, string>)['greet-world']));
    expect(after.nodeID).toBe('first');
    expect(Date.parse(after.lastHitTimestamp)).toBeGreaterThan(Date.parse(after.creationTimestamp));
  });

  it('an entry older than maxAge is a miss; a ConfigMap without the Cache label is refused', async () => {
    const sb = createSandbox({ seed: 9 });
    await run(sb, wf('one', '1s'));
    sb.advance(5_000);
    const again = await run(sb, wf('two', '1s'));
    expect(again.node.memoizationStatus?.hit).toBe(false);
    expect(pods(sb)).toBe(2);

    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain', namespace: 'default' }, data: {} });
    const refused = await run(sb, wf('three').replace('name: my-cache', 'name: plain'));
    expect(refused.node.phase).toBe('Error');
    expect(refused.node.message).toBe("memoization configmap doesn't have workflows.argoproj.io/configmap-type label, refusing to use it");
    const bad = await run(sb, wf('four').replace('greet-{{workflow.parameters.who}}', 'bad_key!'));
    expect(bad.node.message).toBe('invalid cache key: bad_key!');
  });
});
