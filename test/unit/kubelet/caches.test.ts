/**
 * The kubelet's per-spec caches and allocation-free fast paths give exactly what building everything
 * afresh gives: pod conditions kept as stored while unchanged, container shapes per stored spec, the
 * environment built as a list, container IDs from hex64.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnv } from '../../../simulator/cluster/kubelet/env.js';
import { podShape } from '../../../simulator/cluster/kubelet/shape.js';
import { tryPlan } from '../../../simulator/cluster/kubelet/plans.js';
import { generatePodConditions } from '../../../simulator/cluster/kubelet/status.js';
import type { PodCondition, PodSpec, PodStatus } from '../../../simulator/cluster/kubelet/types.js';
import { fnv1a, hex64 } from '../../../simulator/runtime/index.js';
import { apply, getPod, pod, world } from './helpers.js';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const spec: PodSpec = { initContainers: [{ name: 'init', image: 'busybox:1.36' }], containers: [{ name: 'main', image: 'busybox:1.36' }] };

function running(ready: boolean): PodStatus {
  const cs = (name: string, state: object, r: boolean) => ({ name, state, lastState: {}, ready: r, restartCount: 0, image: 'busybox', imageID: '', started: true });
  return {
    initContainerStatuses: [cs('init', { terminated: { exitCode: 0, reason: 'Completed', startedAt: 'a', finishedAt: 'b' } }, true)],
    containerStatuses: [cs('main', { running: { startedAt: 'c' } }, ready)],
  } as PodStatus;
}

describe('pod conditions', () => {
  it('an unchanged list is the stored list itself, and equals a fresh build', () => {
    const first = generatePodConditions(spec, running(true), 'Running', 'T1');
    const stored = deepFreeze(first);
    const again = generatePodConditions(spec, { ...running(true), conditions: stored }, 'Running', 'T2');
    expect(again).toBe(stored);
    const fresh = generatePodConditions(spec, { ...running(true), conditions: structuredClone(stored) }, 'Running', 'T2');
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(again));
  });

  it('a change builds new conditions only where they differ, with new transition times', () => {
    const stored = deepFreeze(generatePodConditions(spec, running(true), 'Running', 'T1'));
    const next = generatePodConditions(spec, { ...running(false), conditions: stored }, 'Running', 'T2');
    expect(next).not.toBe(stored);
    const byType = (l: PodCondition[], t: string) => l.find((c) => c.type === t)!;
    expect(byType(next, 'PodScheduled')).toBe(byType(stored, 'PodScheduled'));
    expect(byType(next, 'Initialized')).toBe(byType(stored, 'Initialized'));
    expect(byType(next, 'Ready')).toEqual({ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: 'T2', reason: 'ContainersNotReady', message: 'containers with unready status: [main]' });
    expect(Object.isFrozen(byType(next, 'Ready'))).toBe(false);
  });

  it('a stored condition with fields of its own is rebuilt, not kept', () => {
    const stored = deepFreeze(generatePodConditions(spec, running(true), 'Running', 'T1').map((c) => (c.type === 'Ready' ? { ...c, extra: 'x' } : c)));
    const next = generatePodConditions(spec, { ...running(true), conditions: stored }, 'Running', 'T2');
    const ready = next.find((c) => c.type === 'Ready')!;
    expect(ready).toEqual({ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: 'T1' });
    expect(next).not.toBe(stored);
  });
});

describe('container shapes', () => {
  it('are cached per stored (frozen) spec and rebuilt for a new spec', () => {
    const frozen = deepFreeze(structuredClone(spec));
    const a = podShape(frozen);
    expect(podShape(frozen)).toBe(a);
    expect(a.map((c) => [c.spec.name, c.init, c.order, c.sidecar])).toEqual([
      ['init', true, 0, false],
      ['main', false, 1, false],
    ]);
    const updated = deepFreeze({ ...structuredClone(spec), initContainers: [{ name: 'side', image: 'nginx:1.25', restartPolicy: 'Always' as const }] });
    expect(podShape(updated).map((c) => [c.spec.name, c.sidecar])).toEqual([
      ['side', true],
      ['main', false],
    ]);
  });

  it('are not cached for a spec that can still change', () => {
    const open = structuredClone(spec);
    const a = podShape(open);
    open.containers!.push({ name: 'two', image: 'busybox:1.36' });
    expect(podShape(open)).not.toBe(a);
    expect(podShape(open).map((c) => c.spec.name)).toEqual(['init', 'main', 'two']);
  });
});

describe('environment', () => {
  it('keeps the first position of a name set again, with the last value, also past the indexed size', () => {
    const sb = world();
    const data: Record<string, string> = {};
    for (let i = 0; i < 40; i++) data[`K${i}`] = `v${i}`;
    data.HOME = '/home/app';
    apply(sb, [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'many', namespace: 'default' }, data },
      pod('p', {
        containers: [
          {
            name: 'c',
            image: 'busybox:1.36',
            envFrom: [{ configMapRef: { name: 'many' } }],
            env: [
              { name: 'K3', value: 'again' },
              { name: 'PATH', value: '/bin' },
              { name: 'NEW', value: 'n' },
              { name: 'K39', value: 'last' },
            ],
          },
        ],
      }),
    ]);
    const p = getPod(sb, 'p')!;
    const env = resolveEnv(sb.store, p, {}, (p.spec as PodSpec).containers![0]!).env;
    // What an insertion-ordered map gives.
    const expected = new Map<string, string>([
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', 'p'],
    ]);
    for (const [k, v] of Object.entries(data)) expected.set(k, v);
    for (const [k, v] of [['K3', 'again'], ['PATH', '/bin'], ['NEW', 'n'], ['K39', 'last']] as const) expected.set(k, v);
    for (const [k, v] of [['KUBERNETES_SERVICE_HOST', '10.96.0.1'], ['KUBERNETES_SERVICE_PORT', '443'], ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'], ['HOME', '/root']] as const) expected.set(k, v);
    expect(env).toEqual([...expected].map(([name, value]) => ({ name, value })));
  });
});

describe('container status field order', () => {
  it('a started container shows containerID before started, as the API does, in the stored status', () => {
    const sb = world();
    apply(sb, [pod('p', { initContainers: [{ name: 'i', image: 'busybox:1.36', command: ['true'] }], containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] })]);
    sb.advance(20_000);
    const st = getPod(sb, 'p')!.status as PodStatus;
    const order = ['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started'];
    expect(Object.keys(st.initContainerStatuses![0]!)).toEqual(order);
    expect(Object.keys(st.containerStatuses![0]!)).toEqual(order);
    expect(st.containerStatuses![0]!.state.running).toBeDefined();
  });
});

describe('copy on write', () => {
  it('a status write keeps each unchanged container status and book as the stored object', () => {
    const sb = world();
    let checked = 0;
    sb.store.watch((ev) => {
      if (ev.type !== 'MODIFIED' || ev.object.kind !== 'Pod' || !ev.old) return;
      const before = ev.old.status as PodStatus | undefined;
      const after = ev.object.status as PodStatus;
      if (!before?.sandbox || !after.sandbox) return;
      const all = (st: PodStatus) => [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
      for (const cs of all(after)) {
        const old = all(before).find((c) => c.name === cs.name)!;
        if (JSON.stringify(old) === JSON.stringify(cs)) expect(cs).toBe(old);
        const ob = before.sandbox.c[cs.name]!;
        const nb = after.sandbox.c[cs.name]!;
        if (JSON.stringify(ob) === JSON.stringify(nb)) expect(nb).toBe(ob);
        checked++;
      }
    });
    apply(sb, [
      pod('p', {
        initContainers: [{ name: 'i', image: 'busybox:1.36', command: ['true'] }],
        containers: [
          { name: 'a', image: 'busybox:1.36', command: ['sleep', '5'] },
          { name: 'b', image: 'nginx:1.25', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 2 } },
        ],
      }),
    ]);
    sb.advance(30_000);
    expect(checked).toBeGreaterThan(10);
  });
});

describe('hex64', () => {
  it('is the eight mixed words of the string hash in hex', () => {
    const reference = (text: string): string => {
      let out = '';
      let h = fnv1a(text);
      for (let i = 0; i < 8; i++) {
        h = (h + 0x9e3779b9) >>> 0;
        let z = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        out += ((z ^ (z >>> 16)) >>> 0).toString(16).padStart(8, '0');
      }
      return out;
    };
    for (const t of ['', 'a', 'uid-1/main/0', 'docker.io/library/nginx:1.25', 'x'.repeat(500)]) expect(hex64(t)).toBe(reference(t));
    expect(hex64('abc')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('plan cache per container spec', () => {
  it('keeps the plan of each start time: the last one in its slot, earlier ones once a second start came', () => {
    const sb = world();
    apply(sb, [pod('p', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'date +%s'] }] })]);
    const stored = getPod(sb, 'p')!;
    const spec = (stored.spec as PodSpec).containers![0]!;
    const st = (stored.status ?? {}) as PodStatus;
    const first = tryPlan(sb, stored, st, spec, 1_000_000)!;
    expect(first).toBeDefined();
    expect(tryPlan(sb, stored, st, spec, 1_000_000)).toBe(first);
    const second = tryPlan(sb, stored, st, spec, 2_000_000)!;
    expect(second).not.toBe(first);
    expect(second.lines[0]!.text).not.toBe(first.lines[0]!.text);
    expect(tryPlan(sb, stored, st, spec, 1_000_000)).toBe(first);
    expect(tryPlan(sb, stored, st, spec, 2_000_000)).toBe(second);
    // The same container of another (fresh) world builds its own, equal plan.
    const sb2 = world();
    apply(sb2, [pod('p', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'date +%s'] }] })]);
    const stored2 = getPod(sb2, 'p')!;
    expect(tryPlan(sb2, stored2, st, (stored2.spec as PodSpec).containers![0]!, 2_000_000)).toEqual(second);
  });
});
