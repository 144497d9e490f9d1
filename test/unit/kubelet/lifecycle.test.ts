import { describe, expect, it } from 'vitest';
import { withoutKubeletBookkeeping } from '../../../simulator/cluster/kubelet/index.js';
import { apply, condition, container, eventTimes, events, fixture, getPod, maybeContainer, pod, status, until, world } from './helpers.js';

describe('kubelet: init containers, then main containers', () => {
  it('runs init containers one at a time in order, then starts the main containers', () => {
    const sb = world();
    apply(sb, fixture('init-then-main.input.yaml'));
    until(sb, () => maybeContainer(sb, 'web-1', 'migrate')?.state.running !== undefined);
    // While the first init container runs, everything else waits with PodInitializing.
    expect(status(sb, 'web-1').phase).toBe('Pending');
    expect(container(sb, 'web-1', 'warmup').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(container(sb, 'web-1', 'web').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(condition(sb, 'web-1', 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [migrate warmup]' });
    expect(condition(sb, 'web-1', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized' });

    sb.runUntilSettled();
    expect(events(sb, 'web-1').map((e) => e.replace(/ in \d.*$/, ''))).toEqual([
      'Scheduled: Successfully assigned default/web-1 to sandbox-control-plane',
      'Pulling: Pulling image "busybox:1.36"',
      'Pulled: Successfully pulled image "busybox:1.36"',
      'Created: Created container migrate',
      'Started: Started container migrate',
      'Pulled: Container image "busybox:1.36" already present on machine',
      'Created: Created container warmup',
      'Started: Started container warmup',
      'Pulling: Pulling image "nginx:1.25"',
      'Pulled: Successfully pulled image "nginx:1.25"',
      'Created: Created container web',
      'Started: Started container web',
      'Pulled: Container image "busybox:1.36" already present on machine',
      'Created: Created container sidecar',
      'Started: Started container sidecar',
    ]);
    // Each init container starts only after the previous one exited (migrate sleeps 2 s, warmup 1 s).
    const t0 = sb.log.all()[0]!.t;
    const [migrateStart, warmupStart, webStart] = eventTimes(sb, 'web-1', 'Started', t0);
    expect(warmupStart! - migrateStart!).toBeGreaterThanOrEqual(2000);
    expect(webStart! - warmupStart!).toBeGreaterThanOrEqual(1000);

    const st = status(sb, 'web-1');
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses!.map((c) => [c.name, c.state.terminated?.reason, c.state.terminated?.exitCode, c.ready])).toEqual([
      ['migrate', 'Completed', 0, true],
      ['warmup', 'Completed', 0, true],
    ]);
    expect(st.containerStatuses!.map((c) => [c.name, Object.keys(c.state)[0], c.ready, c.started, c.restartCount])).toEqual([
      ['web', 'running', true, true, 0],
      ['sidecar', 'running', true, true, 0],
    ]);
    expect(st.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const web = container(sb, 'web-1', 'web');
    expect(web.image).toBe('docker.io/library/nginx:1.25');
    expect(web.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(web.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(st.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(st.hostIP).toBe('172.18.0.2');
    expect(st.qosClass).toBe('BestEffort');
    expect(st.startTime).toBe('2025-01-01T00:00:00Z');
  });

  it('shows ContainerCreating while pulling and creating, without init containers', () => {
    const sb = world();
    apply(sb, [pod('web', { containers: [{ name: 'web', image: 'nginx:1.25' }] })]);
    sb.advance(500);
    expect(status(sb, 'web').phase).toBe('Pending');
    expect(container(sb, 'web', 'web')).toMatchObject({ state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false, restartCount: 0, imageID: '' });
    expect(condition(sb, 'web', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(condition(sb, 'web', 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
  });

  it('fails the pod when an init container fails under restartPolicy Never, and never starts the main containers', () => {
    const sb = world();
    apply(sb, [pod('bad-init', { restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'echo nope; exit 2'] }], containers: [{ name: 'app', image: 'nginx:1.25' }] })]);
    sb.runUntilSettled();
    expect(status(sb, 'bad-init').phase).toBe('Failed');
    expect(container(sb, 'bad-init', 'check').state.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(container(sb, 'bad-init', 'app').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(events(sb, 'bad-init').some((e) => e.includes('container app'))).toBe(false);
  });

  it('restarts a failing init container with back-off under restartPolicy Always (Init:CrashLoopBackOff)', () => {
    const sb = world();
    apply(sb, [pod('flaky-init', { initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['false'] }], containers: [{ name: 'app', image: 'nginx:1.25' }] })]);
    sb.advance(30_000);
    const check = container(sb, 'flaky-init', 'check');
    expect(status(sb, 'flaky-init').phase).toBe('Pending');
    expect(check.restartCount).toBeGreaterThanOrEqual(1);
    expect(check.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(events(sb, 'flaky-init').filter((e) => e.startsWith('BackOff')).length).toBeGreaterThanOrEqual(1);
  });
});

describe('kubelet: phases by exit code and restartPolicy', () => {
  const cases: [policy: string, code: number, phase: string, restarts: boolean][] = [
    ['Never', 0, 'Succeeded', false],
    ['Never', 1, 'Failed', false],
    ['OnFailure', 0, 'Succeeded', false],
    ['OnFailure', 1, 'Running', true],
    ['Always', 0, 'Running', true],
    ['Always', 1, 'Running', true],
  ];
  for (const [policy, code, phase, restarts] of cases) {
    it(`exit ${code} under restartPolicy ${policy} → ${phase}${restarts ? ', restarting' : ''}`, () => {
      const sb = world();
      apply(sb, [pod('job', { restartPolicy: policy, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', `echo run; exit ${code}`] }] })]);
      sb.advance(60_000);
      const st = status(sb, 'job');
      const main = container(sb, 'job', 'main');
      expect(st.phase).toBe(phase);
      if (restarts) {
        expect(main.restartCount).toBeGreaterThanOrEqual(1);
        expect(main.lastState.terminated).toMatchObject({ exitCode: code, reason: code === 0 ? 'Completed' : 'Error' });
      } else {
        expect(main.restartCount).toBe(0);
        expect(main.state.terminated).toMatchObject({ exitCode: code, reason: code === 0 ? 'Completed' : 'Error' });
        expect(condition(sb, 'job', 'Ready')).toMatchObject(phase === 'Succeeded' ? { status: 'False', reason: 'PodCompleted' } : { status: 'False', reason: 'ContainersNotReady' });
        expect(condition(sb, 'job', 'PodReadyToStartContainers')?.status).toBe('False');
      }
    });
  }
});

describe('kubelet: golden status', () => {
  it('init-then-main.input.yaml settles to init-then-main.output.yaml', () => {
    const sb = world(1);
    apply(sb, fixture('init-then-main.input.yaml'));
    sb.runUntilSettled();
    const { status: st } = withoutKubeletBookkeeping(getPod(sb, 'web-1')!);
    expect(JSON.parse(JSON.stringify({ status: st }))).toEqual(fixture('init-then-main.output.yaml')[0]);
    expect(status(sb, 'web-1').sandbox).toBeDefined();
  });
});

describe('kubelet: memory limits', () => {
  it('OOM-kills a container that allocates past its memory limit (exit 137, OOMKilled), then restarts it', () => {
    const sb = world();
    apply(sb, [
      pod('memory-demo', {
        containers: [
          {
            name: 'memory-demo-ctr',
            image: 'polinux/stress',
            resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
            command: ['stress'],
            args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
          },
        ],
      }),
    ]);
    sb.advance(30_000);
    const c = container(sb, 'memory-demo', 'memory-demo-ctr');
    expect(c.restartCount).toBeGreaterThanOrEqual(1);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(status(sb, 'memory-demo').qosClass).toBe('Burstable');
  });

  it('lets the same process run within a big enough limit', () => {
    const sb = world();
    apply(sb, [pod('roomy', { containers: [{ name: 'c', image: 'polinux/stress', resources: { limits: { memory: '1Gi', cpu: '500m' } }, command: ['stress', '--vm-bytes', '250M'] }] })]);
    sb.advance(30_000);
    expect(container(sb, 'roomy', 'c')).toMatchObject({ restartCount: 0, state: { running: {} } });
    expect(status(sb, 'roomy').qosClass).toBe('Guaranteed');
  });
});

