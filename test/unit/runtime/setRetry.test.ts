import { describe, expect, it } from 'vitest';
import { containerSetBackoff, parseGoDuration, withSetRetry } from '../../../simulator/runtime/argoexec/index.js';
import type { ProcessPlan } from '../../../simulator/runtime/index.js';

const tmpl = (rs: unknown) => JSON.stringify({ name: 't', containerSet: { containers: [{ name: 'a' }], retryStrategy: rs } });
const exitWith = (code: number, text: string, durationMs = 1000): ProcessPlan => ({ lines: [{ offsetMs: 0, text }], forever: false, durationMs, exitCode: code, handlesSigterm: false, sigtermExitCode: 143, argv: ['x'] });

describe('containerSet backoff (GetRetryStrategy + wait.ExponentialBackoff)', () => {
  it('reads retries as int or string (intstr.IntValue) and the duration with Go units', () => {
    expect(containerSetBackoff(undefined)).toEqual({ steps: 1, durationMs: 0 });
    expect(containerSetBackoff(tmpl({ duration: '1s' }))).toEqual({ steps: 1, durationMs: 0 });
    expect(containerSetBackoff(tmpl({ retries: '10', duration: '30s' }))).toEqual({ steps: 10, durationMs: 30_000 });
    expect(containerSetBackoff(tmpl({ retries: 2, duration: '1m30s' }))).toEqual({ steps: 2, durationMs: 90_000 });
    expect(containerSetBackoff(tmpl({ retries: 'x' }))).toEqual({ steps: 0, durationMs: 0 });
    expect(containerSetBackoff(tmpl({ retries: 2, duration: '-1s' }))).toEqual({ error: 'failed to get retry strategy: duration has to be positive, current duration: -1s ' });
  });

  it("parses durations like Go's time.ParseDuration, errors included", () => {
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('5')).toEqual({ error: 'time: missing unit in duration "5"' });
    expect(parseGoDuration('5d')).toEqual({ error: 'time: unknown unit "d" in duration "5d"' });
    expect(parseGoDuration('s')).toEqual({ error: 'time: invalid duration "s"' });
  });

  it('attempts run back to back with the pause between them, each from the time, files and a seed of its own', () => {
    const seen: { start: number; seed: number | undefined; files: Record<string, string> }[] = [];
    const r = withSetRetry({ image: 'alpine', startTime: 1_000, seed: 5 }, ['x'], tmpl({ retries: 3, duration: '2s' }), (at) => {
      seen.push({ start: at.startTime, seed: at.seed, files: { ...(at.files ?? {}) } });
      const n = seen.length;
      return { plan: { ...exitWith(n < 3 ? 1 : 0, `try ${n}`), effects: { files: [{ path: '/tmp/n', content: String(n) }] } } };
    });
    expect('plan' in r).toBe(true);
    const plan = (r as { plan: ProcessPlan }).plan;
    expect(seen.map((s) => s.start)).toEqual([1_000, 4_000, 7_000]);
    expect(new Set(seen.map((s) => s.seed)).size).toBe(3);
    expect(seen.map((s) => s.files['/tmp/n'])).toEqual([undefined, '1', '2']);
    expect(plan.lines).toEqual([{ offsetMs: 0, text: 'try 1' }, { offsetMs: 3_000, text: 'try 2' }, { offsetMs: 6_000, text: 'try 3' }]);
    expect(plan.durationMs).toBe(7_000);
    expect(plan.exitCode).toBe(0);
  });

  it('retries 0 runs no attempt and exits 0 (OnError with no steps returns nil)', () => {
    let calls = 0;
    const r = withSetRetry({ image: 'alpine', startTime: 0 }, ['x'], tmpl({ retries: 0 }), () => {
      calls++;
      return { plan: exitWith(1, 'ran') };
    });
    expect(calls).toBe(0);
    expect((r as { plan: ProcessPlan }).plan.exitCode).toBe(0);
  });

  it('an async attempt (real shell, CPython) makes the whole retry async and keeps going after it', async () => {
    let n = 0;
    const r = withSetRetry({ image: 'alpine', startTime: 0 }, ['x'], tmpl({ retries: 3 }), () => {
      n++;
      const p = exitWith(n < 2 ? 1 : 0, `async ${n}`);
      return { async: { label: 'bash', run: () => Promise.resolve(p) } };
    });
    expect('async' in r).toBe(true);
    const plan = await (r as { async: { run: () => Promise<ProcessPlan> } }).async.run();
    expect(plan.lines.map((l) => l.text)).toEqual(['async 1', 'async 2']);
    expect(plan.exitCode).toBe(0);
  });
});
