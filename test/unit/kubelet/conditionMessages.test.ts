/**
 * Pod condition messages list container names as the kubelet prints them (`[a b]`), and the sidecar
 * set is empty without a restartPolicy Always init container (the look without the cache).
 */
import { describe, expect, it } from 'vitest';
import { generatePodConditions, getPhase, sidecarNames } from '../../../simulator/cluster/kubelet/status.js';
import type { ContainerStatus, PodSpec, PodStatus } from '../../../simulator/cluster/kubelet/types.js';

function cs(name: string, state: ContainerStatus['state'], ready: boolean, started = false): ContainerStatus {
  return { name, state, lastState: {}, ready, restartCount: 0, image: 'busybox', imageID: '', started };
}

const waiting = { waiting: { reason: 'PodInitializing' } };
const done = { terminated: { exitCode: 0, reason: 'Completed', startedAt: 'a', finishedAt: 'b' } };

describe('pod condition messages', () => {
  const spec: PodSpec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }, { name: 'b' }] };

  it('lists the incomplete init containers in Initialized, Ready and ContainersReady', () => {
    const st: PodStatus = { initContainerStatuses: [cs('i1', waiting, false), cs('i2', waiting, false)], containerStatuses: [cs('a', waiting, false), cs('b', waiting, false)] };
    const c = generatePodConditions(spec, st, 'Pending', 'T');
    const msg = 'containers with incomplete status: [i1 i2]';
    expect(c.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['PodReadyToStartContainers', 'True', undefined, undefined],
      ['Initialized', 'False', 'ContainersNotInitialized', msg],
      ['Ready', 'False', 'ContainersNotInitialized', msg],
      ['ContainersReady', 'False', 'ContainersNotInitialized', msg],
      ['PodScheduled', 'True', undefined, undefined],
    ]);
  });

  it('lists the unready containers once initialized, and none when Succeeded', () => {
    const st: PodStatus = { initContainerStatuses: [cs('i1', done, false), cs('i2', done, false)], containerStatuses: [cs('a', { running: { startedAt: 'c' } }, false), cs('b', { running: { startedAt: 'c' } }, true)] };
    const ready = generatePodConditions(spec, st, 'Running', 'T')[2]!;
    expect([ready.status, ready.reason, ready.message]).toEqual(['False', 'ContainersNotReady', 'containers with unready status: [a]']);
    const two = generatePodConditions(spec, { ...st, containerStatuses: [cs('a', done, false), cs('b', done, false)] }, 'Succeeded', 'T')[2]!;
    expect([two.status, two.reason, two.message]).toEqual(['False', 'PodCompleted', undefined]);
    const failed = generatePodConditions(spec, { ...st, containerStatuses: [cs('a', done, false), cs('b', done, false)] }, 'Failed', 'T')[3]!;
    expect(failed.message).toBe('containers with unready status: [a b]');
  });

  it('counts a started sidecar as initialized and its readiness towards the pod', () => {
    const side: PodSpec = { initContainers: [{ name: 'log', restartPolicy: 'Always' }, { name: 'i2' }], containers: [{ name: 'a' }] };
    expect([...sidecarNames(side)]).toEqual(['log']);
    const st: PodStatus = { initContainerStatuses: [cs('log', { running: { startedAt: 'c' } }, false, true), cs('i2', done, false)], containerStatuses: [cs('a', { running: { startedAt: 'c' } }, true)] };
    const c = generatePodConditions(side, st, 'Running', 'T');
    expect(c[1]!.status).toBe('True');
    expect(c[2]!.message).toBe('containers with unready status: [log]');
    expect(getPhase(side, st)).toBe('Running');
  });

  it('has no sidecars without a restartPolicy Always init container', () => {
    expect(sidecarNames({ initContainers: [{ name: 'i1' }], containers: [] }).size).toBe(0);
    expect(sidecarNames({ containers: [{ name: 'a' }] }).size).toBe(0);
  });
});
