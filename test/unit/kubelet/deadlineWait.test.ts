import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';

const MESSAGE = 'Pod was active on the node longer than the specified deadline';

interface Terminated {
  exitCode: number;
  finishedAt: string;
}

describe('kubelet: activeDeadlineSeconds on an Argo pod (argoexec wait traps SIGTERM)', () => {
  it('wait reports the outputs once main has exited, so the node fails with the pod at once', async () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argo' } });
    const wf = sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'capped', namespace: 'argo' },
      spec: {
        entrypoint: 'main',
        templates: [{ name: 'main', activeDeadlineSeconds: 8, container: { image: 'alpine:3.19', command: ['sh', '-c'], args: ['echo hi; sleep 15'] } }],
      },
    });
    await sb.runUntilSettledAsync({ maxVirtualMs: 300_000 });
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'argo' })[0]!;
    const st = pod.status as { phase: string; reason?: string; message?: string; containerStatuses: { name: string; state: { terminated?: Terminated } }[] };
    expect(st).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: MESSAGE });
    const term = (name: string) => st.containerStatuses.find((c) => c.name === name)!.state.terminated!;
    // The emissary forwards SIGTERM to `sh`, which is not PID 1 and dies of it (143) long before its sleep ends;
    // wait, trapping SIGTERM, still reports once main has exited, then exits cleanly.
    expect(term('main').exitCode).toBe(143);
    expect(term('wait').exitCode).toBe(0);
    const deadlineEvent = sb.log.all().find((e) => e.reason === 'DeadlineExceeded')!;
    expect(Date.parse(term('wait').finishedAt)).toBeGreaterThanOrEqual(Date.parse(term('main').finishedAt));
    expect(Date.parse(term('main').finishedAt) - deadlineEvent.t).toBeLessThan(5_000);
    expect(sb.podLogs.read('argo', pod.metadata.name, 'wait').some((l) => l.text.includes('Main container completed'))).toBe(true);
    const results = sb.store.list({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTaskResult' }, { namespace: 'argo' });
    expect(results).toHaveLength(1);
    const cur = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'argo', name: wf.metadata.name })!;
    const status = cur.status as { phase: string; nodes: Record<string, { type: string; phase: string; message?: string; finishedAt?: string }> };
    expect(status.phase).toBe('Failed');
    const node = Object.values(status.nodes).find((n) => n.type === 'Pod')!;
    expect(node).toMatchObject({ phase: 'Failed', message: MESSAGE });
    // The task result arrived with the pod's end: no wait for the missing-result grace period.
    const failedAt = sb.log.all().find((e) => e.reason === 'WorkflowNodeFailed')!.t;
    expect(failedAt - Date.parse(term('wait').finishedAt)).toBeLessThan(5_000);
  });
});
