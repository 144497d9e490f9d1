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

  it('the last pod looked up is remembered but never stale: misses, creation, other pods, drop and setState', () => {
    const f = new PodFiles();
    expect(f.plan('default', 'p', 'main@1')).toBeUndefined();
    // The remembered miss becomes the new record.
    f.setPlan('default', 'p', 'main@1', plan('one'));
    expect(f.plan('default', 'p', 'main@1')).toEqual(plan('one'));
    // Same name, other namespace; same namespace, other name.
    expect(f.plan('other', 'p', 'main@1')).toBeUndefined();
    expect(f.read('default', 'q', '/a')).toBeUndefined();
    f.write('default', 'q', '/a', 'Q');
    expect(f.read('default', 'p', '/a')).toBeUndefined();
    expect(f.read('default', 'q', '/a')).toBe('Q');
    // Dropped while remembered: a later write starts an empty record.
    f.drop('default', 'q');
    expect(f.files('default', 'q')).toEqual({});
    f.write('default', 'q', '/b', 'B');
    expect(f.files('default', 'q')).toEqual({ '/b': 'B' });
    expect(f.podKeys()).toEqual(['default/p', 'default/q']);
    // Restored while remembered: reads see the restored records.
    const state = structuredClone(f.getState());
    f.write('default', 'q', '/c', 'C');
    f.setState(state);
    expect(f.files('default', 'q')).toEqual({ '/b': 'B' });
    f.setState({ pods: {} });
    expect(f.read('default', 'q', '/b')).toBeUndefined();
    expect(f.plan('default', 'p', 'main@1')).toBeUndefined();
  });
});
