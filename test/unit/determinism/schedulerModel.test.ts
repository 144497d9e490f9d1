/**
 * The scheduler's heap and de-duplication against a naive model: random enqueues (with delays,
 * repeats and background items) interleaved with steps must run the same items in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler, VirtualClock } from '../../../simulator/core/index.js';

type Op = { kind: 'enqueue'; controller: string; key: string; delay: number; background: boolean } | { kind: 'step' };

/** client-go workqueue semantics, the slow obvious way. */
class Model {
  seq = 0;
  now = 0;
  items = new Map<string, { at: number; seq: number; controller: string; key: string; background: boolean }>();
  enqueue(controller: string, key: string, delay: number, background: boolean): void {
    const at = this.now + Math.max(0, Math.round(delay));
    const id = `${controller}|${key}`;
    const existing = this.items.get(id);
    if (existing && existing.at <= at) return;
    this.items.set(id, { at, seq: this.seq++, controller, key, background: background && (existing?.background ?? true) });
  }
  step(): string | undefined {
    const next = [...this.items.values()].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
    if (!next) return undefined;
    this.items.delete(`${next.controller}|${next.key}`);
    this.now = Math.max(this.now, next.at);
    return `${next.at}:${next.controller}:${next.key}:${next.background}`;
  }
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('enqueue' as const),
    controller: fc.constantFrom('a', 'b', 'c'),
    key: fc.constantFrom('x', 'y', 'z', 'w'),
    delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 })),
    background: fc.boolean(),
  }),
  fc.constant({ kind: 'step' as const }),
);

describe('scheduler vs a naive model', () => {
  it('runs the same items in the same order, and reports foreground work the same', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const clock = new VirtualClock(0);
        const s = new Scheduler(clock);
        const seen: string[] = [];
        s.setDispatch((i) => seen.push(`${i.at}:${i.controller}:${i.key}:${i.background}`));
        const m = new Model();
        const expected: string[] = [];
        for (const o of ops) {
          if (o.kind === 'enqueue') {
            s.enqueue(o.controller, o.key, o.delay, o.background);
            m.enqueue(o.controller, o.key, o.delay, o.background);
          } else {
            s.step();
            const r = m.step();
            if (r) expected.push(r);
          }
          expect(s.size).toBe(m.items.size);
          expect(s.hasForegroundWork()).toBe([...m.items.values()].some((i) => !i.background));
        }
        expect(seen).toEqual(expected);
        // Draining the rest keeps the order too.
        while (s.step()) {
          /* drain */
        }
        for (let r = m.step(); r; r = m.step()) expected.push(r);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
