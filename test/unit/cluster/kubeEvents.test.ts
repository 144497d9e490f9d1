import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { StoredObject } from '../../../simulator/index.js';
import { hex } from '../../../simulator/cluster/kubeEvents.js';

type Ev = StoredObject & { involvedObject: Record<string, string>; source: { component: string }; count: number; reason: string };

describe('Kubernetes Events from record()', () => {
  it('aggregates repeats per object, reason and message; Events share their frozen involvedObject and source', () => {
    const sb = createSandbox({ seed: 9 });
    const io = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` });
    sb.record('kubelet', { involvedObject: io('a'), reason: 'Pulling', message: 'Pulling image "busybox"' });
    sb.record('kubelet', { involvedObject: io('a'), reason: 'Started', message: 'Started container main' });
    sb.record('kubelet', { involvedObject: io('b'), reason: 'Started', message: 'Started container main' });
    sb.record('kubelet', { involvedObject: io('a'), reason: 'Started', message: 'Started container main' });
    // Same reason, other message: a new Event.
    sb.record('kubelet', { involvedObject: io('a'), reason: 'Started', message: 'Started container side' });
    const evs = sb.store.list({ apiVersion: 'v1', kind: 'Event' }) as Ev[];
    const summary = evs.map((e) => `${e.involvedObject.name}:${e.reason}:${e.count}`).sort();
    expect(summary).toEqual(['a:Pulling:1', 'a:Started:1', 'a:Started:2', 'b:Started:1']);
    const ofA = evs.filter((e) => e.involvedObject.name === 'a');
    expect(ofA[0]!.involvedObject).toEqual({ kind: 'Pod', name: 'a', apiVersion: 'v1', namespace: 'default', uid: 'uid-a' });
    expect(Object.isFrozen(ofA[0]!.involvedObject)).toBe(true);
    expect(ofA[1]!.involvedObject).toBe(ofA[0]!.involvedObject);
    expect(evs[0]!.source).toEqual({ component: 'kubelet' });
    for (const e of evs) expect(Object.isFrozen(e.source)).toBe(true);
    expect(evs.find((e) => e.involvedObject.name === 'b')!.involvedObject.uid).toBe('uid-b');
  });

  it('after a restore, repeats still bump the restored Event', () => {
    const sb = createSandbox({ seed: 9 });
    const io = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a', uid: 'u' };
    sb.record('kubelet', { involvedObject: io, reason: 'BackOff', message: 'Back-off restarting failed container' });
    const snap = sb.snapshot();
    const other = createSandbox({ seed: 9 });
    other.restore(snap);
    other.record('kubelet', { involvedObject: io, reason: 'BackOff', message: 'Back-off restarting failed container' });
    const evs = other.store.list({ apiVersion: 'v1', kind: 'Event' }) as Ev[];
    expect(evs.map((e) => e.count)).toEqual([2]);
  });

  it('hex writes integers below 2^53 as toString(16) does', () => {
    const xs = [0, 1, 15, 16, 255, 4294967295, 4294967296, 4294967296 + 0xabc, 2 ** 53 - 1, 1735689600000 * 1000, 1735689600000 * 1000 + 0xf0f0f0f];
    for (let i = 0; i < 2000; i++) xs.push(1735689600000 * 1000 + i * 7919 * 4099, (i * 2654435761) % 2 ** 32);
    for (const x of xs) expect(hex(x)).toBe(x.toString(16));
  });

  it('a stored Event has its metadata fields in the API order, every one set; the log keeps `why` only when given', () => {
    const sb = createSandbox({ seed: 9 });
    const io = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p', uid: 'uid-p' };
    sb.record('kubelet', { involvedObject: io, reason: 'Pulling', message: 'Pulling image "busybox"', why: 'because' });
    sb.record('kubelet', { involvedObject: io, reason: 'Pulled', message: 'Pulled image "busybox"' });
    for (const e of sb.store.list({ apiVersion: 'v1', kind: 'Event' })) {
      expect(Object.keys(e.metadata)).toEqual(['name', 'namespace', 'uid', 'creationTimestamp', 'resourceVersion']);
      for (const v of Object.values(e.metadata)) expect(typeof v).toBe('string');
    }
    const log = sb.log.all().slice(-2);
    expect(Object.keys(log[0]!)).toEqual(['t', 'source', 'involvedObject', 'reason', 'message', 'type', 'why']);
    expect(Object.keys(log[1]!)).toEqual(['t', 'source', 'involvedObject', 'reason', 'message', 'type']);
    expect(log.map((e) => e.type)).toEqual(['Normal', 'Normal']);
  });
});
