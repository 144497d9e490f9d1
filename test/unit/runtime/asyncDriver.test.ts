import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../simulator/sandbox.js';
import { AwaitingRuntimeError } from '../../../simulator/core/asyncJobs.js';

const T0 = Date.UTC(2025, 0, 1);

/** A world with one controller whose reconcile starts async work for keys starting with `job`. */
function world(delays: Record<string, number>) {
  const sb = new Sandbox({ seed: 3, startTime: T0 });
  const applied: string[] = [];
  sb.addController({
    name: 'worker',
    watches: [],
    reconcile(ctx, key) {
      applied.push(`run ${key} @${ctx.now() - T0}`);
      if (!key.startsWith('job')) return;
      ctx.sandbox.jobs.start(
        key,
        () => new Promise<string>((resolve) => setTimeout(() => resolve(key.toUpperCase()), delays[key] ?? 0)),
        (r) => {
          applied.push(`applied ${r.ok ? r.value : 'error'} @${ctx.now() - T0}`);
          ctx.enqueue(`after-${key}`, 1000);
        },
      );
    },
  });
  return { sb, applied };
}

describe('async driver', () => {
  it('sync runUntilSettled stops with awaiting-runtime instead of running past pending work', () => {
    const { sb, applied } = world({});
    sb.scheduler.enqueue('worker', 'job-a', 500);
    sb.scheduler.enqueue('worker', 'plain', 900);
    const r = sb.runUntilSettled();
    expect(r.reason).toBe('awaiting-runtime');
    expect(r.settled).toBe(false);
    expect(applied).toEqual(['run job-a @500']);
    expect(() => sb.step()).toThrow(AwaitingRuntimeError);
    expect(() => sb.advance(1000)).toThrow(/use runUntilSettledAsync/);
    expect(sb.now() - T0).toBe(500);
  });

  it('applies results in job-start order whatever their real durations, with virtual time frozen meanwhile', async () => {
    // job-a takes longer in real time than job-b, yet its result is applied first.
    const { sb, applied } = world({ 'job-a': 30, 'job-b': 1 });
    sb.scheduler.enqueue('worker', 'job-a', 100);
    sb.scheduler.enqueue('worker', 'job-b', 100);
    const r = await sb.runUntilSettledAsync();
    expect(r.reason).toBe('settled');
    expect(applied).toEqual(['run job-a @100', 'applied JOB-A @100', 'run job-b @100', 'applied JOB-B @100', 'run after-job-a @1100', 'run after-job-b @1100']);
  });

  it('advanceAsync and stepAsync move through pending work', async () => {
    const { sb, applied } = world({});
    sb.scheduler.enqueue('worker', 'job-x', 10);
    expect(await sb.advanceAsync(2000)).toBe(2);
    expect(sb.now() - T0).toBe(2000);
    sb.scheduler.enqueue('worker', 'job-y', 0);
    expect(await sb.stepAsync()).toBe(true);
    expect(sb.jobs.pending).toBe(0);
    expect(applied.slice(-2)).toEqual(['run job-y @2000', 'applied JOB-Y @2000']);
  });

  it('a failing job delivers its error through apply', async () => {
    const sb = new Sandbox();
    let seen = '';
    sb.jobs.start('boom', () => Promise.reject(new Error('nope')), (r) => (seen = r.ok ? 'ok' : String(r.error)));
    await sb.runUntilSettledAsync();
    expect(seen).toBe('Error: nope');
  });
});
