import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';

describe('kubelet and scheduler events explain themselves (why)', () => {
  it('says why a pod was bound, pulled, and why each container starts when it does', () => {
    const sb = createSandbox({ seed: 5 });
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        restartPolicy: 'Never',
        initContainers: [
          { name: 'a', image: 'busybox:1.36', command: ['true'] },
          { name: 'b', image: 'busybox:1.36', command: ['true'] },
        ],
        containers: [
          { name: 'main', image: 'busybox:latest', command: ['echo', 'hi'], readinessProbe: { exec: { command: ['false'] }, periodSeconds: 5, failureThreshold: 2 } },
        ],
      },
    });
    sb.advance(60_000);
    const why = (reason: string, needle: string) => sb.log.all().find((e) => e.reason === reason && e.message.includes(needle))?.why ?? '';
    expect(why('Scheduled', 'default/p')).toContain('bound it to sandbox-control-plane');
    expect(why('Pulling', 'busybox:1.36')).toContain('imagePullPolicy IfNotPresent: the node does not have "busybox:1.36" yet');
    expect(why('Pulled', 'already present')).toContain('the node already has "busybox:1.36"');
    expect(why('Pulling', 'busybox:latest')).toContain('imagePullPolicy is Always');
    expect(why('Started', 'container a')).toContain('this is 1 of 2');
    expect(why('Started', 'container b')).toContain('this is 2 of 2');
    expect(why('Started', 'container main')).toContain('All 2 init containers finished');
  });

  it('counts failing readiness probes against failureThreshold', () => {
    const sb = createSandbox({ seed: 5 });
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'r', namespace: 'default' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { exec: { command: ['false'] }, periodSeconds: 5, failureThreshold: 3 } }] },
    });
    sb.advance(60_000);
    const unhealthy = sb.log.all().filter((e) => e.reason === 'Unhealthy').map((e) => e.why);
    expect(unhealthy[0]).toContain('Readiness failure 1 of failureThreshold 3');
    expect(unhealthy[2]).toContain('Readiness failure 3 of failureThreshold 3');
    expect(unhealthy[2]).toContain('it is not restarted');
  });
});
