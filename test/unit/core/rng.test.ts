import { describe, expect, it } from 'vitest';
import { Rng } from '../../../simulator/core/rng.js';

describe('Rng', () => {
  it('draws the same sequence and state as ever (state words kept exactly, the signed one too)', () => {
    const r = new Rng(1);
    expect(r.getState()).toEqual({ a: -1835104497, b: 1621824973, c: 3310820794, d: 2041432051 });
    expect(r.uuid()).toBe('6cf764cf-ca59-43c5-b0e6-58c6862c38f0');
    expect(r.suffix()).toBe('9826k');
    expect(r.getState()).toEqual({ a: -326256113, b: 3117016135, c: 4233191849, d: 2041432060 });
  });

  it('restores a saved state as given and continues from it', () => {
    const state = { a: 4000000000, b: 1, c: 2, d: 4294967295 };
    const r = new Rng(state);
    expect(r.getState()).toEqual(state);
    const t = r.nextUint32();
    expect(t).toBe(((((4000000000 + 1) >>> 0) + 4294967295) >>> 0));
    expect(r.getState().d).toBe(0);
    const copy = new Rng(7);
    copy.setState(r.getState());
    expect(copy.nextUint32()).toBe(r.nextUint32());
  });
});
