import { describe, expect, it } from 'vitest';
import { apply, eventTimes, events, getPod, maybeContainer, pod, until, world } from './helpers.js';

function del(sb: ReturnType<typeof world>, name: string, gracePeriodSeconds?: number): void {
  sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name }, gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds });
}

describe('kubelet: graceful deletion', () => {
  it('stops a server that handles SIGTERM quickly, then the pod is gone', () => {
    const sb = world();
    apply(sb, [pod('web', { containers: [{ name: 'web', image: 'nginx:1.25' }] })]);
    until(sb, () => maybeContainer(sb, 'web', 'web')?.state.running !== undefined, 60_000, 10);
    expect(sb.podLogs.read('default', 'web', 'web').length).toBeGreaterThan(0);
    const t = sb.now();
    del(sb, 'web');
    expect(getPod(sb, 'web')!.metadata.deletionTimestamp).toBeDefined();
    sb.runUntilSettled();
    expect(getPod(sb, 'web')).toBeUndefined();
    expect(events(sb, 'web')).toContain('Killing: Stopping container web');
    expect(eventTimes(sb, 'web', 'Killing', t)).toEqual([0]);
    expect(sb.now() - t).toBeLessThan(1000);
    // The logs go with the pod.
    expect(sb.podLogs.read('default', 'web', 'web')).toEqual([]);
  });

  it('waits the whole grace period for a process that ignores SIGTERM (sleep as PID 1)', () => {
    const sb = world();
    apply(sb, [
      pod('sleepy', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] }),
      pod('short', { terminationGracePeriodSeconds: 5, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] }),
    ]);
    until(sb, () => maybeContainer(sb, 'sleepy', 'main')?.state.running !== undefined && maybeContainer(sb, 'short', 'main')?.state.running !== undefined, 60_000, 10);
    const t = sb.now();
    del(sb, 'sleepy');
    del(sb, 'short');
    sb.advance(4_999);
    expect(getPod(sb, 'short')).toBeDefined();
    sb.advance(1);
    expect(getPod(sb, 'short')).toBeUndefined();
    sb.advance(30_000 - 5_000 - 1);
    expect(getPod(sb, 'sleepy')).toBeDefined();
    sb.advance(1);
    expect(getPod(sb, 'sleepy')).toBeUndefined();
    expect(sb.now() - t).toBe(30_000);
    const killing = sb.log.all().find((e) => e.involvedObject.name === 'sleepy' && e.reason === 'Killing')!;
    expect(killing.why).toBe('SIGTERM now; sleep runs as PID 1 without a SIGTERM handler and ignores it, so it is SIGKILLed (exit 137) when the 30s grace period ends.');
  });

  it('keeps a pod with finalizers, showing how its containers ended, until the finalizers are removed', () => {
    const sb = world();
    const p = pod('held', { containers: [{ name: 'main', image: 'nginx:1.25' }] });
    p.metadata.finalizers = ['example.com/hold'];
    apply(sb, [p]);
    until(sb, () => maybeContainer(sb, 'held', 'main')?.state.running !== undefined, 60_000, 10);
    del(sb, 'held');
    sb.runUntilSettled();
    const held = getPod(sb, 'held')!;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(maybeContainer(sb, 'held', 'main')?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('removes a pod that already completed right away', () => {
    const sb = world();
    apply(sb, [pod('done', { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['echo', 'hi'] }] })]);
    sb.runUntilSettled();
    const t = sb.now();
    del(sb, 'done');
    sb.runUntilSettled();
    expect(getPod(sb, 'done')).toBeUndefined();
    expect(sb.now()).toBe(t);
    expect(events(sb, 'done').some((e) => e.startsWith('Killing'))).toBe(false);
  });
});
