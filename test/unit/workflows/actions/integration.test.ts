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

  it('retry re-runs only the failed step (new pod), keeps the succeeded one; resubmit starts over under a new name', async () => {
    const sb = createSandbox({ seed: 6 });
    sb.store.create(
      load(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: flaky, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: ok, template: ok}
    - - {name: bad, template: bad}
  - name: ok
    container: {image: argoproj/argosay:v2, args: [echo, fine]}
  - name: bad
    container: {image: argoproj/argosay:v2, args: [exit, "1"]}
`) as KubeObject,
    );
    await sb.runUntilSettledAsync();
    const get = () => sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'flaky' });
    const nodes = () => Object.values((get().status as { nodes: Record<string, { displayName: string; phase: string; startedAt: string }> }).nodes);
    const pods = () => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).map((p) => `${p.metadata.name}@${p.metadata.uid}`);
    expect((get().status as { phase: string }).phase).toBe('Failed');
    const okBefore = nodes().find((n) => n.displayName === 'ok')!;
    const podsBefore = pods();
    const act = workflowActions(sb);
    act.retry('flaky');
    await sb.runUntilSettledAsync();
    expect((get().status as { phase: string }).phase).toBe('Failed');
    expect(nodes().find((n) => n.displayName === 'ok')).toEqual(okBefore);
    const podsAfter = pods();
    expect(podsAfter).toHaveLength(2);
    expect(podsAfter.filter((p) => podsBefore.includes(p))).toHaveLength(1); // the ok pod stays, the bad one is new
    const again = act.resubmit('flaky');
    await sb.runUntilSettledAsync();
    const re = sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: again.metadata.name });
    expect(re.metadata.labels?.['workflows.argoproj.io/resubmitted-from-workflow']).toBe('flaky');
    expect((re.status as { phase: string }).phase).toBe('Failed');
  });
});
