import { describe, expect, it } from 'vitest';
import { apply, condition, container, eventTimes, events, maybeContainer, pod, until, world } from './helpers.js';

const running = (sb: ReturnType<typeof world>, p: string, c: string) => () => maybeContainer(sb, p, c)?.state.running !== undefined;

describe('kubelet: probes', () => {
  it('keeps Ready False while the readiness probe fails, then turns it True', () => {
    const sb = world();
    apply(sb, [
      pod('web', { containers: [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }] }, {
        'sandbox.argoproj.io/readiness-fail-for': '30s',
      }),
    ]);
    until(sb, running(sb, 'web', 'web'), 60_000, 10);
    const started = eventTimes(sb, 'web', 'Started', 0)[0]!;
    sb.advance(12_000);
    expect(container(sb, 'web', 'web')).toMatchObject({ ready: false, started: true });
    expect(condition(sb, 'web', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(events(sb, 'web')).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500');
    until(sb, () => container(sb, 'web', 'web').ready, 60_000, 10);
    // Probes tick every 5 s from the start; the first passing one is 30 s in.
    expect(sb.now() - started).toBeGreaterThanOrEqual(30_000);
    expect(sb.now() - started).toBeLessThan(30_100);
    expect(condition(sb, 'web', 'Ready')?.status).toBe('True');
    expect(condition(sb, 'web', 'ContainersReady')?.status).toBe('True');
  });

  it('kills and restarts a container whose liveness probe fails failureThreshold times', () => {
    const sb = world();
    apply(sb, [
      pod('live', { containers: [{ name: 'web', image: 'nginx:1.25', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 } }] }, {
        'sandbox.argoproj.io/liveness-fail-after': '60s',
      }),
    ]);
    until(sb, running(sb, 'live', 'web'), 60_000, 10);
    const started = eventTimes(sb, 'live', 'Started', 0)[0]!;
    sb.advance(100_000);
    const unhealthy = eventTimes(sb, 'live', 'Unhealthy', started);
    expect(unhealthy.slice(0, 3)).toEqual([60_000, 70_000, 80_000]);
    expect(eventTimes(sb, 'live', 'Killing', started)[0]).toBe(80_000);
    expect(events(sb, 'live')).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events(sb, 'live')).toContain('Killing: Container web failed liveness probe, will be restarted');
    const web = container(sb, 'live', 'web');
    expect(web.restartCount).toBe(1);
    // nginx handles SIGTERM and exits 0.
    expect(web.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(web.state.running).toBeDefined();
  });

  it('runs exec probes through the runtime: exit 0 passes, anything else fails with its output', () => {
    const sb = world();
    apply(sb, [
      pod('exec', {
        containers: [
          { name: 'good', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 } },
          { name: 'bad', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 } },
        ],
      }),
    ]);
    sb.advance(30_000);
    expect(container(sb, 'exec', 'good').ready).toBe(true);
    expect(container(sb, 'exec', 'bad').ready).toBe(false);
    expect(condition(sb, 'exec', 'Ready')?.message).toBe('containers with unready status: [bad]');
    expect(events(sb, 'exec')).toContain("Unhealthy: Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  });

  it('holds readiness and liveness until the startup probe passes', () => {
    const sb = world();
    apply(sb, [
      pod('slow', {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.25',
            startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 10 },
            readinessProbe: { httpGet: { port: 80 }, periodSeconds: 5 },
          },
        ],
      }, { 'sandbox.argoproj.io/startup-fail-for': '20s' }),
    ]);
    until(sb, running(sb, 'slow', 'app'), 60_000, 10);
    sb.advance(15_000);
    expect(container(sb, 'slow', 'app')).toMatchObject({ started: false, ready: false });
    expect(events(sb, 'slow').filter((e) => e.startsWith('Unhealthy')).every((e) => e.includes('Startup probe failed: dial tcp'))).toBe(true);
    sb.advance(10_000);
    expect(container(sb, 'slow', 'app')).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });

  it('counts steady probe ticks as background work: a probed pod settles, a failing probe keeps working', () => {
    const sb = world();
    apply(sb, [pod('steady', { containers: [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 5 } }] })]);
    const res = sb.runUntilSettled({ maxVirtualMs: 120_000 });
    expect(res.settled).toBe(true);
    expect(container(sb, 'steady', 'web').ready).toBe(true);
    // The probe keeps ticking in the background when time moves on.
    apply(sb, [pod('failing', { containers: [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 5 } }] }, { 'sandbox.argoproj.io/readiness-fail-for': '1h' })]);
    expect(sb.runUntilSettled({ maxVirtualMs: 60_000 }).settled).toBe(false);
    expect(events(sb, 'failing').filter((e) => e.startsWith('Unhealthy')).length).toBeGreaterThanOrEqual(10);
  });

  it('honours initialDelaySeconds and successThreshold, and fails an exec probe that outlasts timeoutSeconds', () => {
    const sb = world();
    apply(sb, [
      pod('tuned', {
        containers: [
          { name: 'delayed', image: 'nginx:1.25', readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 15, periodSeconds: 5, successThreshold: 2 } },
          { name: 'slow', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['sleep', '3'] }, periodSeconds: 5, timeoutSeconds: 1 } },
        ],
      }),
    ]);
    until(sb, () => maybeContainer(sb, 'tuned', 'delayed')?.state.running !== undefined, 60_000, 10);
    const started = eventTimes(sb, 'tuned', 'Started', 0)[0]!;
    // Probes at 15 s and 20 s after the start: two successes are needed.
    until(sb, () => container(sb, 'tuned', 'delayed').ready, 60_000, 10);
    expect(sb.now() - started).toBeGreaterThanOrEqual(20_000);
    expect(sb.now() - started).toBeLessThan(20_100);
    sb.advance(20_000);
    expect(container(sb, 'tuned', 'slow').ready).toBe(false);
    expect(events(sb, 'tuned')).toContain('Unhealthy: Readiness probe failed: command "sleep 3" timed out');
  });
});

