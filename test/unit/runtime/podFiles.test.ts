/** Pod files keep async plans in a Map; snapshots still hold them as plain objects, in the same order. */
import { describe, expect, it } from 'vitest';
import { PodFiles } from '../../../simulator/runtime/podFiles.js';
import type { ProcessPlan } from '../../../simulator/runtime/index.js';

const plan = (text: string): ProcessPlan => ({ lines: [{ offsetMs: 0, text }], forever: false, durationMs: 0, exitCode: 0, handlesSigterm: false, sigtermExitCode: 143, argv: [] });

describe('PodFiles state', () => {
  it('round-trips files and kept plans through getState/setState (structured clone, as snapshots do)', () => {
    const f = new PodFiles();
    f.write('default', 'p', '/tmp/a', 'A');
    f.setPlan('default', 'p', 'main@1000', plan('one'));
    f.setPlan('default', 'p', 'wait@2000', plan('two'));
    f.setPlan('default', 'q', 'init@5', plan('three'));
    const state = structuredClone(f.getState());
    expect(state.pods['default/p']).toEqual({ files: { '/tmp/a': 'A' }, plans: { 'main@1000': plan('one'), 'wait@2000': plan('two') } });
    expect(Object.keys(state.pods['default/p']!.plans)).toEqual(['main@1000', 'wait@2000']);
    const g = new PodFiles();
    g.setState(state);
    expect(g.plan('default', 'p', 'wait@2000')).toEqual(plan('two'));
    expect(g.plan('default', 'q', 'init@5')).toEqual(plan('three'));
    expect(g.plan('default', 'q', 'main@5')).toBeUndefined();
    expect(g.read('default', 'p', '/tmp/a')).toBe('A');
    expect(structuredClone(g.getState())).toEqual(state);
    g.drop('default', 'p');
    expect(g.plan('default', 'p', 'main@1000')).toBeUndefined();
  });
});
