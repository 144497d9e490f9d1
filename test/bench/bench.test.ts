/** The benchmark bodies at a tiny size: they run and measure what they claim (no timing assertions). */
import { describe, expect, it } from 'vitest';
import { benchEvents, benchMemory, benchPods, benchStoreList, benchWorkflowDag, benchWorkflowSteps, benchWorld, benchWrites } from './benchmarks.js';

describe('bench functions (tiny sizes)', () => {
  it('pods: every pod is created and runs to Succeeded in virtual time', () => {
    const r = benchPods(20);
    expect(r).toMatchObject({ pods: 20, succeeded: 20, settled: true });
    expect(r.virtualMs).toBeGreaterThan(0);
    expect(r.writes).toBeGreaterThanOrEqual(20 * 3); // create, bind, status…
    expect(r.kubeEvents).toBeGreaterThanOrEqual(20);
  });

  it('store list: label selectors match the expected share of objects', () => {
    const r = benchStoreList(1000, 1);
    expect(r.objects).toBe(1000);
    expect(r.listEqMatched).toBe(10); // app=app-7: one in a hundred
    expect(r.listSetMatched).toBe(10); // app in (app-1,app-2) and tier!=backend: only the even ones of each
  });

  it('memory, writes and events report figures for the sizes asked', () => {
    const m = benchMemory(500);
    expect(m.objects).toBe(500);
    expect(Number.isFinite(m.bytesPerObject)).toBe(true);
    const w = benchWrites(200);
    expect(w.writes).toBe(200);
    expect(w.createPerSec).toBeGreaterThan(0);
    const e = benchEvents(300, 30);
    expect(e).toMatchObject({ events: 300, distinct: 30, kubeEvents: 30 });
  });

  it('world: the two-hour scenario runs and reports its counts', () => {
    const w = benchWorld();
    expect(w.virtualMs).toBe(2 * 3_600_000);
    expect(w.events).toBeGreaterThan(50);
    expect(w.writes).toBeGreaterThan(w.events);
  });

  it('workflows: the DAG and the steps workflow run to Succeeded and count their work', () => {
    const d = benchWorkflowDag(5);
    expect(d).toMatchObject({ tasks: 7, phase: 'Succeeded', progress: '7/7', settled: true });
    // Each task is a pod (created, bound, three containers) with its task result and Events.
    expect(d.writes / d.tasks).toBeGreaterThan(10);
    expect(d.kubeEvents).toBeGreaterThanOrEqual(7 * 9);
    const s = benchWorkflowSteps(3);
    expect(s).toMatchObject({ tasks: 3, phase: 'Succeeded', progress: '3/3', settled: true });
    expect(s.steps).toBeGreaterThan(3 * 10);
  });
});
