import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';

describe('installWorkflows', () => {
  it('serves the Argo Workflows kinds with their short names and scopes', () => {
    const sb = createSandbox({ seed: 1 });
    const kinds = sb.store.kinds;
    expect(kinds.lookupResource('wf')?.kind).toBe('Workflow');
    expect(kinds.lookupResource('wftmpl')?.kind).toBe('WorkflowTemplate');
    expect(kinds.lookupResource('cwft')?.kind).toBe('ClusterWorkflowTemplate');
    expect(kinds.lookupResource('cwft')?.namespaced).toBe(false);
    expect(kinds.lookupResource('cwf')?.kind).toBe('CronWorkflow');
    expect(kinds.lookupResource('workflowtaskresults')?.kind).toBe('WorkflowTaskResult');
    expect(kinds.lookupResource('wfeb')?.kind).toBe('WorkflowEventBinding');
    expect(sb.controllerNames()).toContain('workflow-controller');
  });

  it('accepts any workflow spec (permissive schema) but requires a spec', () => {
    const sb = createSandbox({ seed: 1 });
    const wf = sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'w', namespace: 'default' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'alpine', unknownField: 1 } }] },
    });
    expect(wf.spec).toMatchObject({ templates: [{ container: { unknownField: 1 } }] });
    expect(() =>
      sb.store.create({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'x', namespace: 'default' } }),
    ).toThrow(/spec/);
  });
});
