import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../simulator/index.js';
import { get, messages, pods, sandbox, setPodPhase } from './fixtures.js';
import type { Sandbox } from './fixtures.js';

const START = Date.UTC(2025, 0, 1);
const cronjob = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'default' },
  spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: { labels: { team: 'a' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } } } }, ...spec },
});
const jobs = (sb: Sandbox) => sb.store.list({ apiVersion: 'batch/v1', kind: 'Job' }, { namespace: 'default' });
const cjStatus = (sb: Sandbox) => get(sb, 'batch/v1', 'CronJob', 'hello')!.status as { active?: { name: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string };

/** Finish every running pod of every Job (as the kubelet would). */
function finishAll(sb: Sandbox, phase: 'Succeeded' | 'Failed'): void {
  for (const p of pods(sb)) if (!(p.status as { phase?: string } | undefined)?.phase) setPodPhase(sb, p, phase);
}

describe('CronJob controller', () => {
  it('creates <name>-<minutes since epoch> Jobs with the scheduled-timestamp annotation; crons do not keep the world busy', () => {
    const sb = sandbox();
    const cj = sb.store.create(cronjob({}));
    expect(sb.runUntilSettled()).toMatchObject({ settled: true, virtualMs: 0 });
    expect(jobs(sb)).toHaveLength(0);
    sb.advance(5 * 60_000);
    const [j] = jobs(sb);
    const minutes = (START + 5 * 60_000) / 60_000;
    expect(j!.metadata.name).toBe(`hello-${minutes}`);
    expect(j!.metadata.labels).toEqual({ team: 'a' });
    expect(j!.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:05:00Z' });
    expect(j!.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(cjStatus(sb)).toMatchObject({ lastScheduleTime: '2025-01-01T00:05:00Z', active: [{ name: `hello-${minutes}` }] });
    expect(messages(sb, 'SuccessfulCreate')[0]).toBe(`Created job hello-${minutes}`);
    finishAll(sb, 'Succeeded');
    sb.advance(1_000);
    expect(cjStatus(sb).active).toBeUndefined();
    expect(cjStatus(sb).lastSuccessfulTime).toBe('2025-01-01T00:05:00Z');
    expect(messages(sb, 'SawCompletedJob')).toEqual([`Saw completed job: hello-${minutes}, condition: Complete`]);
  });

  it('fast-forwards a day of */5 exactly: 288 runs, history limits keep 3 successful', () => {
    const sb = sandbox();
    sb.store.create(cronjob({ concurrencyPolicy: 'Forbid' }));
    const created = new Set<string>();
    for (let i = 0; i < 288; i++) {
      sb.advance(5 * 60_000);
      for (const j of jobs(sb)) created.add(j.metadata.name);
      finishAll(sb, 'Succeeded');
    }
    sb.runUntilSettled();
    expect(created.size).toBe(288);
    expect(messages(sb, 'SuccessfulCreate').filter((m) => m.startsWith('Created job'))).toHaveLength(288);
    expect(jobs(sb)).toHaveLength(3);
    expect(jobs(sb).map((j) => j.metadata.name).sort()).toEqual([`hello-${START / 60_000 + 1430}`, `hello-${START / 60_000 + 1435}`, `hello-${START / 60_000 + 1440}`]);
    expect(cjStatus(sb).lastScheduleTime).toBe('2025-01-02T00:00:00Z');
  });

  it('a single advance of a day with Allow creates every run at its own time', () => {
    const sb = sandbox();
    sb.store.create(cronjob({ successfulJobsHistoryLimit: 1000 }));
    sb.advance(86_400_000);
    expect(jobs(sb)).toHaveLength(288);
    const stamps = jobs(sb).map((j) => Date.parse(j.metadata.creationTimestamp) - Date.parse(j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']!));
    expect(new Set(stamps)).toEqual(new Set([0]));
  });

  it('Forbid skips a run while one is active; Replace deletes the running Job', () => {
    const forbid = sandbox();
    forbid.store.create(cronjob({ concurrencyPolicy: 'Forbid' }));
    forbid.advance(10 * 60_000);
    expect(jobs(forbid)).toHaveLength(1);
    expect(messages(forbid, 'JobAlreadyActive')).toEqual(['Not starting job because prior execution is running and concurrency policy is Forbid']);

    const replace = sandbox();
    replace.store.create(cronjob({ concurrencyPolicy: 'Replace' }));
    replace.advance(10 * 60_000);
    replace.runUntilSettled();
    const names = jobs(replace).map((j) => j.metadata.name);
    expect(names).toEqual([`hello-${START / 60_000 + 10}`]);
    expect(messages(replace, 'SuccessfulDelete')).toEqual([`Deleted job hello-${START / 60_000 + 5}`]);

    const allow = sandbox();
    allow.store.create(cronjob({}));
    allow.advance(10 * 60_000);
    expect(jobs(allow)).toHaveLength(2);
  });

  it('keeps failedJobsHistoryLimit failed Jobs', () => {
    const sb = sandbox();
    sb.store.create(cronjob({ failedJobsHistoryLimit: 1, jobTemplate: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'x' }] } } } } }));
    for (let i = 0; i < 3; i++) {
      sb.advance(5 * 60_000);
      finishAll(sb, 'Failed');
      sb.runUntilSettled();
    }
    sb.advance(1_000);
    const left = jobs(sb);
    expect(left.map((j) => j.metadata.name)).toEqual([`hello-${START / 60_000 + 15}`]);
  });

  it('suspend stops new runs', () => {
    const sb = sandbox();
    sb.store.create(cronjob({ suspend: true }));
    sb.advance(3_600_000);
    expect(jobs(sb)).toHaveLength(0);
  });

  it('startingDeadlineSeconds: start times older than the deadline are skipped; without it, >100 missed start times is reported', () => {
    const sb = sandbox();
    sb.store.create(cronjob({ schedule: '* * * * *', suspend: true, startingDeadlineSeconds: 10 }));
    sb.advance(200 * 60_000 + 30_000);
    const cj = get(sb, 'batch/v1', 'CronJob', 'hello')!;
    sb.store.update({ ...cj, spec: { ...(cj.spec as object), suspend: false } } as KubeObject);
    sb.runUntilSettled();
    // Every start time is older than the 10 s deadline: nothing runs until the next minute, nothing is reported.
    expect(jobs(sb)).toHaveLength(0);
    expect(messages(sb, 'TooManyMissedTimes')).toEqual([]);
    sb.advance(30_000);
    expect(jobs(sb).map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'])).toEqual(['2025-01-01T03:21:00Z']);

    const late = sandbox();
    late.store.create(cronjob({ schedule: '* * * * *', suspend: true }));
    late.advance(200 * 60_000 + 30_000);
    const c2 = get(late, 'batch/v1', 'CronJob', 'hello')!;
    late.store.update({ ...c2, spec: { ...(c2.spec as object), suspend: false } } as KubeObject);
    late.runUntilSettled();
    expect(messages(late, 'TooManyMissedTimes')).toEqual(['too many missed start times: 101. Set or decrease .spec.startingDeadlineSeconds or check clock skew']);
    // Only the most recent missed time runs.
    expect(jobs(late).map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'])).toEqual(['2025-01-01T03:20:00Z']);
  });

  it('honours timeZone', () => {
    const sb = sandbox();
    sb.store.create(cronjob({ schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' }));
    sb.advance(86_400_000);
    expect(jobs(sb).map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'])).toEqual(['2025-01-02T00:00:00Z']);
  });
});
