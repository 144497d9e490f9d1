import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { workflowActions } from '../../../../simulator/workflows/actions/index.js';

const WF = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: approval, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: approve, template: approve}
    - - {name: deploy, template: deploy, arguments: {parameters: [{name: ok, value: "yes"}]}}
  - name: approve
    suspend: {}
  - name: deploy
    inputs: {parameters: [{name: ok}]}
    container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.ok}}"]}
`;

const phaseOf = (sb: ReturnType<typeof createSandbox>) => (sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'approval' }).status as { phase?: string; nodes?: Record<string, { displayName: string; phase: string }> });

describe('actions with the workflow operator', () => {
  it('a suspend step waits until resume; then the workflow finishes', async () => {
    const sb = createSandbox({ seed: 4 });
    sb.store.create(load(WF) as KubeObject);
    await sb.runUntilSettledAsync();
    expect(phaseOf(sb).phase).toBe('Running');
    const act = workflowActions(sb);
    act.resume('approval');
    await sb.runUntilSettledAsync();
    const st = phaseOf(sb);
    expect(st.phase).toBe('Succeeded');
    expect(Object.values(st.nodes ?? {}).find((n) => n.displayName === 'deploy')?.phase).toBe('Succeeded');
  });

  it('stop and terminate end a suspended workflow', async () => {
    for (const how of ['stop', 'terminate'] as const) {
      const sb = createSandbox({ seed: 4 });
      sb.store.create(load(WF) as KubeObject);
      await sb.runUntilSettledAsync();
      const act = workflowActions(sb);
      if (how === 'stop') act.stop('approval');
      else act.terminate('approval');
      await sb.runUntilSettledAsync();
      expect(['Failed', 'Error']).toContain(phaseOf(sb).phase);
    }
  });
});
