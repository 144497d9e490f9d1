import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';

describe('snapshot extensions', () => {
  it('saves and restores registered part state by name', () => {
    let counter = { n: 1 };
    const sb = createSandbox({ seed: 3 });
    sb.registerState('counter', { getState: () => counter, setState: (s) => (counter = s as { n: number }) });
    counter.n = 7;
    const saved = JSON.parse(JSON.stringify(sb.snapshot())) as ReturnType<typeof sb.snapshot>;
    // Installed parts (git, pod files, Argo CD…) register theirs too; this test's part is saved by its name.
    expect(saved.extensions.counter).toEqual({ n: 7 });
    counter.n = 99;
    sb.restore(saved);
    expect(counter).toEqual({ n: 7 });
    expect(() => sb.registerState('counter', { getState: () => 0, setState: () => undefined })).toThrow(/already registered/);
  });
});
