import { describe, expect, it } from 'vitest';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';
import { deployment, get, messages, pods, readyAll, sandbox, setPodPhase } from './fixtures.js';
import type { Sandbox } from './fixtures.js';

const rsList = (sb: Sandbox) => sb.store.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace: 'default' });
const dep = (sb: Sandbox, name = 'web') => get(sb, 'apps/v1', 'Deployment', name)!;
const cond = (o: StoredObject, type: string) => ((o.status as { conditions?: { type: string; status: string; reason: string; message: string }[] }).conditions ?? []).find((c) => c.type === type);
const spec = (o: StoredObject) => o.spec as Record<string, unknown>;

function setImage(sb: Sandbox, image: string, name = 'web'): void {
  const d = dep(sb, name);
  const s = spec(d);
  const template = { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } };
  sb.store.update({ ...d, spec: { ...s, template } } as KubeObject);
}

/** Settle, make new pods ready, repeat until nothing changes. */
function rollOut(sb: Sandbox): void {
  for (let i = 0; i < 100; i++) {
    sb.runUntilSettled();
    if (readyAll(sb) === 0) return;
  }
}

describe('Deployment controller', () => {
  it('creates ReplicaSet <name>-<pod-template-hash> with revision 1 and reaches Available', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 3, 'nginx:1.27'));
    sb.runUntilSettled();
    const [rs] = rsList(sb);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect((spec(rs!).selector as { matchLabels: Record<string, string> }).matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: dep(sb).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(messages(sb, 'ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(cond(dep(sb), 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    expect(cond(dep(sb), 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    const ps = pods(sb);
    expect(ps).toHaveLength(3);
    for (const p of ps) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    rollOut(sb);
    const d = dep(sb);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect((d.status as Record<string, unknown>).unavailableReplicas).toBeUndefined();
    expect(cond(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(cond(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
  });

  it('hashes the template deterministically: same template, same ReplicaSet name in another world', () => {
    const names = [1, 2].map((seed) => {
      const sb = sandbox(undefined, seed);
      sb.store.create(deployment('web', 1, 'nginx:1.27'));
      sb.runUntilSettled();
      return rsList(sb)[0]!.metadata.name;
    });
    expect(names[0]).toBe(names[1]);
  });

  it('RollingUpdate never exceeds maxSurge nor drops below maxUnavailable, at every scheduler step', () => {
    const sb = sandbox();
    // 10 replicas, 25% / 25%: surge rounds up to 3, unavailable rounds down to 2.
    sb.store.create(deployment('web', 10, 'v1'));
    rollOut(sb);
    setImage(sb, 'v2');
    const maxTotal = 13;
    const minAvailable = 8;
    let steps = 0;
    let readied = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      if (!sb.step()) {
        // Nothing queued: the "kubelet" readies one pending pod at a time.
        const pending = pods(sb).find((p) => !p.metadata.deletionTimestamp && !(p.status as { phase?: string } | undefined)?.phase);
        if (!pending) break;
        setPodPhase(sb, pending, 'Running');
        readied++;
        continue;
      }
      steps++;
      const live = pods(sb).filter((p) => !p.metadata.deletionTimestamp);
      const ready = live.filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running');
      const specSum = rsList(sb).reduce((n, rs) => n + ((spec(rs).replicas as number) ?? 0), 0);
      expect(live.length).toBeLessThanOrEqual(maxTotal);
      expect(specSum).toBeLessThanOrEqual(maxTotal);
      expect(ready.length).toBeGreaterThanOrEqual(minAvailable);
    }
    expect(steps).toBeGreaterThan(20);
    expect(readied).toBe(10);
    const scaling = messages(sb, 'ScalingReplicaSet');
    const [oldRs, newRs] = [...rsList(sb)].sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
    expect(scaling[1]).toBe(`Scaled up replica set ${newRs!.metadata.name} from 0 to 3`);
    expect(scaling[2]).toBe(`Scaled down replica set ${oldRs!.metadata.name} from 10 to 8`);
    expect(spec(newRs!).replicas).toBe(10);
    expect(spec(oldRs!).replicas).toBe(0);
    expect(dep(sb).status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10, observedGeneration: 2 });
    expect(dep(sb).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('honours integer maxSurge 0 / maxUnavailable 1 (replace one by one)', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 3, 'v1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }));
    rollOut(sb);
    setImage(sb, 'v2');
    sb.runUntilSettled();
    const scaling = messages(sb, 'ScalingReplicaSet').slice(1);
    expect(scaling[0]).toMatch(/^Scaled down replica set web-\w+ from 3 to 2$/);
    expect(scaling[1]).toMatch(/^Scaled up replica set web-\w+ from 0 to 1$/);
    rollOut(sb);
    expect(dep(sb).status).toMatchObject({ updatedReplicas: 3, availableReplicas: 3 });
  });

  it('keeps revisionHistoryLimit old ReplicaSets and reuses one on rollback (revision-history)', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 1, 'v1', { revisionHistoryLimit: 2 }));
    rollOut(sb);
    const first = rsList(sb)[0]!.metadata.name;
    for (const v of ['v2', 'v3', 'v4']) {
      setImage(sb, v);
      rollOut(sb);
    }
    const names = () => rsList(sb).map((rs) => rs.metadata.name);
    expect(rsList(sb)).toHaveLength(3);
    expect(names()).not.toContain(first);
    // Roll back to v3: its ReplicaSet becomes revision 5 and remembers revision 3.
    const v3 = rsList(sb).find((rs) => (spec(rs).template as { spec: { containers: { image: string }[] } }).spec.containers[0]!.image === 'v3')!;
    setImage(sb, 'v3');
    rollOut(sb);
    const back = get(sb, 'apps/v1', 'ReplicaSet', v3.metadata.name)!;
    expect(back.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '3' });
    expect(spec(back).replicas).toBe(1);
    expect(dep(sb).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('5');
    expect(rsList(sb)).toHaveLength(3);
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 2, 'v1', { strategy: { type: 'Recreate' } }));
    rollOut(sb);
    // Pods bound to a node terminate gracefully: bind them so deletion takes a while.
    for (const p of pods(sb)) sb.store.update({ ...p, spec: { ...(p.spec as object), nodeName: 'sandbox-control-plane' } } as KubeObject);
    setImage(sb, 'v2');
    sb.runUntilSettled();
    expect(rsList(sb)).toHaveLength(1);
    expect(spec(rsList(sb)[0]!).replicas).toBe(0);
    expect(pods(sb).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    for (const p of pods(sb)) sb.store.finalizeDeletion({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: p.metadata.name });
    rollOut(sb);
    expect(rsList(sb)).toHaveLength(2);
    const scaling = messages(sb, 'ScalingReplicaSet');
    expect(scaling[1]).toMatch(/^Scaled down replica set web-\w+ from 2 to 0$/);
    expect(scaling[2]).toMatch(/^Scaled up replica set web-\w+ from 0 to 2$/);
    expect(dep(sb).status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
  });

  it('scales without a rollout, pauses and resumes', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 2, 'v1'));
    rollOut(sb);
    const d = dep(sb);
    sb.store.update({ ...d, spec: { ...spec(d), replicas: 5, paused: true } } as KubeObject);
    rollOut(sb);
    expect(rsList(sb)).toHaveLength(1);
    expect(spec(rsList(sb)[0]!).replicas).toBe(5);
    expect(cond(dep(sb), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(sb, 'v2');
    rollOut(sb);
    expect(rsList(sb)).toHaveLength(1);
    const p = dep(sb);
    sb.store.update({ ...p, spec: { ...spec(p), paused: false } } as KubeObject);
    rollOut(sb);
    expect(rsList(sb)).toHaveLength(2);
    expect(dep(sb).status).toMatchObject({ updatedReplicas: 5, availableReplicas: 5 });
    expect(cond(dep(sb), 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable' });
  });

  it('reports ProgressDeadlineExceeded when pods never become ready', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 1, 'v1', { progressDeadlineSeconds: 60 }));
    sb.runUntilSettled();
    sb.advance(30_000);
    expect(cond(dep(sb), 'Progressing')).toMatchObject({ status: 'True' });
    sb.advance(40_000);
    const rs = rsList(sb)[0]!.metadata.name;
    expect(cond(dep(sb), 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs}" has timed out progressing.` });
  });

  it('counts a pod available only after minReadySeconds', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 1, 'v1', { minReadySeconds: 10 }));
    sb.runUntilSettled();
    readyAll(sb);
    sb.runUntilSettled({ maxVirtualMs: 5_000 });
    expect(dep(sb).status).toMatchObject({ readyReplicas: 1 });
    expect((dep(sb).status as Record<string, unknown>).availableReplicas).toBeUndefined();
    sb.advance(11_000);
    expect(dep(sb).status).toMatchObject({ availableReplicas: 1 });
  });

  it('scaling in the middle of a rollout stays within the surge and finishes at the new size', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 8, 'v1'));
    rollOut(sb);
    setImage(sb, 'v2');
    sb.runUntilSettled();
    const d = dep(sb);
    sb.store.update({ ...d, spec: { ...spec(d), replicas: 12 } } as KubeObject);
    sb.runUntilSettled();
    const total = rsList(sb).reduce((n, rs) => n + ((spec(rs).replicas as number) ?? 0), 0);
    expect(total).toBeLessThanOrEqual(12 + 3);
    rollOut(sb);
    expect(dep(sb).status).toMatchObject({ replicas: 12, updatedReplicas: 12, availableReplicas: 12 });
    expect(pods(sb).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(12);
  });

  it('scales a stuck rollout proportionally (the documented 10 → 15 example: +3 old, +2 new)', () => {
    const sb = sandbox();
    sb.store.create(deployment('web', 10, 'v1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    rollOut(sb);
    setImage(sb, 'v2-unresolvable');
    sb.runUntilSettled();
    const sizes = () => Object.fromEntries(rsList(sb).map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], spec(rs).replicas]));
    expect(sizes()).toEqual({ '1': 8, '2': 5 });
    const d = dep(sb);
    sb.store.update({ ...d, spec: { ...spec(d), replicas: 15 } } as KubeObject);
    sb.runUntilSettled();
    expect(sizes()).toEqual({ '1': 11, '2': 7 });
  });
});
