/** Health read from objects the real simulator writes (createSandbox: controllers, scheduler and kubelet). */
import { describe, expect, it } from 'vitest';
import { getResourceHealth } from '../../../../simulator/argocd/health/index.js';
import type { HealthStatus } from '../../../../simulator/argocd/health/index.js';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../../../simulator/index.js';

const T0 = Date.UTC(2025, 0, 1);

function healthOf(sb: Sandbox, apiVersion: string, kind: string, name: string): HealthStatus | undefined {
  const obj = sb.store.get({ apiVersion, kind, namespace: 'default', name });
  return obj ? getResourceHealth(obj) : undefined;
}

/** Step the world, recording each change of health (status + message) of one object. */
function trace(sb: Sandbox, read: () => HealthStatus | undefined, maxSteps = 20_000): string[] {
  const seen: string[] = [];
  const note = () => {
    const h = read();
    const line = h ? `${h.status}${h.message ? `: ${h.message}` : ''}` : 'none';
    if (seen[seen.length - 1] !== line) seen.push(line);
  };
  note();
  for (let i = 0; i < maxSteps && sb.scheduler.hasForegroundWork(); i++) {
    sb.step();
    note();
  }
  return seen;
}

describe('health of simulated workloads', () => {
  it('a Deployment goes Progressing → Healthy as the kubelet brings its pods up', () => {
    const sb = createSandbox({ seed: 3, startTime: T0 });
    const web: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
    };
    sb.store.create(web);
    const seen = trace(sb, () => healthOf(sb, 'apps/v1', 'Deployment', 'web'));
    expect(seen[0]).toBe('Progressing: Waiting for rollout to finish: observed deployment generation less than desired generation');
    expect(seen).toContain('Progressing: Waiting for rollout to finish: 0 of 2 updated replicas are available...');
    expect(seen[seen.length - 1]).toBe('Healthy');
    expect(seen.slice(0, -1).every((s) => s.startsWith('Progressing'))).toBe(true);
    // Its ReplicaSet and pods agree once settled.
    const rs = sb.store.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace: 'default' });
    expect(rs.map((r) => getResourceHealth(r))).toEqual([{ status: 'Healthy' }]);
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods.map((p) => getResourceHealth(p)?.status)).toEqual(['Healthy', 'Healthy']);
  });

  it('a pod that exits 1 under restartPolicy Always ends Degraded with the CrashLoopBackOff message', () => {
    const sb = createSandbox({ seed: 3, startTime: T0 });
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crash', namespace: 'default' },
      spec: { restartPolicy: 'Always', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] },
    });
    expect(healthOf(sb, 'v1', 'Pod', 'crash')?.status).toBe('Progressing');
    sb.advance(120_000);
    const pod = sb.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'crash' });
    const h = getResourceHealth(pod);
    expect(h?.status).toBe('Degraded');
    expect(h?.message).toMatch(new RegExp(`^back-off (\\d+m)?\\d+s restarting failed container=main pod=crash_default\\(${pod.metadata.uid}\\)$`));
  });

  it('the same pod under restartPolicy Never ends Degraded with its exit code', () => {
    const sb = createSandbox({ seed: 3, startTime: T0 });
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'once', namespace: 'default' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] },
    });
    sb.runUntilSettled();
    expect(healthOf(sb, 'v1', 'Pod', 'once')).toEqual({ status: 'Degraded', message: 'container "main" failed with exit code 1' });
  });
});
