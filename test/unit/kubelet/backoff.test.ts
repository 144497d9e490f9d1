import { describe, expect, it } from 'vitest';
import { INSTANT, apply, container, eventTimes, events, getPod, maybeContainer, pod, status, until, world } from './helpers.js';

function crashing(name: string, script: string) {
  return pod(name, { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script] }] }, INSTANT);
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('kubelet: CrashLoopBackOff', () => {
  it('restarts at once after the first crash, then waits 10s, 20s, 40s … capped at 5 minutes', () => {
    const sb = world();
    apply(sb, [crashing('crash', 'echo boom; exit 1')]);
    const t0 = sb.now();
    sb.advance(1_300_000);
    const starts = eventTimes(sb, 'crash', 'Started', t0);
    expect(gaps(starts).slice(0, 9)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    const uid = getPod(sb, 'crash')!.metadata.uid;
    expect(events(sb, 'crash')).toContain(`BackOff: Back-off restarting failed container main in pod crash_default(${uid})`);
    expect(status(sb, 'crash').phase).toBe('Running');
  });

  it('reports the current back-off in the waiting state, with the last termination in lastState', () => {
    const sb = world();
    apply(sb, [crashing('crash', 'exit 3')]);
    const uid = () => getPod(sb, 'crash')!.metadata.uid;
    until(sb, () => maybeContainer(sb, 'crash', 'main')?.state.waiting?.reason === 'CrashLoopBackOff', 60_000, 50);
    const first = container(sb, 'crash', 'main');
    expect(first.state.waiting!.message).toBe(`back-off 10s restarting failed container=main pod=crash_default(${uid()})`);
    expect(first.restartCount).toBe(1);
    expect(first.ready).toBe(false);
    expect(first.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    sb.advance(10_000);
    const second = container(sb, 'crash', 'main');
    expect(second.restartCount).toBe(2);
    expect(second.state.waiting!.message).toBe(`back-off 20s restarting failed container=main pod=crash_default(${uid()})`);
    sb.advance(600_000);
    expect(container(sb, 'crash', 'main').state.waiting?.message).toBe(`back-off 5m0s restarting failed container=main pod=crash_default(${uid()})`);
  });

  it('resets the back-off when the container ran for more than 10 minutes', () => {
    const sb = world();
    apply(sb, [crashing('slow', 'sleep 700; exit 1'), crashing('fast', 'sleep 500; exit 1')]);
    const t0 = sb.now();
    sb.advance(2_200_000);
    // Each run of `slow` outlasts the 10-minute reset window, so every restart is immediate.
    expect(gaps(eventTimes(sb, 'slow', 'Started', t0)).slice(0, 2)).toEqual([700_000, 700_000]);
    expect(events(sb, 'slow').some((e) => e.startsWith('BackOff'))).toBe(false);
    // `fast` crashes within the window: the second restart waits 10 s.
    expect(gaps(eventTimes(sb, 'fast', 'Started', t0)).slice(0, 2)).toEqual([500_000, 510_000]);
  });
});
