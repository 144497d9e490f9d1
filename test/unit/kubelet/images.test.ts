import { describe, expect, it } from 'vitest';
import { pullPolicy } from '../../../simulator/cluster/kubelet/index.js';
import { apply, container, eventTimes, events, maybeContainer, pod, status, until, world } from './helpers.js';

describe('kubelet: image pulls', () => {
  it('pulls with the kubelet wording, then finds an IfNotPresent image already present', () => {
    const sb = world();
    apply(sb, [pod('a', { containers: [{ name: 'web', image: 'nginx:1.25' }] })]);
    sb.runUntilSettled();
    apply(sb, [pod('b', { containers: [{ name: 'web', image: 'nginx:1.25' }] })]);
    sb.runUntilSettled();
    const a = events(sb, 'a');
    expect(a[1]).toBe('Pulling: Pulling image "nginx:1.25"');
    expect(a[2]).toMatch(/^Pulled: Successfully pulled image "nginx:1\.25" in (\d+(?:\.\d+)?m?s) \(\1 including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events(sb, 'b')).toContain('Pulled: Container image "nginx:1.25" already present on machine');
    expect(events(sb, 'b').some((e) => e.startsWith('Pulling'))).toBe(false);
    const node = sb.store.get({ apiVersion: 'v1', kind: 'Node', name: 'sandbox-control-plane' })!;
    expect(JSON.stringify(node.status)).toContain('docker.io/library/nginx:1.25');
  });

  it('pulls :latest and untagged images every time (default policy Always)', () => {
    const sb = world();
    for (const name of ['x', 'y']) apply(sb, [pod(name, { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] })]);
    sb.runUntilSettled();
    expect(events(sb, 'x')).toContain('Pulling: Pulling image "busybox"');
    expect(events(sb, 'y')).toContain('Pulling: Pulling image "busybox"');
    // The node has the layers already: the second pull only resolves the manifest.
    const pulled = events(sb, 'y').find((e) => e.startsWith('Pulled: Successfully'))!;
    expect(pulled).toMatch(/ in \d{3}ms \(/);
    expect(pullPolicy({ name: 'c', image: 'busybox' })).toBe('Always');
    expect(pullPolicy({ name: 'c', image: 'alpine:latest' })).toBe('Always');
    expect(pullPolicy({ name: 'c', image: 'nginx:1.25' })).toBe('IfNotPresent');
    expect(pullPolicy({ name: 'c', image: 'registry.local:5000/app' })).toBe('Always');
    expect(pullPolicy({ name: 'c', image: 'nginx@sha256:abc' })).toBe('IfNotPresent');
    expect(pullPolicy({ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'Always' })).toBe('Always');
  });

  it('takes the pull duration from the annotation', () => {
    const sb = world();
    apply(sb, [pod('slow', { containers: [{ name: 'web', image: 'nginx:1.25' }] }, { 'sandbox.argoproj.io/image-pull-duration': '5s', 'sandbox.argoproj.io/start-duration': '500ms' })]);
    const t0 = sb.now();
    sb.runUntilSettled();
    expect(events(sb, 'slow')).toContain('Pulled: Successfully pulled image "nginx:1.25" in 5s (5s including waiting). Image size: 72099501 bytes.');
    const started = sb.log.all().find((e) => e.involvedObject.name === 'slow' && e.reason === 'Started')!;
    expect(started.t - t0).toBe(5_500);
  });

  it('does not pull with imagePullPolicy Never when the image is missing', () => {
    const sb = world();
    apply(sb, [pod('never', { containers: [{ name: 'app', image: 'example/app:1', imagePullPolicy: 'Never' }] })]);
    sb.runUntilSettled();
    expect(container(sb, 'never', 'app').state.waiting).toEqual({
      reason: 'ErrImageNeverPull',
      message: 'Container image "example/app:1" is not present with pull policy of Never',
    });
  });

  it('reports CreateContainerConfigError for a missing ConfigMap, and starts once it exists', () => {
    const sb = world();
    apply(sb, [pod('cfg', { containers: [{ name: 'app', image: 'nginx:1.25', envFrom: [{ configMapRef: { name: 'app-config' } }] }] })]);
    sb.advance(5_000);
    expect(container(sb, 'cfg', 'app').state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    expect(events(sb, 'cfg')).toContain('Failed: Error: configmap "app-config" not found');
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { MODE: 'prod' } });
    sb.advance(15_000);
    expect(container(sb, 'cfg', 'app').state.running).toBeDefined();
  });

  it('reports ErrImagePull, then ImagePullBackOff, and pulls again after the back-off', () => {
    const sb = world();
    apply(sb, [pod('typo', { containers: [{ name: 'web', image: 'nginx:1.255' }] }, { 'sandbox.argoproj.io/image-pull-error': 'nginx:1.255' })]);
    const t0 = sb.now();
    until(sb, () => maybeContainer(sb, 'typo', 'web')?.state.waiting?.reason === 'ErrImagePull', 60_000, 10);
    const notFound =
      'Failed to pull image "nginx:1.255": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.255": failed to resolve reference "docker.io/library/nginx:1.255": docker.io/library/nginx:1.255: not found';
    expect(container(sb, 'typo', 'web').state.waiting!.message).toBe(notFound);
    sb.advance(2_000);
    expect(container(sb, 'typo', 'web').state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.255"' });
    expect(status(sb, 'typo').phase).toBe('Pending');
    sb.advance(60_000);
    const pulls = eventTimes(sb, 'typo', 'Pulling', t0);
    expect(pulls.length).toBeGreaterThanOrEqual(3);
    expect(events(sb, 'typo').slice(1, 7).map((e) => e.replace(notFound, 'NOT_FOUND'))).toEqual([
      'Pulling: Pulling image "nginx:1.255"',
      'Failed: NOT_FOUND',
      'Failed: Error: ErrImagePull',
      'BackOff: Back-off pulling image "nginx:1.255"',
      'Failed: Error: ImagePullBackOff',
      'Pulling: Pulling image "nginx:1.255"',
    ]);
  });

  it('refuses an invalid image reference with InvalidImageName', () => {
    const sb = world();
    apply(sb, [pod('bad-name', { containers: [{ name: 'web', image: 'Nginx:1.25' }] })]);
    sb.runUntilSettled();
    expect(container(sb, 'bad-name', 'web').state.waiting).toEqual({
      reason: 'InvalidImageName',
      message: 'Failed to apply default image tag "Nginx:1.25": couldn\'t parse image name "Nginx:1.25": invalid reference format',
    });
    expect(events(sb, 'bad-name')).toContain('Failed: Error: InvalidImageName');
  });
});
