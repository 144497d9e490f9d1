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

  it('runs due-now and delayed items in (time, queue order) exactly as a sorted list would, across restores', () => {
    // A small seeded generator, so the test is the same every run.
    let x = 12345;
    const rnd = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 8) % n;
    };
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    // The reference: live items by controller/key, run in (at, seq) order.
    const live = new Map<string, { at: number; seq: number }>();
    let seq = 0;
    const ran: string[] = [];
    const want: string[] = [];
    const enqueue = (c: string, k: string, delay: number) => {
      s.enqueue(c, k, delay);
      const at = clock.now() + delay;
      const cur = live.get(`${c}/${k}`);
      if (cur && cur.at <= at) return;
      live.set(`${c}/${k}`, { at, seq: seq++ });
    };
    s.setDispatch((item) => {
      ran.push(`${clock.now()}:${item.controller}/${item.key}`);
      // Work makes more work: now and later, often the same keys again.
      for (let i = rnd(3); i > 0; i--) enqueue(`c${rnd(3)}`, `k${rnd(8)}`, rnd(2) ? 0 : rnd(40));
    });
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 5; i++) enqueue(`c${rnd(3)}`, `k${rnd(8)}`, rnd(2) ? 0 : rnd(40));
      for (let n = rnd(12); n > 0; n--) {
        let best: [string, { at: number; seq: number }] | undefined;
        for (const e of live) if (!best || e[1].at < best[1].at || (e[1].at === best[1].at && e[1].seq < best[1].seq)) best = e;
        if (!best) break;
        live.delete(best[0]);
        want.push(`${Math.max(clock.now(), best[1].at)}:${best[0]}`);
        expect(s.step()).toBe(true);
      }
      if (round % 7 === 3) {
        // Snapshot and restore (the clock goes back to the saved time, as Sandbox.restore does).
        const state = s.getState();
        const now = clock.now();
        clock.restore(now);
        s.setState(state);
      }
    }
    expect(ran).toEqual(want);
  });

  it('runs every item through its own step, which callers may wrap (the UI counts dispatches so)', () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    let dispatched = 0;
    s.setDispatch(() => dispatched++);
    let stepped = 0;
    const step = s.step.bind(s);
    s.step = () => {
      const ran = step();
      if (ran) stepped++;
      return ran;
    };
    for (let i = 0; i < 5; i++) s.enqueue('c', `k${i}`, i * 10);
    s.advance(15);
    s.enqueue('c', 'now');
    s.runUntilSettled();
    expect(dispatched).toBe(6);
    expect(stepped).toBe(6);
  });
});

