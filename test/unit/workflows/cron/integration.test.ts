import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { workflowActions } from '../../../../simulator/workflows/actions/index.js';

describe('CronWorkflow with the workflow operator and runtime', () => {
  it('scheduled workflows run to Succeeded, are counted, and their pods are collected by podGC', async () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create(
      load(`
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: hello, namespace: default}
spec:
  schedules: ["*/10 * * * *"]
  workflowSpec:
    entrypoint: main
    podGC: {strategy: OnPodSuccess, deleteDelayDuration: 0s}
    templates:
    - name: main
      container: {image: argoproj/argosay:v2, args: [echo, hi]}
`) as KubeObject,
    );
    await sb.advanceAsync(31 * 60_000);
    const wfs = sb.store.list({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' }, { namespace: 'default' });
    expect(wfs.map((w) => [w.metadata.name, (w.status as { phase?: string }).phase])).toEqual([
      ['hello-1735690200', 'Succeeded'],
      ['hello-1735690800', 'Succeeded'],
      ['hello-1735691400', 'Succeeded'],
    ]);
    const cwf = sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', namespace: 'default', name: 'hello' });
    expect(cwf.status).toMatchObject({ succeeded: 3, phase: 'Active', lastScheduledTime: '2025-01-01T00:30:00Z' });
    expect(sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })).toEqual([]);
    // submit --from runs the cron's workflow once, now
    const once = workflowActions(sb).submitFrom('CronWorkflow', 'hello');
    await sb.runUntilSettledAsync();
    expect((sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: once.metadata.name }).status as { phase?: string }).phase).toBe('Succeeded');
  });
});
