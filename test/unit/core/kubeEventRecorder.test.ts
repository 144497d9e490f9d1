import { describe, expect, it } from 'vitest';
import { ApiError, createSandbox } from '../../../simulator/index.js';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';
import { sandbox } from '../controllers/fixtures.js';

type Ev = StoredObject & { reason: string; count: number; involvedObject: { name: string } };
const events = (sb: ReturnType<typeof createSandbox>, ns = 'default') => sb.store.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: ns }) as Ev[];

describe('Kubernetes Event recorder', () => {
  it('sees a namespace that starts terminating, or is created, after earlier Events', () => {
    const sb = sandbox([]);
    const rec = (reason: string) => sb.record('test', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'team', uid: 'u1' }, reason, message: reason });
    rec('Before');
    expect(events(sb, 'team')).toHaveLength(0);
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    rec('Created');
    expect(events(sb, 'team').map((e) => e.reason)).toEqual(['Created']);
    const ns = sb.store.mustGet({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    sb.store.update({ ...ns, metadata: { ...ns.metadata, finalizers: ['example.com/hold'] } } as KubeObject);
    sb.store.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    rec('Terminating');
    expect(events(sb, 'team').map((e) => e.reason)).toEqual(['Created']);
  });

  it('skips validation only for names it would pass: an invalid or too long name is still refused', () => {
    const sb = createSandbox({ seed: 3 });
    const rec = (name: string, reason: string) => sb.record('kubelet', { involvedObject: { kind: 'Role', name, namespace: 'default', uid: `u-${name}` }, reason, message: 'm' });
    rec('system:controller', 'Colon');
    rec('Upper', 'Upper');
    rec('a'.repeat(250), 'TooLong');
    rec('a'.repeat(200), 'Long');
    rec('ok-name', 'Fine');
    expect(events(sb).map((e) => e.reason).sort()).toEqual(['Fine', 'Long']);
    // The event log has every one of them.
    expect(sb.log.all().filter((e) => e.message === 'm')).toHaveLength(5);
  });

  it('other admissions still see recorded Events, creates and count bumps alike', () => {
    const sb = createSandbox({ seed: 3 });
    const seen: string[] = [];
    sb.store.addAdmission((op, obj, _old, info) => {
      if (info.kind !== 'Event') return;
      seen.push(`${op} ${(obj as Ev).reason} ${(obj as Ev).count}`);
      if ((obj as Ev).reason === 'Refused') throw new ApiError('Forbidden', 'no');
    });
    const io = { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' };
    sb.record('kubelet', { involvedObject: io, reason: 'Pulled', message: 'same' });
    sb.record('kubelet', { involvedObject: io, reason: 'Pulled', message: 'same' });
    sb.record('kubelet', { involvedObject: io, reason: 'Refused', message: 'x' });
    expect(seen).toEqual(['CREATE Pulled 1', 'UPDATE Pulled 2', 'CREATE Refused 1']);
    expect(events(sb).map((e) => `${e.reason}:${e.count}`)).toEqual(['Pulled:2']);
  });

  it('a user-written Event with the same object, reason and message is bumped through full validation', () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'mine', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' },
      reason: 'Pulled',
      message: 'same',
      count: 1,
    } as KubeObject);
    // A restore makes the recorder learn the Events in the store.
    sb.restore(sb.snapshot());
    sb.record('kubelet', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' }, reason: 'Pulled', message: 'same' });
    expect(events(sb).map((e) => `${e.metadata.name}:${e.count}`)).toEqual(['mine:2']);
  });

  it('aggregates repeats for an object with many Events (past the short list) as for one with few', () => {
    const sb = createSandbox({ seed: 3 });
    const io = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'wf', namespace: 'default', uid: 'w' };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 40; i++) sb.record('workflow-controller', { involvedObject: io, reason: i % 2 ? 'A' : 'B', message: `node ${i}` });
    }
    const evs = events(sb);
    expect(evs).toHaveLength(40);
    expect(evs.every((e) => e.count === 2)).toBe(true);
    // After a restore the recorder relearns them from the store.
    sb.restore(sb.snapshot());
    sb.record('workflow-controller', { involvedObject: io, reason: 'B', message: 'node 38' });
    sb.record('workflow-controller', { involvedObject: io, reason: 'A', message: 'node 38' });
    expect(events(sb).map((e) => `${e.reason}/${e.message}/${e.count}`).filter((x) => x.includes('node 38'))).toEqual(['B/node 38/3', 'A/node 38/1']);
  });

  it('keeps objects apart when their Events interleave, with and without uids, across the short list limit', () => {
    const sb = createSandbox({ seed: 3 });
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', name, namespace: 'default', uid: `uid-${name}` });
    const wf = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'wf', namespace: 'default' };
    const order: [ReturnType<typeof pod> | typeof wf, string][] = [];
    for (let i = 0; i < 20; i++) order.push([pod('a'), `m${i}`], [pod('b'), `m${i % 3}`], [wf, `m${i % 18}`], [pod('a'), `m${i}`]);
    for (const [io, message] of order) sb.record('c', { involvedObject: io, reason: 'R', message });
    const counts = events(sb).map((e) => `${e.involvedObject.name}/${e.message}/${e.count}`);
    expect(counts.filter((c) => c.startsWith('a/'))).toEqual(Array.from({ length: 20 }, (_, i) => `a/m${i}/2`));
    expect(counts.filter((c) => c.startsWith('b/')).sort()).toEqual(['b/m0/7', 'b/m1/7', 'b/m2/6']);
    expect(counts.filter((c) => c.startsWith('wf/'))).toEqual(Array.from({ length: 18 }, (_, i) => `wf/m${i}/${i < 2 ? 2 : 1}`));
  });
});

describe('pre-admitted Events', () => {
  it('match once, only the named core/v1 Event of that store', async () => {
    const { preAdmit, takePreAdmitted, clearPreAdmitted } = await import('../../../simulator/cluster/preAdmitted.js');
    const sb = createSandbox({ seed: 1 });
    const info = sb.store.kinds.find('v1', 'Event')!;
    const pod = sb.store.kinds.find('v1', 'Pod')!;
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'p.1', namespace: 'default' } } as KubeObject;
    preAdmit(sb.store, 'default', 'p.1');
    expect(takePreAdmitted({}, info, ev)).toBe(false);
    expect(takePreAdmitted(sb.store, pod, ev)).toBe(false);
    expect(takePreAdmitted(sb.store, info, { ...ev, metadata: { name: 'p.2', namespace: 'default' } } as KubeObject)).toBe(false);
    expect(takePreAdmitted(sb.store, info, ev)).toBe(true);
    expect(takePreAdmitted(sb.store, info, ev)).toBe(false);
    preAdmit(sb.store, 'default', 'p.1');
    clearPreAdmitted();
    expect(takePreAdmitted(sb.store, info, ev)).toBe(false);
  });
});
