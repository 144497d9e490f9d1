import { describe, expect, it } from 'vitest';
import { Scheduler, VirtualClock } from '../../../simulator/core/index.js';

describe('Scheduler', () => {
  it('runs items in virtual-time order, FIFO within a time, and moves the clock', () => {
    const clock = new VirtualClock(1000);
    const s = new Scheduler(clock);
    const seen: string[] = [];
    s.setDispatch((i) => seen.push(`${clock.now()}:${i.key}`));
    s.enqueue('c', 'late', 500);
    s.enqueue('c', 'a');
    s.enqueue('c', 'b');
    s.runUntilSettled();
    expect(seen).toEqual(['1000:a', '1000:b', '1500:late']);
  });

  it('de-duplicates a key already waiting at or before the new time', () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    const seen: number[] = [];
    s.setDispatch(() => seen.push(clock.now()));
    s.enqueue('c', 'k', 100);
    s.enqueue('c', 'k', 200); // later: dropped
    s.enqueue('c', 'k', 50); // earlier: replaces
    s.runUntilSettled();
    expect(seen).toEqual([50]);
  });

  it('settles while only background work remains, and advance() runs it', () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    let runs = 0;
    s.setDispatch((i) => {
      runs++;
      s.enqueue(i.controller, i.key, 1000, true);
    });
    s.enqueue('resync', 'x', 1000, true);
    expect(s.runUntilSettled().settled).toBe(true);
    expect(runs).toBe(0);
    s.advance(3500);
    expect(runs).toBe(3);
    expect(clock.now()).toBe(3500);
  });

  it('stops at maxVirtualMs on a livelock instead of hanging', () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    s.setDispatch((i) => s.enqueue(i.controller, i.key, 10));
    s.enqueue('loop', 'k');
    const r = s.runUntilSettled({ maxVirtualMs: 60_000 });
    expect(r).toMatchObject({ settled: false, reason: 'max-virtual-time' });
    expect(clock.now()).toBe(60_000);
  });

  it('restores its queue exactly from state', () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    s.enqueue('a', '1', 30);
    s.enqueue('b', '2', 10, true);
    const state = s.getState();
    const s2 = new Scheduler(new VirtualClock(0));
    s2.setState(state);
    expect(s2.getState()).toEqual(state);
    expect(s2.hasForegroundWork()).toBe(true);
  });
});
