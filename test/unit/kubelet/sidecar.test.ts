import { describe, expect, it } from 'vitest';
import { apply, condition, container, events, fixture, maybeContainer, pod, status, until, world } from './helpers.js';

describe('kubelet: native sidecars (init containers with restartPolicy Always)', () => {
  it('starts the sidecar first, keeps it running beside the main container, and stops it when main is done', () => {
    const sb = world();
    apply(sb, fixture('sidecar.input.yaml'));
    until(sb, () => maybeContainer(sb, 'with-proxy', 'main')?.state.running !== undefined, 60_000, 10);
    expect(container(sb, 'with-proxy', 'proxy')).toMatchObject({ state: { running: {} }, started: true, ready: true });
    expect(container(sb, 'with-proxy', 'setup').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status(sb, 'with-proxy').phase).toBe('Running');
    expect(condition(sb, 'with-proxy', 'Initialized')?.status).toBe('True');
    expect(condition(sb, 'with-proxy', 'Ready')?.status).toBe('True');
    const started = events(sb, 'with-proxy').filter((e) => e.startsWith('Started'));
    expect(started).toEqual(['Started: Started container proxy', 'Started: Started container setup', 'Started: Started container main']);

    sb.runUntilSettled();
    expect(status(sb, 'with-proxy').phase).toBe('Succeeded');
    expect(events(sb, 'with-proxy')).toContain('Killing: Stopping container proxy');
    const proxy = container(sb, 'with-proxy', 'proxy');
    expect(proxy.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(proxy.restartCount).toBe(0);
  });

  it('restarts a crashing sidecar whatever the pod restartPolicy, while the main container runs', () => {
    const sb = world();
    apply(sb, [
      pod('flaky-proxy', {
        restartPolicy: 'Never',
        initContainers: [{ name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'sleep 2; exit 1'] }],
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '60'] }],
      }),
    ]);
    sb.advance(40_000);
    expect(container(sb, 'flaky-proxy', 'proxy').restartCount).toBeGreaterThanOrEqual(2);
    expect(status(sb, 'flaky-proxy').phase).toBe('Running');
    expect(condition(sb, 'flaky-proxy', 'Initialized')?.status).toBe('True');
  });
});
