import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { workflowActions, formulateRetryWorkflow, formulateResubmitWorkflow, nodeId } from '../../../../simulator/workflows/actions/index.js';

/** A finished steps workflow `w`: step a Succeeded, step b Failed; their pods exist. No controllers act (only the test writes). */
function world(phase = 'Failed') {
  const sb = createSandbox({ seed: 5 });
  const id = (n: string) => nodeId('w', n);
  const status = load(`
phase: ${phase}
startedAt: "2025-01-01T00:00:00Z"
finishedAt: "2025-01-01T00:01:00Z"
conditions: [{type: Completed, status: "True"}]
nodes:
  w: {id: w, name: w, displayName: w, type: Steps, phase: ${phase}, templateName: main, children: ["${id('w[0]')}"], outboundNodes: ["${id('w[0].a')}", "${id('w[0].b')}"]}
  ${id('w[0]')}: {id: ${id('w[0]')}, name: "w[0]", displayName: "[0]", type: StepGroup, phase: ${phase}, boundaryID: w, children: ["${id('w[0].a')}", "${id('w[0].b')}"]}
  ${id('w[0].a')}: {id: ${id('w[0].a')}, name: "w[0].a", displayName: a, type: Pod, phase: Succeeded, templateName: echo, boundaryID: w}
  ${id('w[0].b')}: {id: ${id('w[0].b')}, name: "w[0].b", displayName: b, type: Pod, phase: ${phase === 'Failed' ? 'Failed' : 'Succeeded'}, templateName: echo, boundaryID: w, message: "Error (exit code 1)"}
`);
  sb.store.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'w', namespace: 'default', generateName: 'w-', labels: { 'workflows.argoproj.io/completed': 'true', team: 'x' } },
    spec: { entrypoint: 'main', shutdown: 'Stop', templates: [] },
    status,
  } as KubeObject);
  for (const n of ['a', 'b']) {
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `w-echo-${n}`, namespace: 'default', labels: { 'workflows.argoproj.io/workflow': 'w' }, annotations: { 'workflows.argoproj.io/node-id': id(`w[0].${n}`) } },
      spec: { containers: [{ name: 'main', image: 'alpine' }] },
    });
  }
  return { sb, id, act: workflowActions(sb, 'default') };
}

function suspended(sb: ReturnType<typeof createSandbox>) {
  sb.store.create(
    load(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: s, namespace: default}
spec: {entrypoint: main, templates: []}
status:
  phase: Running
  nodes:
    s: {id: s, name: s, type: Steps, phase: Running, children: [s-1]}
    s-1: {id: s-1, name: "s[0].approve", displayName: approve, type: Suspend, phase: Running, templateName: approve,
          outputs: {parameters: [{name: ok, valueFrom: {supplied: {}}, globalName: approved}, {name: why, valueFrom: {supplied: {}, default: none}}]}}
    s-2: {id: s-2, name: "s[0].wait", displayName: wait, type: Suspend, phase: Running, templateName: wait}
`) as KubeObject,
  );
}

const wfOf = (sb: ReturnType<typeof createSandbox>, name: string) => sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name });
const err = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('suspend / resume / stop / terminate / node set', () => {
  it('suspend sets spec.suspend; resume clears it and finishes running suspend nodes (defaults for supplied outputs)', () => {
    const sb = createSandbox({ seed: 1 });
    suspended(sb);
    const act = workflowActions(sb);
    expect((act.suspend('s').spec as { suspend?: boolean }).suspend).toBe(true);
    act.setOutputs('s', 'displayName=approve', { outputParameters: { ok: 'yes' } });
    const r = act.resume('s');
    expect((r.spec as { suspend?: boolean }).suspend).toBeUndefined();
    const nodes = (r.status as { nodes: Record<string, { phase: string; outputs?: unknown; finishedAt?: string }> }).nodes;
    expect(nodes['s-1'].phase).toBe('Succeeded');
    expect(nodes['s-1'].finishedAt).toBe('2025-01-01T00:00:00Z');
    expect(nodes['s-1'].outputs).toEqual({ parameters: [{ name: 'ok', value: 'yes', globalName: 'approved' }, { name: 'why', value: 'none' }] });
    expect((r.status as { outputs?: unknown }).outputs).toEqual({ parameters: [{ name: 'approved', value: 'yes' }] });
    expect(nodes['s-2'].phase).toBe('Succeeded');
  });

  it('resume with a node field selector only touches matching suspend nodes; raw outputs without default refuse', () => {
    const sb = createSandbox({ seed: 1 });
    suspended(sb);
    const act = workflowActions(sb);
    expect(err(() => act.resume('s'))).toBe("raw output parameter 'ok' has not been set and does not have a default value");
    const r = act.resume('s', 'displayName=wait');
    const nodes = (r.status as { nodes: Record<string, { phase: string }> }).nodes;
    expect([nodes['s-1'].phase, nodes['s-2'].phase]).toEqual(['Running', 'Succeeded']);
    expect(err(() => act.resume('s', 'displayName=nope'))).toBe('currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: displayName=nope');
    expect(err(() => act.setOutputs('s', 'displayName=approve', { outputParameters: { other: '1' } }))).toBe("node is not expecting output parameter 'other'");
  });

  it('stop and terminate write spec.shutdown; stop with a selector fails the suspend node with the message', () => {
    const sb = createSandbox({ seed: 1 });
    suspended(sb);
    const act = workflowActions(sb);
    const s = act.stop('s', { nodeFieldSelector: 'displayName=wait', message: 'no thanks' });
    expect((s.status as { nodes: Record<string, unknown> }).nodes['s-2']).toMatchObject({ phase: 'Failed', message: 'no thanks' });
    expect((act.stop('s').spec as { shutdown?: string }).shutdown).toBe('Stop');
    expect((act.terminate('s').spec as { shutdown?: string }).shutdown).toBe('Terminate');
    const done = world('Failed');
    expect(err(() => done.act.terminate('w'))).toBe('cannot shutdown a completed workflow: workflow: "w", namespace: "default"');
    expect(err(() => done.act.suspend('w'))).toBe('cannot suspend completed workflows');
  });
});

describe('retry (FormulateRetryWorkflow)', () => {
  it('resets the failed branch up to the root, keeps the succeeded step, deletes only the failed pod', () => {
    const { sb, id, act } = world('Failed');
    const w = act.retry('w');
    const st = w.status as { phase?: string; nodes: Record<string, { phase: string; children?: string[]; message?: string }>; conditions: unknown[]; startedAt: string };
    expect(st.phase).toBeUndefined();
    expect(Object.keys(st.nodes).sort()).toEqual(['w', id('w[0]'), id('w[0].a')].sort());
    expect(st.nodes.w.phase).toBe('Running');
    expect(st.nodes[id('w[0]')]).toMatchObject({ phase: 'Running', children: [id('w[0].a')] });
    expect(st.nodes[id('w[0].a')].phase).toBe('Succeeded');
    expect(st.conditions).toEqual([{ type: 'Completed', status: 'False' }]);
    expect(w.metadata.labels).toEqual({ team: 'x' });
    expect((w.spec as { shutdown?: string }).shutdown).toBeUndefined();
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).map((p) => [p.metadata.name, !!p.metadata.deletionTimestamp]);
    expect(pods.filter(([, deleting]) => !deleting).map(([n]) => n)).toEqual(['w-echo-a']);
  });

  it('a succeeded workflow needs restartSuccessful + nodeFieldSelector; then the selected node re-runs', () => {
    const { sb, id } = world('Succeeded');
    const wf = sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'w' });
    expect(err(() => formulateRetryWorkflow(wf, 'T'))).toBe('To retry a succeeded workflow, set the options restartSuccessful and nodeFieldSelector');
    const r = formulateRetryWorkflow(wf, 'T', { restartSuccessful: true, nodeFieldSelector: 'displayName=a' });
    expect(r.podNodesToDelete).toEqual([id('w[0].a')]);
    expect(Object.keys((r.workflow.status as { nodes: object }).nodes)).not.toContain(id('w[0].a'));
    const running = { ...wf, status: { phase: 'Running' } };
    expect(err(() => formulateRetryWorkflow(running as typeof wf, 'T'))).toBe('Cannot retry a workflow in phase Running');
  });
});

describe('resubmit and submit --from', () => {
  it('resubmit creates a new workflow from the old spec, labelled with where it came from', () => {
    const { sb, act } = world('Failed');
    const n = act.resubmit('w');
    expect(n.metadata.name).toMatch(/^w-[a-z0-9]{5}$/);
    expect(n.metadata.labels).toEqual({ team: 'x', 'workflows.argoproj.io/resubmitted-from-workflow': 'w' });
    expect(n.spec).toEqual({ entrypoint: 'main', templates: [] });
    expect(n.status).toBeUndefined();
    expect(wfOf(sb, n.metadata.name).metadata.uid).toBe(n.metadata.uid);
  });

  it('memoized resubmit carries succeeded pods over as Skipped and re-runs the failed ones', () => {
    const { sb, id } = world('Failed');
    const out = formulateResubmitWorkflow(wfOf(sb, 'w'), { memoized: true, rng: sb.rng, nowIso: 'T' });
    const name = out.metadata.name!;
    const nodes = (out.status as { nodes: Record<string, { name: string; phase: string; type: string; message?: string; boundaryID?: string }> }).nodes;
    const a = nodes[nodeId(name, `${name}[0].a`)];
    expect(a).toMatchObject({ phase: 'Skipped', type: 'Skipped', message: `original pod: ${id('w[0].a')}`, boundaryID: name });
    expect(nodes[nodeId(name, `${name}[0].b`)]).toMatchObject({ phase: 'Pending', type: 'Pod' });
    expect(nodes[name]).toMatchObject({ phase: 'Pending', children: [nodeId(name, `${name}[0]`)] });
    expect(err(() => formulateResubmitWorkflow({ ...wfOf(sb, 'w'), status: { phase: 'Succeeded' } }, { memoized: true, rng: sb.rng }))).toBe(
      'workflow must be Failed/Error to resubmit in memoized mode',
    );
  });

  it('submitFrom makes workflowTemplateRef workflows and one-off CronWorkflow runs', () => {
    const sb = createSandbox({ seed: 2 });
    const act = workflowActions(sb);
    sb.store.create(load(`{apiVersion: argoproj.io/v1alpha1, kind: WorkflowTemplate, metadata: {name: t, namespace: default}, spec: {entrypoint: a, templates: [{name: a, suspend: {}}]}}`) as KubeObject);
    sb.store.create(load(`{apiVersion: argoproj.io/v1alpha1, kind: CronWorkflow, metadata: {name: c, namespace: default}, spec: {schedules: ["* * * * *"], workflowSpec: {entrypoint: a, templates: [{name: a, suspend: {}}]}}}`) as KubeObject);
    const a = act.submitFrom('WorkflowTemplate', 't', { parameters: { x: '1' } });
    expect(a.metadata.name).toMatch(/^t-/);
    expect(a.metadata.labels).toEqual({ 'workflows.argoproj.io/workflow-template': 't' });
    expect(a.spec).toEqual({ workflowTemplateRef: { name: 't' }, arguments: { parameters: [{ name: 'x', value: '1' }] } });
    const c = act.submitFrom('CronWorkflow', 'c');
    expect(c.metadata.labels).toEqual({ 'workflows.argoproj.io/cron-workflow': 'c' });
    expect(c.metadata.annotations).toEqual({ 'workflows.argoproj.io/scheduled-time': '2025-01-01T00:00:00Z' });
    expect(c.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronWorkflow', name: 'c', controller: true });
    expect(err(() => act.submitFrom('ClusterWorkflowTemplate', 'nope'))).toBe('clusterworkflowtemplates.argoproj.io "nope" not found');
    // A long generateName is cut so the generated name stays within 63 characters, like the API server.
    const long = 'a-very-long-workflow-template-name-that-goes-on-and-on-and-on';
    sb.store.create(load(`{apiVersion: argoproj.io/v1alpha1, kind: WorkflowTemplate, metadata: {name: ${long}, namespace: default}, spec: {entrypoint: a, templates: [{name: a, suspend: {}}]}}`) as KubeObject);
    const l = act.submitFrom('WorkflowTemplate', long);
    expect(l.metadata.name).toHaveLength(63);
    expect(l.metadata.name.startsWith(`${long}-`.slice(0, 58))).toBe(true);
    // …and a Workflow with neither name nor generateName is refused like the API server does.
    expect(err(() => sb.store.create({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { namespace: 'default' }, spec: {} } as KubeObject))).toBe(
      'Workflow.argoproj.io "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });
});
