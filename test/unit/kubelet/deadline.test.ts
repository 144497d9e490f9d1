import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../simulator/index.js';
import { apply, container, eventTimes, events, getPod, INSTANT, maybeContainer, pod, status, until, world } from './helpers.js';

const MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** status.startTime + activeDeadlineSeconds, in virtual ms (startTime has whole seconds, like the API's). */
function deadlineOf(sb: Sandbox, name: string, seconds: number): number {
  return Date.parse(status(sb, name).startTime!) + seconds * 1000;
}

function running(sb: Sandbox, name: string, c = 'main'): boolean {
  return maybeContainer(sb, name, c)?.state.running !== undefined;
}

describe('kubelet: activeDeadlineSeconds (DeadlineExceeded)', () => {
  it('stops `sleep 60` at startTime + 5 s and fails the pod with DeadlineExceeded once it has stopped', () => {
    const sb = world();
    apply(sb, [pod('slow', { restartPolicy: 'Never', activeDeadlineSeconds: 5, terminationGracePeriodSeconds: 2, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '60'] }] }, INSTANT)]);
    until(sb, () => running(sb, 'slow'), 10_000, 10);
    const deadline = deadlineOf(sb, 'slow', 5);
    sb.advance(deadline - 1 - sb.now());
    expect(status(sb, 'slow').phase).toBe('Running');
    expect(events(sb, 'slow').some((e) => e.startsWith('DeadlineExceeded'))).toBe(false);
    sb.advance(1);
    const ev = sb.log.all().filter((e) => e.involvedObject.name === 'slow' && e.reason === 'DeadlineExceeded');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ message: MESSAGE, type: 'Normal' });
    expect(ev[0]!.t).toBe(deadline);
    expect(ev[0]!.why).toContain('activeDeadlineSeconds: 5');
    expect(eventTimes(sb, 'slow', 'Killing', deadline)).toEqual([0]);
    // The status manager holds the terminal phase back while a container may still run (SIGTERM ignored by sleep as PID 1).
    expect(status(sb, 'slow').phase).toBe('Running');
    expect(status(sb, 'slow').reason).toBeUndefined();
    sb.runUntilSettled();
    const st = status(sb, 'slow');
    expect(st).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: MESSAGE });
    const t = container(sb, 'slow', 'main').state.terminated!;
    expect(t).toMatchObject({ exitCode: 137, reason: 'Error' });
    // SIGKILL when the 2 s grace period ends, long before sleep 60 would have finished.
    expect(Date.parse(t.finishedAt)).toBe(deadline + 2000);
    expect(container(sb, 'slow', 'main').restartCount).toBe(0);
    expect(st.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(st.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False');
    expect(sb.now()).toBeLessThan(deadline + 60_000);
  });

  it('restarts nothing under restartPolicy Always, and a process that handles SIGTERM exits at once', () => {
    const sb = world();
    apply(sb, [pod('web', { activeDeadlineSeconds: 30, containers: [{ name: 'main', image: 'nginx:1.25' }, { name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'] }] }, INSTANT)]);
    until(sb, () => running(sb, 'web') && running(sb, 'web', 'side'), 10_000, 10);
    const deadline = deadlineOf(sb, 'web', 30);
    sb.runUntilSettled({ maxVirtualMs: deadline + 120_000 - sb.now() });
    expect(status(sb, 'web')).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: MESSAGE });
    const main = container(sb, 'web', 'main');
    expect(main.state.terminated).toBeDefined();
    expect(Date.parse(main.state.terminated!.finishedAt)).toBeLessThan(deadline + 1000);
    const side = container(sb, 'web', 'side');
    expect(side.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(Date.parse(side.state.terminated!.finishedAt)).toBe(deadline + 30_000);
    expect(main.restartCount + side.restartCount).toBe(0);
    expect(events(sb, 'web').filter((e) => e.startsWith('Killing'))).toEqual(['Killing: Stopping container main', 'Killing: Stopping container side']);
  });

  it('leaves a pod that finishes before its deadline untouched', () => {
    const sb = world();
    apply(sb, [pod('quick', { restartPolicy: 'Never', activeDeadlineSeconds: 10, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '2'] }] }, INSTANT)]);
    sb.runUntilSettled();
    sb.advance(30_000);
    const st = status(sb, 'quick');
    expect(st.phase).toBe('Succeeded');
    expect(st.reason).toBeUndefined();
    expect(st.message).toBeUndefined();
    expect(container(sb, 'quick', 'main').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(events(sb, 'quick').some((e) => e.startsWith('DeadlineExceeded') || e.startsWith('Killing'))).toBe(false);
  });

  it('stops a pod waiting in CrashLoopBackOff without another restart', () => {
    const sb = world();
    apply(sb, [pod('crash', { restartPolicy: 'Always', activeDeadlineSeconds: 20, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }] }, INSTANT)]);
    until(sb, () => (getPod(sb, 'crash')?.status as { startTime?: string } | undefined)?.startTime !== undefined, 10_000, 10);
    const deadline = deadlineOf(sb, 'crash', 20);
    sb.runUntilSettled({ maxVirtualMs: deadline + 600_000 - sb.now() });
    const st = status(sb, 'crash');
    expect(st).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded' });
    const restarts = container(sb, 'crash', 'main').restartCount;
    const started = eventTimes(sb, 'crash', 'Started', 0);
    expect(started.every((t) => t < deadline)).toBe(true);
    expect(started).toHaveLength(restarts + 1);
    expect(restarts).toBeGreaterThan(0);
    expect(eventTimes(sb, 'crash', 'DeadlineExceeded', deadline)).toEqual([0]);
    // The back-off's restart was due at the deadline too: the deadline wins, so the container stays in CrashLoopBackOff.
    expect(container(sb, 'crash', 'main').state.waiting?.reason).toBe('CrashLoopBackOff');
  });

  it("fails a Job's pod from a template with activeDeadlineSeconds, and the Job with it", () => {
    const sb = world();
    sb.store.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'capped', namespace: 'default' },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', activeDeadlineSeconds: 5, terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '60'] }] } } },
    });
    sb.runUntilSettled({ maxVirtualMs: 120_000 });
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods).toHaveLength(1);
    const st = pods[0]!.status as { phase?: string; reason?: string; message?: string; startTime?: string };
    expect(st).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: MESSAGE });
    const job = sb.store.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'capped' })!;
    const conds = ((job.status as { conditions?: { type: string; status: string; reason?: string }[] }).conditions ?? []).filter((c) => c.status === 'True');
    expect(conds.map((c) => c.type)).toContain('Failed');
    expect(conds.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect((job.status as { failed?: number }).failed).toBe(1);
  });
});
