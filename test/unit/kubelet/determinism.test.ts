import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../simulator/index.js';
import { apply, fixture, pod, world } from './helpers.js';

/** A busy little world: init containers, a crash loop, probes, a deletion mid-run. */
function scenario(sb: Sandbox): void {
  apply(sb, fixture('init-then-main.input.yaml'));
  apply(sb, [
    pod('crash', { containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo boom; sleep 1; exit 1'] }] }),
    pod('probed', { containers: [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 3 }, livenessProbe: { httpGet: { port: 80 }, periodSeconds: 4 } }] }, {
      'sandbox.argoproj.io/readiness-fail-for': '10s',
      'sandbox.argoproj.io/liveness-fail-after': '40s',
    }),
    pod('job', { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'alpine:3.20', command: ['sh', '-c', 'date; sleep 2; echo ok'] }] }),
  ]);
}

function deleteLater(sb: Sandbox): void {
  sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'job' });
}

function pods(sb: Sandbox): unknown {
  return sb.store.list({ apiVersion: 'v1', kind: 'Pod' }).map((p) => [p.metadata.name, p.status]);
}

describe('kubelet: determinism', () => {
  it('same seed, same inputs: byte-identical event log, pods and logs', () => {
    const run = (): [string, unknown, unknown] => {
      const sb = world(7);
      scenario(sb);
      sb.advance(30_000);
      deleteLater(sb);
      sb.advance(200_000);
      return [sb.log.toJsonLines(), pods(sb), sb.podLogs.getState()];
    };
    const a = run();
    const b = run();
    expect(a[0].length).toBeGreaterThan(1000);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toEqual(a[1]);
    expect(b[2]).toEqual(a[2]);
  });

  it('snapshot → restore → continue equals the uninterrupted run', () => {
    const straight = world(3);
    scenario(straight);
    straight.advance(30_000);
    deleteLater(straight);
    straight.advance(200_000);

    const first = world(3);
    scenario(first);
    first.advance(30_000);
    deleteLater(first);
    first.advance(45_500);
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    const resumed = world(3);
    resumed.restore(snap);
    resumed.advance(200_000 - 45_500);

    expect(resumed.log.toJsonLines()).toBe(straight.log.toJsonLines());
    expect(pods(resumed)).toEqual(pods(straight));
    expect(resumed.podLogs.getState()).toEqual(straight.podLogs.getState());
    expect(resumed.now()).toBe(straight.now());
  });
});
