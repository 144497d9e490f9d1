import { describe, expect, it } from 'vitest';
import {
  resolveTemplateRef,
  resolveWorkflowTemplateRef,
  TemplateResolutionError,
  workflowMetadata,
  newWorkflowFromTemplate,
} from '../../../../simulator/workflows/templates/index.js';
import type { Dict } from '../../../../simulator/workflows/templates/index.js';
import { crdStore, y } from './fixtures.js';

function world() {
  const store = crdStore();
  store.create(
    y(`
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: greet, namespace: default}
spec:
  entrypoint: hello
  podMetadata: {labels: {from-holder: "yes", shared: holder}}
  arguments: {parameters: [{name: who, value: world}]}
  templates:
  - name: hello
    metadata: {labels: {shared: template}}
    inputs: {parameters: [{name: who}]}
    container: {image: alpine, command: [echo, "hello {{inputs.parameters.who}}"]}
`),
  );
  store.create(
    y(`
apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata: {name: cluster-greet}
spec:
  templates:
  - name: hi
    container: {image: alpine}
`),
  );
  return store;
}

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('resolveTemplateRef', () => {
  it('finds the template in a WorkflowTemplate and adds the holder podMetadata the template lacks', () => {
    const t = resolveTemplateRef(world(), 'default', { name: 'greet', template: 'hello' });
    expect(t.name).toBe('hello');
    expect((t.metadata as Dict).labels).toEqual({ 'from-holder': 'yes', shared: 'template' });
  });

  it('clusterScope looks in ClusterWorkflowTemplates, whatever the namespace', () => {
    expect(resolveTemplateRef(world(), 'other', { name: 'cluster-greet', template: 'hi', clusterScope: true }).name).toBe('hi');
  });

  it('errors are worded like Argo and carry the NotFound code', () => {
    const s = world();
    expect(err(() => resolveTemplateRef(s, 'default', { name: 'nope', template: 'x' }))).toBe('workflow template nope not found');
    expect(err(() => resolveTemplateRef(s, 'default', { name: 'greet', template: 'y' }))).toBe('template y not found in workflow template greet');
    expect(err(() => resolveTemplateRef(s, 'default', { name: 'cluster-greet', template: 'hi' }))).toBe('workflow template cluster-greet not found');
    try {
      resolveTemplateRef(s, 'default', { name: 'greet', template: 'y' });
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateResolutionError);
      expect((e as TemplateResolutionError).code).toBe('NotFound');
    }
  });
});

describe('resolveWorkflowTemplateRef', () => {
  const wf = (spec: string, status?: Dict) => ({ metadata: { namespace: 'default', name: 'w' }, spec: y<Dict>(spec), status });

  it('merges the workflow over the template and returns the spec to store', () => {
    const r = resolveWorkflowTemplateRef(world(), wf(`{workflowTemplateRef: {name: greet}, arguments: {parameters: [{name: who, value: argo}]}}`));
    expect(r.spec.entrypoint).toBe('hello');
    expect((r.spec.arguments as Dict).parameters).toEqual([{ name: 'who', value: 'argo' }]);
    expect(r.storedWorkflowTemplateSpec).toEqual(r.spec);
    expect(r.labels).toEqual({ 'workflows.argoproj.io/workflow-template': 'greet' });
  });

  it('once stored, template edits do not change the workflow; a new shutdown re-merges onto the stored spec', () => {
    const s = world();
    const first = resolveWorkflowTemplateRef(s, wf(`{workflowTemplateRef: {name: greet}}`));
    const cur = s.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', namespace: 'default', name: 'greet' });
    s.update({ ...cur, spec: { ...(cur.spec as Dict), entrypoint: 'changed' } });
    const again = resolveWorkflowTemplateRef(s, wf(`{workflowTemplateRef: {name: greet}}`, { storedWorkflowTemplateSpec: first.storedWorkflowTemplateSpec }));
    expect(again.spec.entrypoint).toBe('hello');
    const stopped = resolveWorkflowTemplateRef(s, wf(`{workflowTemplateRef: {name: greet}, shutdown: Stop}`, { storedWorkflowTemplateSpec: first.storedWorkflowTemplateSpec }));
    expect(stopped.spec.shutdown).toBe('Stop');
    expect(stopped.spec.entrypoint).toBe('hello');
  });

  it('a missing template is the API server NotFound; cluster scope sets the cluster label', () => {
    const s = world();
    expect(err(() => resolveWorkflowTemplateRef(s, wf(`{workflowTemplateRef: {name: missing}}`)))).toBe('workflowtemplates.argoproj.io "missing" not found');
    expect(err(() => resolveWorkflowTemplateRef(s, wf(`{workflowTemplateRef: {name: missing, clusterScope: true}}`)))).toBe(
      'clusterworkflowtemplates.argoproj.io "missing" not found',
    );
    const r = resolveWorkflowTemplateRef(s, wf(`{workflowTemplateRef: {name: cluster-greet, clusterScope: true}, entrypoint: hi}`));
    expect(r.labels).toEqual({ 'workflows.argoproj.io/cluster-workflow-template': 'cluster-greet' });
    expect(r.spec.entrypoint).toBe('hi');
  });

  it('without a ref the spec is returned as is (over workflowDefaults when given)', () => {
    const r = resolveWorkflowTemplateRef(world(), wf(`{entrypoint: main}`), { spec: { ttlStrategy: { secondsAfterCompletion: 10 } } });
    expect(r.spec).toEqual({ entrypoint: 'main', ttlStrategy: { secondsAfterCompletion: 10 } });
    expect(r.storedWorkflowTemplateSpec).toBeUndefined();
  });
});

describe('workflowMetadata and submit --from', () => {
  const evaluate = (e: string, env: Record<string, unknown>) => {
    if (e === 'workflow.parameters.env') return env['workflow.parameters.env'];
    if (e === '1') return 1;
    throw new Error(`unknown name ${e} (1:1)`);
  };
  it('adds labels, annotations and labelsFrom results, with their global parameters', () => {
    const r = workflowMetadata(
      { metadata: { labels: { keep: 'me' } } },
      y<Dict>(`{workflowMetadata: {labels: {team: a}, annotations: {note: "x y"}, labelsFrom: {env: {expression: workflow.parameters.env}}}}`),
      { 'workflow.parameters.env': 'prod' },
      evaluate,
    );
    expect(r.labels).toEqual({ keep: 'me', team: 'a', env: 'prod' });
    expect(r.annotations).toEqual({ note: 'x y' });
    expect(r.params).toEqual({ 'workflow.labels.team': 'a', 'workflow.annotations.note': 'x y', 'workflow.labels.env': 'prod' });
  });
  it('rejects invalid label values and non-string expression results like Argo', () => {
    expect(err(() => workflowMetadata({ metadata: {} }, y<Dict>(`{workflowMetadata: {labels: {bad: "a b"}}}`)))).toMatch(/^invalid label value "a b" for label "bad": a valid label must/);
    expect(err(() => workflowMetadata({ metadata: {} }, y<Dict>(`{workflowMetadata: {labelsFrom: {n: {expression: "1"}}}}`), {}, evaluate))).toBe(
      'failed to evaluate label "n" expression "1" evaluted to int but must be a string',
    );
    expect(err(() => workflowMetadata({ metadata: {} }, y<Dict>(`{workflowMetadata: {labelsFrom: {n: {expression: nope}}}}`), {}, evaluate))).toBe(
      'failed to evaluate label "n" expression "nope": unknown name nope (1:1)',
    );
  });
  it('labelsFrom uses expr-lang over the global parameters by default', () => {
    const r = workflowMetadata(
      { metadata: {} },
      y<Dict>(`{workflowMetadata: {labelsFrom: {env: {expression: "workflow.parameters.env + '-' + string(len(workflow.name))"}}}}`),
      { 'workflow.parameters.env': 'prod', 'workflow.name': 'abc' },
    );
    expect(r.labels).toEqual({ env: 'prod-3' });
  });
  it('newWorkflowFromTemplate uses generateName and the template label', () => {
    const w = newWorkflowFromTemplate('greet', false, 'default');
    expect(w.metadata).toEqual({ generateName: 'greet-', namespace: 'default', labels: { 'workflows.argoproj.io/workflow-template': 'greet' } });
    expect(w.spec).toEqual({ workflowTemplateRef: { name: 'greet' } });
  });
});
