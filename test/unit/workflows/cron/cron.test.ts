import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { Sandbox } from '../../../../simulator/sandbox.js';
import type { ClusterController } from '../../../../simulator/sandbox.js';
import type { KubeObject, StoredObject } from '../../../../simulator/index.js';
import { installCrd } from '../../../../simulator/cluster/crd/index.js';
import { workflowCrds } from '../../../../simulator/workflows/crds/index.js';
import { cronWorkflowController } from '../../../../simulator/workflows/cron/index.js';

const WF = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' };
const START = Date.UTC(2025, 0, 1, 0, 0, 0);

/** Stands in for the workflow operator: finishes each new workflow at once with `phase` (or leaves it running). */
function finisher(phase: (wf: StoredObject) => string | undefined): ClusterController {
  return {
    name: 'test-finisher',
    watches: [{ group: 'argoproj.io', kind: 'Workflow' }],
    reconcile(ctx, key) {
      const [namespace, name] = key.split('/');
      const wf = ctx.store.get({ ...WF, namespace, name });
      if (!wf || wf.status) return;
      const p = phase(wf);
      if (p) ctx.store.update({ ...wf, status: { phase: p, startedAt: ctx.iso(), finishedAt: ctx.iso() } } as KubeObject);
    },
  };
}

function world(cron: string, phase?: (wf: StoredObject) => string | undefined) {
  const sb = new Sandbox({ seed: 1, startTime: START });
  for (const crd of workflowCrds()) installCrd(sb.store, crd);
  sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  sb.addController(cronWorkflowController);
  if (phase) sb.addController(finisher(phase));
  const obj = load(cron) as KubeObject;
  sb.store.create({ ...obj, apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c', namespace: 'default', ...(obj.metadata ?? {}) } });
  const cwf = () => sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', namespace: 'default', name: 'c' });
  const status = () => (cwf().status ?? {}) as { active?: { name: string }[]; lastScheduledTime?: string; succeeded?: number; failed?: number; phase?: string; conditions?: { type: string; message: string }[] };
  const wfs = () => sb.store.list(WF, { namespace: 'default' });
  const update = (f: (spec: Record<string, unknown>) => void) => {
    const cur = cwf();
    const spec = { ...(cur.spec as Record<string, unknown>) };
    f(spec);
    sb.store.update({ ...cur, spec } as KubeObject);
  };
  return { sb, cwf, status, wfs, update };
}

const SPEC = `workflowSpec: {entrypoint: a, templates: [{name: a, container: {image: alpine}}]}`;
const min = 60_000;

describe('CronWorkflow controller', () => {
  it('fast-forwards a day of */5 runs: <cron>-<unix> names, scheduled-time, counters, history limits', () => {
    const w = world(`{spec: {schedules: ["*/5 * * * *"], ${SPEC}}}`, () => 'Succeeded');
    const t0 = performance.now();
    w.sb.advance(24 * 60 * min);
    const wall = performance.now() - t0;
    console.log(`cron: a day of */5 schedules (288 runs) in ${wall.toFixed(0)} ms wall`);
    const st = w.status();
    expect(st.succeeded).toBe(288);
    expect(st.phase).toBe('Active');
    expect(st.lastScheduledTime).toBe('2025-01-02T00:00:00Z');
    expect(st.active).toBeUndefined();
    const names = w.wfs().filter((x) => !x.metadata.deletionTimestamp).map((x) => x.metadata.name).sort();
    expect(names).toEqual([`c-${(START + 1430 * min) / 1000}`, `c-${(START + 1435 * min) / 1000}`, `c-${(START + 1440 * min) / 1000}`]);
    const last = w.sb.store.mustGet({ ...WF, namespace: 'default', name: names[2] });
    expect(last.metadata.labels).toEqual({ 'workflows.argoproj.io/cron-workflow': 'c' });
    expect(last.metadata.annotations).toEqual({ 'workflows.argoproj.io/scheduled-time': '2025-01-02T00:00:00Z' });
    expect(last.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronWorkflow', name: 'c', controller: true });
    expect(w.cwf().metadata.annotations).toEqual({ 'cronworkflows.argoproj.io/last-used-schedule': '*/5 * * * *' });
    // Only background timers remain: the world is settled.
    expect(w.sb.runUntilSettled({ maxVirtualMs: 1000 }).settled).toBe(true);
  });

  it('timezone: fire times and scheduled-time in the zone, workflowMetadata and history limits applied', () => {
    const w = world(
      `{spec: {schedules: ["0 9 * * *"], timezone: Asia/Tokyo, successfulJobsHistoryLimit: 1, workflowMetadata: {labels: {team: a}, annotations: {note: x}}, ${SPEC}}}`,
      () => 'Succeeded',
    );
    w.sb.advance(2 * 24 * 60 * min);
    const [wf] = w.wfs().filter((x) => !x.metadata.deletionTimestamp);
    expect(wf.metadata.name).toBe(`c-${(START + 48 * 60 * min) / 1000}`);
    expect(wf.metadata.annotations).toEqual({ 'workflows.argoproj.io/scheduled-time': '2025-01-03T09:00:00+09:00', note: 'x' });
    expect(wf.metadata.labels).toEqual({ 'workflows.argoproj.io/cron-workflow': 'c', team: 'a' });
    expect(w.status().succeeded).toBe(2);
    // status times are metav1.Time: always UTC, whatever the schedule's zone.
    expect(w.status().lastScheduledTime).toBe('2025-01-03T00:00:00Z');
    expect(w.cwf().metadata.annotations?.['cronworkflows.argoproj.io/last-used-schedule']).toBe('CRON_TZ=Asia/Tokyo 0 9 * * *');
  });

  it('concurrencyPolicy Forbid skips runs while one is active; Replace terminates the active one', () => {
    const f = world(`{spec: {schedules: ["*/10 * * * *"], concurrencyPolicy: Forbid, ${SPEC}}}`);
    f.sb.advance(60 * min);
    expect(f.wfs().map((x) => x.metadata.name)).toEqual([`c-${(START + 10 * min) / 1000}`]);
    expect(f.status().active?.map((a) => a.name)).toEqual([`c-${(START + 10 * min) / 1000}`]);
    expect(f.sb.log.all().some((e) => e.reason === 'ConcurrencyPolicyForbid')).toBe(true);

    const r = world(`{spec: {schedules: ["*/10 * * * *"], concurrencyPolicy: Replace, ${SPEC}}}`);
    r.sb.advance(30 * min);
    const shut = r.wfs().map((x) => [x.metadata.name, (x.spec as { shutdown?: string }).shutdown ?? '']);
    expect(shut).toEqual([
      [`c-${(START + 10 * min) / 1000}`, 'Terminate'],
      [`c-${(START + 20 * min) / 1000}`, 'Terminate'],
      [`c-${(START + 30 * min) / 1000}`, ''],
    ]);
  });

  it('suspend and when stop runs; legacy schedule works', () => {
    const s = world(`{spec: {schedule: "* * * * *", suspend: true, ${SPEC}}}`);
    s.sb.advance(10 * min);
    expect(s.wfs()).toHaveLength(0);
    const w = world(`{spec: {schedule: "* * * * *", when: "{{cronworkflow.succeeded}} < 2", ${SPEC}}}`, () => 'Succeeded');
    w.sb.advance(10 * min);
    expect(w.wfs()).toHaveLength(2);
    expect(w.sb.log.all().some((e) => e.reason === 'CronWorkflowWhenFalse')).toBe(true);
  });

  it('when with {{= }} expressions over cronworkflow.* and virtual now(); a broken when is a SubmissionError, once per fire', () => {
    const w = world(`{spec: {schedules: ["* * * * *"], when: "{{= cronworkflow.lastScheduledTime == nil || (now() - cronworkflow.lastScheduledTime).Seconds() > 360 }}", ${SPEC}}}`, () => 'Succeeded');
    w.sb.advance(20 * min);
    expect(w.wfs().map((x) => (Number(x.metadata.name.slice(2)) * 1000 - START) / min)).toEqual([1, 8, 15]);
    const b = world(`{spec: {schedules: ["*/5 * * * *"], when: "{{= nope(1) }}", ${SPEC}}}`);
    b.sb.advance(12 * min);
    expect(b.wfs()).toHaveLength(0);
    expect(b.status().failed).toBe(2);
    expect(b.status().conditions?.[0]).toMatchObject({ type: 'SubmissionError' });
  });

  it('stopStrategy: after two failures the cron is Stopped and labelled completed', () => {
    const w = world(`{spec: {schedules: ["*/5 * * * *"], failedJobsHistoryLimit: 5, stopStrategy: {expression: "cronworkflow.failed >= 2"}, ${SPEC}}}`, () => 'Failed');
    w.sb.advance(60 * min);
    expect(w.status().phase).toBe('Stopped');
    expect(w.status().failed).toBe(2);
    expect(w.cwf().metadata.labels).toEqual({ 'cronworkflows.argoproj.io/completed': 'true' });
    expect(w.wfs()).toHaveLength(2);
  });

  it('startingDeadlineSeconds: a missed run starts late only inside the deadline', () => {
    for (const [deadline, expected] of [
      [180, [5, 30]],
      [60, [5]],
    ] as const) {
      const w = world(`{spec: {schedules: ["*/5 * * * *"], startingDeadlineSeconds: ${deadline}, ${SPEC}}}`, () => 'Succeeded');
      w.sb.advance(6 * min);
      w.update((s) => (s.suspend = true));
      w.sb.advance(26 * min); // 00:32
      w.update((s) => delete s.suspend);
      w.sb.advance(1000);
      expect(w.wfs().map((x) => (Number(x.metadata.name.slice(2)) * 1000 - START) / min)).toEqual(expected);
    }
  });

  it('an invalid spec sets a SpecError condition and schedules nothing', () => {
    const w = world(`{spec: {schedules: ["61 * * * *"], ${SPEC}}}`);
    w.sb.advance(90 * min);
    expect(w.wfs()).toHaveLength(0);
    expect(w.status().conditions?.[0]).toMatchObject({ type: 'SpecError' });
    expect(w.status().conditions?.[0].message).toMatch(/^cron schedule 61 \* \* \* \* is malformed: /);
  });
});

describe('fire times', () => {
  it('match cron-parser over long gaps, DST changes and several schedules', async () => {
    const { latestFireTime, nextFireTime } = await import('../../../../simulator/workflows/cron/schedule.js');
    const spec = { schedules: ['30 2 * * *', '0 */6 * * *'], timezone: 'America/New_York' };
    // 2025-03-09 is the spring-forward day in New York: 02:30 does not exist; cron-parser runs it at 03:30 EDT.
    const day = Date.UTC(2025, 2, 9, 0, 0);
    const fires: string[] = [];
    for (let t = nextFireTime(spec, day); t !== undefined && t < day + 2 * 86_400_000; t = nextFireTime(spec, t)) fires.push(new Date(t).toISOString().slice(0, 16));
    expect(fires).toEqual(['2025-03-09T05:00', '2025-03-09T07:30', '2025-03-09T10:00', '2025-03-09T16:00', '2025-03-09T22:00', '2025-03-10T04:00', '2025-03-10T06:30', '2025-03-10T10:00', '2025-03-10T16:00', '2025-03-10T22:00']);
    expect(latestFireTime(spec, day - 400 * 86_400_000, day)).toBe(Date.UTC(2025, 2, 8, 23, 0));
    expect(latestFireTime(spec, Date.UTC(2025, 2, 8, 23, 0), day)).toBeUndefined();
  });
});

describe('determinism', () => {
  it('same seed, same events; a snapshot restored mid-day continues exactly like the uninterrupted run', () => {
    const cron = `{spec: {schedules: ["*/7 * * * *"], concurrencyPolicy: Forbid, ${SPEC}}}`;
    let n = 0;
    const phase = () => (n++ % 3 === 0 ? 'Failed' : 'Succeeded');
    const a = world(cron, phase);
    a.sb.advance(3 * 60 * min);
    n = 0;
    const b = world(cron, phase);
    b.sb.advance(3 * 60 * min);
    expect(JSON.stringify(b.sb.log.all())).toBe(JSON.stringify(a.sb.log.all()));

    n = 0;
    const c = world(cron, phase);
    c.sb.advance(90 * min);
    const snap = JSON.parse(JSON.stringify(c.sb.snapshot()));
    const d = new Sandbox({ seed: 1, startTime: START });
    for (const crd of workflowCrds()) installCrd(d.store, crd);
    d.addController(cronWorkflowController);
    d.addController(finisher(phase));
    d.restore(snap);
    d.advance(90 * min);
    expect(JSON.stringify(d.log.all())).toBe(JSON.stringify(a.sb.log.all()));
    expect(d.store.dump().objects.filter((o) => o.kind === 'Workflow').map((o) => o.metadata.name)).toEqual(a.wfs().map((o) => o.metadata.name));
  });
});
