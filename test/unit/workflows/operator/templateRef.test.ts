import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { runWorkflow } from './helpers.js';

describe('a Workflow with workflowTemplateRef', () => {
  it('is validated as the user wrote it (no templates of its own) and runs the template to Succeeded', async () => {
    const sb = createSandbox({ seed: 7 });
    sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: { name: 'hello', namespace: 'default' },
      spec: {
        entrypoint: 'main',
        arguments: { parameters: [{ name: 'msg', value: 'from template' }] },
        templates: [{ name: 'main', inputs: { parameters: [{ name: 'msg', value: '{{workflow.parameters.msg}}' }] }, container: { image: 'argoproj/argosay:v2', args: ['echo', '{{inputs.parameters.msg}}'] } }],
      },
    });
    const { status, byName } = await runWorkflow(
      `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: by-ref}
spec:
  arguments: {parameters: [{name: msg, value: from workflow}]}
  workflowTemplateRef: {name: hello}
`,
      { sandbox: sb },
    );
    expect(status.phase).toBe('Succeeded');
    expect(byName('by-ref').inputs?.parameters?.[0]?.value).toBe('from workflow');
  });
});
