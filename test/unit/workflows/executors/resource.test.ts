import { describe, expect, it } from 'vitest';
import { parse } from '../../../support/yaml.js';
import { createSandbox } from '../../../../simulator/index.js';
import { gjsonGet, matchConditions, parseConditions, requirementString } from '../../../../simulator/workflows/executors/resourceConditions.js';
import { jqPath, kubectlJsonPath } from '../../../../simulator/workflows/executors/resourceOutputs.js';
import type { WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';
import { runWorkflow } from '../operator/helpers.js';

const wfKey = (name: string) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name });

describe('resource conditions (labels.Parse over gjson paths)', () => {
  it('matches like Argo: missing keys, numbers, in/notin, failure first', () => {
    const job = { status: { succeeded: 1, phase: 'Running', conditions: [{ type: 'Complete' }] } };
    expect(gjsonGet(job, 'status.conditions.0.type')).toEqual({ exists: true, value: 'Complete' });
    expect(gjsonGet(job, 'status.failed').exists).toBe(false);
    expect(matchConditions(job, parseConditions('status.succeeded > 0'), []).state).toBe('succeeded');
    expect(matchConditions(job, parseConditions('status.failed > 0'), []).state).toBe('waiting');
    // != and notin hold for a missing key; == and > do not.
    expect(matchConditions(job, parseConditions('status.failed != 3, status.phase notin (Failed,Error)'), []).state).toBe('succeeded');
    const r = matchConditions({ status: { phase: 'Failed' } }, parseConditions('status.phase == Succeeded'), parseConditions('status.phase in (Failed, Error)'));
    expect(r).toEqual({ state: 'failed', message: "failure condition 'status.phase in (Error,Failed)' evaluated true" });
    expect(requirementString(parseConditions('status.succeeded > 0')[0]!)).toBe('status.succeeded>0');
    expect(() => parseConditions('status.succeeded > zero')).toThrow(/must be an integer/);
  });

  it('reads outputs with kubectl jsonpath and jq paths', () => {
    const obj = { metadata: { name: 'pi', labels: { a: 'b' } }, items: [{ n: 1 }, { n: 2 }] };
    expect(kubectlJsonPath('{.metadata.name}', obj)).toBe('pi');
    expect(kubectlJsonPath('name={.metadata.name}', obj)).toBe('name=pi');
    expect(kubectlJsonPath('{.metadata.labels}', obj)).toBe('{"a":"b"}');
    expect(kubectlJsonPath('{.items[*].n}', obj)).toBe('1 2');
    expect(jqPath('.metadata.labels.a', obj)).toBe('b');
    expect(jqPath('.items[1]', obj)).toBe('{"n":2}');
  });
});

describe('resource templates through the operator', () => {
  it('creates an owned ConfigMap and reads outputs from the live object', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: res}
spec:
  entrypoint: main
  templates:
  - name: main
    resource:
      action: create
      setOwnerReference: true
      manifest: |
        apiVersion: v1
        kind: ConfigMap
        metadata: {generateName: made-}
        data: {greeting: hello}
    outputs:
      parameters:
      - name: name
        valueFrom: {jsonPath: '{.metadata.name}'}
      - name: greeting
        valueFrom: {jqFilter: '.data.greeting'}
`);
    expect(status.phase).toBe('Succeeded');
    const node = byName('res');
    expect(node.type).toBe('Pod');
    const name = node.outputs?.parameters?.find((p) => p.name === 'name')?.value ?? '';
    expect(name).toMatch(/^made-[a-z0-9]{5}$/);
    expect(node.outputs?.parameters?.find((p) => p.name === 'greeting')?.value).toBe('hello');
    const cm = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });
    // The pod real Argo runs the action in exists (argoexec resource); the Workflow owns what it created.
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods).toHaveLength(1);
    const main = (pods[0]!.spec as { containers: { name: string; command: string[] }[] }).containers.find((c) => c.name === 'main');
    expect(main?.command).toEqual(['argoexec', 'resource', 'create']);
    const wf = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'res' })!;
    expect(cm?.metadata.ownerReferences).toEqual([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'res', uid: wf.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(sb.log.all().some((e) => e.reason === 'ResourceAction' && /configmap\/made-\w+ created/.test(e.message))).toBe(true);
  });

  it('waits for successCondition, polling every 5 s, and fails on failureCondition', async () => {
    const sb = createSandbox({ seed: 3 });
    const wf = (name: string) => parse(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    resource:
      action: apply
      successCondition: data.state == done
      failureCondition: data.state == broken
      manifest: |
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ${name}-target}
        data: {state: starting}
`);
    sb.store.create(wf('ok'));
    sb.store.create(wf('bad'));
    await sb.runUntilSettledAsync({ maxVirtualMs: 20_000 });
    const phase = (n: string) => (sb.store.get(wfKey(n))?.status as WorkflowStatus).phase;
    expect(phase('ok')).toBe('Running');
    const okNode = Object.values((sb.store.get(wfKey('ok'))?.status as WorkflowStatus).nodes ?? {})[0]!;
    expect(okNode.message).toMatch(/Neither success condition nor the failure condition/);
    sb.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'ok-target' }, 'merge', { data: { state: 'done' } });
    sb.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'bad-target' }, 'merge', { data: { state: 'broken' } });
    await sb.runUntilSettledAsync({ maxVirtualMs: 20_000 });
    expect(phase('ok')).toBe('Succeeded');
    expect(phase('bad')).toBe('Failed');
    const badNode = Object.values((sb.store.get(wfKey('bad'))?.status as WorkflowStatus).nodes ?? {})[0]!;
    expect(badNode.message).toBe("failure condition 'data.state==broken' evaluated true");
  });

  it('patches with flags (json and merge), deletes ignoring not-found, and reports kubectl errors', async () => {
    const sb = createSandbox({ seed: 5 });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } });
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ops}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: json, template: json}
      - {name: merge, template: merge}
    - - {name: gone, template: gone}
      - {name: dup, template: dup}
  - name: json
    resource:
      action: patch
      mergeStrategy: json
      flags: [configmap, cfg]
      manifest: |
        - op: add
          path: /data/b
          value: "2"
  - name: merge
    resource:
      action: patch
      mergeStrategy: merge
      manifest: |
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg}
        data: {c: "3"}
  - name: gone
    resource:
      action: delete
      manifest: |
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: never-existed}
  - name: dup
    resource:
      action: create
      manifest: |
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg}
`, { sandbox: sb });
    expect(byName('ops[0].json').phase).toBe('Succeeded');
    expect(byName('ops[0].merge').phase).toBe('Succeeded');
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' })?.data).toEqual({ a: '1', b: '2', c: '3' });
    expect(byName('ops[1].gone').phase).toBe('Succeeded');
    expect(byName('ops[1].dup').phase).toBe('Failed');
    expect(byName('ops[1].dup').message).toMatch(/^Error from server \(AlreadyExists\): configmaps "cfg" already exists/);
    expect(status.phase).toBe('Failed');
  });
});
