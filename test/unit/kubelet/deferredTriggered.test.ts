/** When a deferred process (argoexec wait) may exit: the container it names has exited, else every main sibling. */
import { describe, expect, it } from 'vitest';
import { awaited, deferredTriggered } from '../../../simulator/cluster/kubelet/effects.js';

type E = { spec: { name: string }; init: boolean; b: { s: string; fin: number }; cs: { state: { terminated?: unknown } } };

function entry(name: string, s: string, terminated: boolean, init = false): E {
  return { spec: { name }, init, b: { s, fin: 0 }, cs: { state: terminated ? { terminated: {} } : {} } };
}

/** The definition: every awaited container is done and terminated. */
function byList(entries: E[], x: E, after: string): boolean {
  return awaited(entries, x, after).every((y) => y.b.s === 'done' && y.cs.state.terminated !== undefined);
}

describe('deferredTriggered', () => {
  it('waits for the named container only', () => {
    const wait = entry('wait', 'running', false);
    const running = [entry('init', 'done', true, true), entry('main', 'running', false), wait, entry('side', 'running', false)];
    expect(deferredTriggered(running, wait, 'main')).toBe(false);
    const exited = [entry('init', 'done', true, true), entry('main', 'done', true), wait, entry('side', 'running', false)];
    expect(deferredTriggered(exited, wait, 'main')).toBe(true);
    // Done but without a terminated state (never ran) is not an exit.
    expect(deferredTriggered([entry('main', 'done', false), wait], wait, 'main')).toBe(false);
  });

  it('without that name, waits for every other main container (a container set), not the init ones', () => {
    const w = entry('wait', 'running', false);
    const some = [entry('init', 'running', false, true), entry('a', 'done', true), entry('b', 'running', false), w];
    expect(deferredTriggered(some, w, 'main')).toBe(false);
    const all = [entry('init', 'running', false, true), entry('a', 'done', true), entry('b', 'done', true), w];
    expect(deferredTriggered(all, w, 'main')).toBe(true);
    expect(deferredTriggered([w], w, 'main')).toBe(true);
  });

  it('agrees with the list definition on every combination of three containers', () => {
    const stages = ['running', 'done'];
    for (let m = 0; m < 64; m++) {
      const es = [0, 1, 2].map((i) => entry(i === 0 ? 'main' : `c${i}`, stages[(m >> (2 * i)) & 1]!, ((m >> (2 * i + 1)) & 1) === 1, i === 2));
      const w = entry('wait', 'running', false);
      for (const after of ['main', 'nope']) expect(deferredTriggered([...es, w], w, after)).toBe(byList([...es, w], w, after));
    }
  });
});
