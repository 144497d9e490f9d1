import { describe, expect, it } from 'vitest';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';
import { get, messages, pods, sandbox, setPodPhase } from './fixtures.js';
import type { Sandbox } from './fixtures.js';

const job = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'perl' }] } }, ...spec },
});
const getJob = (sb: Sandbox, name: string) => get(sb, 'batch/v1', 'Job', name)!;
const status = (sb: Sandbox, name: string) => getJob(sb, name).status as Record<string, unknown> & { conditions?: { type: string; status: string; reason: string; message: string }[] };
const active = (sb: Sandbox) => pods(sb).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes((p.status as { phase?: string } | undefined)?.phase ?? ''));
const condTypes = (sb: Sandbox, name: string) => (status(sb, name).conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);

describe('Job controller', () => {
  it('runs completions with parallelism and ends Complete (SuccessCriteriaMet first)', () => {
    const sb = sandbox();
    const j = sb.store.create(job('pi', { completions: 3, parallelism: 2 }));
    sb.runUntilSettled();
    let running = active(sb);
    expect(running).toHaveLength(2);
    for (const p of running) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi', 'controller-uid': j.metadata.uid, 'batch.kubernetes.io/controller-uid': j.metadata.uid });
      expect(p.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    }
    expect(status(sb, 'pi')).toMatchObject({ active: 2, ready: 0, startTime: '2025-01-01T00:00:00Z' });
    setPodPhase(sb, running[0]!, 'Succeeded');
    sb.runUntilSettled();
    expect(status(sb, 'pi')).toMatchObject({ active: 2, succeeded: 1 });
    expect(get(sb, 'v1', 'Pod', running[0]!.metadata.name)!.metadata.finalizers).toBeUndefined();
    sb.advance(5_000);
    running = active(sb);
    for (const p of running) setPodPhase(sb, p, 'Succeeded');
    sb.runUntilSettled();
    const s = status(sb, 'pi');
    expect(s).toMatchObject({ succeeded: 3, completionTime: '2025-01-01T00:00:05Z', uncountedTerminatedPods: {} });
    expect(s.active).toBeUndefined();
    expect(condTypes(sb, 'pi')).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(s.conditions!.find((c) => c.type === 'Complete')).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(messages(sb, 'SuccessfulCreate')).toEqual(pods(sb).map((p) => `Created pod: ${p.metadata.name}`));
    expect(messages(sb, 'Completed')).toEqual(['Job completed']);
  });

  it('backs off 10 s, 20 s… between failed pods and fails with BackoffLimitExceeded', () => {
    const sb = sandbox();
    sb.store.create(job('flaky', { backoffLimit: 2 }));
    const created: number[] = [];
    for (let i = 0; i < 3; i++) {
      sb.runUntilSettled();
      const [p] = active(sb);
      created.push(Date.parse(p!.metadata.creationTimestamp));
      setPodPhase(sb, p!, 'Failed');
    }
    sb.runUntilSettled();
    expect(created.map((t) => (t - created[0]!) / 1000)).toEqual([0, 10, 30]);
    expect(active(sb)).toHaveLength(0);
    const s = status(sb, 'flaky');
    expect(s.failed).toBe(3);
    expect(condTypes(sb, 'flaky')).toEqual(['FailureTarget', 'Failed']);
    expect(s.conditions!.find((c) => c.type === 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    const ev = sb.log.getState().find((e) => e.reason === 'BackoffLimitExceeded')!;
    expect(ev).toMatchObject({ type: 'Warning', message: 'Job has reached the specified backoff limit' });
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and removes running pods', () => {
    const sb = sandbox();
    sb.store.create(job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 2 }));
    sb.runUntilSettled();
    for (const p of active(sb)) setPodPhase(sb, p, 'Running');
    sb.advance(29_000);
    expect(condTypes(sb, 'slow')).toEqual([]);
    sb.advance(2_000);
    expect(active(sb)).toHaveLength(0);
    const s = status(sb, 'slow');
    expect(s.conditions!.find((c) => c.type === 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(messages(sb, 'SuccessfulDelete')).toHaveLength(2);
    expect(messages(sb, 'DeadlineExceeded')).toEqual(['Job was active longer than specified deadline']);
  });

  it('Indexed: one pod per index, completedIndexes, replacement for a failed index', () => {
    const sb = sandbox();
    sb.store.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    sb.runUntilSettled();
    const byIndex = new Map<string, StoredObject>(active(sb).map((p) => [p.metadata.annotations!['batch.kubernetes.io/job-completion-index']!, p]));
    expect([...byIndex.keys()].sort()).toEqual(['0', '1', '2']);
    const p1 = byIndex.get('1')!;
    expect(p1.metadata.name).toMatch(/^idx-1-[a-z0-9]{5}$/);
    expect(p1.metadata.labels!['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect((p1.spec as { hostname: string }).hostname).toBe('idx-1');
    setPodPhase(sb, byIndex.get('0')!, 'Succeeded');
    setPodPhase(sb, byIndex.get('2')!, 'Succeeded');
    setPodPhase(sb, p1, 'Failed');
    sb.runUntilSettled();
    expect(status(sb, 'idx')).toMatchObject({ completedIndexes: '0,2', succeeded: 2, failed: 1 });
    const [again] = active(sb);
    expect(again!.metadata.annotations!['batch.kubernetes.io/job-completion-index']).toBe('1');
    setPodPhase(sb, again!, 'Succeeded');
    sb.runUntilSettled();
    expect(status(sb, 'idx')).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
    expect(condTypes(sb, 'idx')).toContain('Complete');
  });

  it('suspend keeps pods away; resuming starts them', () => {
    const sb = sandbox();
    sb.store.create(job('later', { suspend: true }));
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(0);
    expect(status(sb, 'later').conditions![0]).toMatchObject({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(status(sb, 'later').startTime).toBeUndefined();
    sb.advance(60_000);
    const j = getJob(sb, 'later');
    sb.store.update({ ...j, spec: { ...(j.spec as object), suspend: false } } as KubeObject);
    sb.runUntilSettled();
    expect(active(sb)).toHaveLength(1);
    expect(status(sb, 'later')).toMatchObject({ startTime: '2025-01-01T00:01:00Z' });
    expect(status(sb, 'later').conditions![0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(messages(sb, 'Suspended')).toEqual(['Job suspended']);
    expect(messages(sb, 'Resumed')).toEqual(['Job resumed']);
  });

  it('work queue (no completions): the first success stops new pods; done when all finish', () => {
    const sb = sandbox();
    sb.store.create(job('queue', { parallelism: 3 }));
    sb.runUntilSettled();
    const [a, b, c] = active(sb);
    setPodPhase(sb, a!, 'Succeeded');
    sb.runUntilSettled();
    expect(active(sb)).toHaveLength(2);
    setPodPhase(sb, b!, 'Succeeded');
    setPodPhase(sb, c!, 'Succeeded');
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(3);
    expect(condTypes(sb, 'queue')).toContain('Complete');
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pods', () => {
    const sb = sandbox();
    sb.store.create(job('tmp', { ttlSecondsAfterFinished: 100 }));
    sb.runUntilSettled();
    setPodPhase(sb, active(sb)[0]!, 'Succeeded');
    sb.runUntilSettled();
    expect(condTypes(sb, 'tmp')).toContain('Complete');
    sb.advance(99_000);
    expect(get(sb, 'batch/v1', 'Job', 'tmp')).toBeDefined();
    sb.advance(2_000);
    sb.runUntilSettled();
    expect(get(sb, 'batch/v1', 'Job', 'tmp')).toBeUndefined();
    expect(pods(sb)).toHaveLength(0);
  });

  it('restartPolicy OnFailure: container restarts count toward backoffLimit', () => {
    const sb = sandbox();
    sb.store.create(job('retry', { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'perl' }] } } }));
    sb.runUntilSettled();
    const [p] = active(sb);
    const restart = (n: number) => {
      const cur = get(sb, 'v1', 'Pod', p!.metadata.name)!;
      sb.store.update({ ...cur, status: { phase: 'Running', containerStatuses: [{ name: 'main', restartCount: n, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } } as KubeObject, { subresource: 'status' });
      sb.runUntilSettled();
    };
    restart(1);
    expect(condTypes(sb, 'retry')).toEqual([]);
    restart(2);
    expect(condTypes(sb, 'retry')).toEqual(['FailureTarget', 'Failed']);
    expect(status(sb, 'retry').conditions!.find((c) => c.type === 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded' });
    expect(active(sb)).toHaveLength(0);
  });
});
