/**
 * Same seed + same inputs ⇒ the same world, byte for byte; a snapshot taken mid-run, sent through
 * JSON and restored into a fresh sandbox continues exactly as the uninterrupted run.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { Sandbox, SandboxSnapshot } from '../../../simulator/index.js';
import { END, phaseSummary, runScript } from './scenario.js';

interface Run {
  sb: Sandbox;
  log: string;
  dump: string;
  snapshot: string;
}

function finish(sb: Sandbox): Run {
  return { sb, log: sb.log.toJsonLines(), dump: JSON.stringify(sb.store.dump()), snapshot: JSON.stringify(sb.snapshot()) };
}

function fullRun(seed: number): Run {
  const sb = createSandbox({ seed });
  runScript(sb, sb.now(), 0, END);
  return finish(sb);
}

/** Run to `cut`, snapshot, JSON round-trip, restore into a fresh sandbox, run on to the end. */
function interruptedRun(seed: number, cut: number): Run {
  const first = createSandbox({ seed });
  const start = first.now();
  runScript(first, start, 0, cut);
  const saved = JSON.parse(JSON.stringify(first.snapshot())) as SandboxSnapshot;
  const second = createSandbox({ seed });
  second.restore(saved);
  expect(second.now()).toBe(start + cut);
  runScript(second, start, cut, END);
  return finish(second);
}

// Computed once: every test compares against the same uninterrupted run.
const reference = fullRun(42);

describe('determinism', () => {
  it('runs a non-trivial world (pods, rollout, failing Job, CronJob over hours)', () => {
    const kinds = new Set(reference.sb.log.all().map((e) => e.involvedObject.kind));
    expect(reference.sb.log.length).toBeGreaterThan(50);
    expect(kinds.has('Deployment') || kinds.has('ReplicaSet')).toBe(true);
    const summary = phaseSummary(reference.sb);
    expect(summary.filter((s) => s.startsWith('ReplicaSet ')).length).toBeGreaterThanOrEqual(2); // the rollout made a second ReplicaSet
    expect(summary.some((s) => s.startsWith('Pod ReplicaSet:'))).toBe(true);
    // The phases each part of the scenario is there to reach.
    expect(summary).toContain('Pod init-demo Succeeded');
    expect(summary).toContain('Pod init-fails Failed');
    expect(summary.find((s) => s.startsWith('Job flaky '))).toMatch(/failed=[1-9].*Failed/);
    expect(summary.find((s) => s.startsWith('Job batch '))).toMatch(/succeeded=4 .*Complete/);
    expect(summary.filter((s) => /^Job tick-\d+ succeeded=1 /.test(s)).length).toBeGreaterThanOrEqual(3);
    const reasons = new Set(reference.sb.log.all().map((e) => e.reason));
    for (const r of ['Scheduled', 'Pulled', 'Started', 'BackOff', 'ScalingReplicaSet', 'BackoffLimitExceeded']) expect(reasons).toContain(r);
  });

  it('same seed ⇒ byte-identical event log and store', () => {
    const again = fullRun(42);
    expect(again.log).toBe(reference.log);
    expect(again.dump).toBe(reference.dump);
    expect(again.snapshot).toBe(reference.snapshot);
  });

  it('another seed ⇒ other uids and names, the same phases', () => {
    const other = fullRun(7);
    expect(other.log).not.toBe(reference.log);
    const uids = (r: Run): string[] => [...r.sb.store.allObjects()].map((o) => o.metadata.uid);
    const shared = new Set(uids(reference));
    expect(uids(other).some((u) => shared.has(u))).toBe(false);
    expect(phaseSummary(other.sb)).toEqual(phaseSummary(reference.sb));
  });

  it.each([
    ['during the first rollout', 15_000],
    ['between user actions, with crons pending', 47 * 60_000 + 30_000],
  ])('snapshot → JSON → restore %s continues exactly like the uninterrupted run', (_label, cut) => {
    const resumed = interruptedRun(42, cut);
    expect(resumed.log).toBe(reference.log);
    expect(resumed.dump).toBe(reference.dump);
    expect(resumed.snapshot).toBe(reference.snapshot);
  });

  it('controller back-off state survives a snapshot', () => {
    const run = (cutAfter: number | undefined): { calls: number[]; snap: string } => {
      let sb = createSandbox({ seed: 1 });
      const calls: number[] = [];
      let failures = 0;
      const def = {
        name: 'flaky-test-controller',
        watches: [],
        reconcile(ctx: { now(): number }): void {
          calls.push(ctx.now());
          // Fails four times, then succeeds: retries at 5, 10, 20, 40 ms.
          if (failures++ < 4) throw new Error('not yet');
        },
      };
      sb.addController(def);
      sb.scheduler.enqueue(def.name, 'k');
      if (cutAfter !== undefined) {
        for (let i = 0; i < cutAfter; i++) sb.step();
        const saved = JSON.parse(JSON.stringify(sb.snapshot())) as SandboxSnapshot;
        sb = createSandbox({ seed: 1 });
        sb.addController(def);
        sb.restore(saved);
      }
      sb.runUntilSettled();
      return { calls: calls.map((c) => c - calls[0]!), snap: JSON.stringify(sb.snapshot()) };
    };
    const straight = run(undefined);
    expect(straight.calls).toEqual([0, 5, 15, 35, 75]);
    const cut = run(2);
    expect(cut.calls).toEqual(straight.calls);
    expect(cut.snap).toBe(straight.snap);
    expect(JSON.parse(straight.snap).controllers['flaky-test-controller']).toMatchObject({ reconciles: 5, errors: 4, failures: {}, lastError: 'not yet' });
  });
});
