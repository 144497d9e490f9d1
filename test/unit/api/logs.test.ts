import { describe, expect, it } from 'vitest';
import { harnessPerTest } from './helpers.js';

const h = harnessPerTest();

const POD = '/api/v1/namespaces/default/pods/logger';

async function podWith(containers: string[], state: Record<string, unknown>): Promise<void> {
  await h.req('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'logger' },
    // Bound to a node no simulated kubelet runs, so the test owns the container statuses.
    spec: { nodeName: 'elsewhere', containers: containers.map((name) => ({ name, image: 'busybox' })) },
  });
  await setState(containers, state);
}

async function setState(containers: string[], state: Record<string, unknown>, lastState: Record<string, unknown> = {}): Promise<void> {
  const cur = (await h.req('GET', POD)).json;
  const status = { phase: 'Running', containerStatuses: containers.map((name) => ({ name, state, lastState, ready: true, restartCount: 0, image: 'busybox', imageID: '' })) };
  const r = await h.req('PUT', `${POD}/status`, { ...cur, status });
  expect(r.status).toBe(200);
}

describe('pod logs', () => {
  it('reads a container log with tailLines, timestamps and sinceSeconds', async () => {
    await podWith(['main'], { running: { startedAt: '2025-01-01T00:00:00Z' } });
    const t0 = h.sandbox.now();
    for (let i = 1; i <= 3; i++) h.sandbox.podLogs.append('default', 'logger', 'main', t0 + i * 1000, `line ${i}`);
    expect((await h.req('GET', `${POD}/log`)).text).toBe('line 1\nline 2\nline 3\n');
    expect((await h.req('GET', `${POD}/log?tailLines=2`)).text).toBe('line 2\nline 3\n');
    const stamped = (await h.req('GET', `${POD}/log?timestamps=true&tailLines=1`)).text;
    expect(stamped).toBe(`${new Date(t0 + 3000).toISOString().replace('.000Z', '.000000000Z')} line 3\n`);
    h.sandbox.advance(10_000);
    // now = t0 + 10s: the last 8 seconds hold lines stamped t0+2s and later.
    expect((await h.req('GET', `${POD}/log?sinceSeconds=8`)).text).toBe('line 2\nline 3\n');
  });

  it('asks for a container name when the pod has several, and says when a container is still waiting', async () => {
    await podWith(['a', 'b'], { waiting: { reason: 'ContainerCreating' } });
    const r = await h.req('GET', `${POD}/log`);
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('a container name must be specified for pod logger, choose one of: [a b]');
    const waiting = await h.req('GET', `${POD}/log?container=a`);
    expect(waiting.status).toBe(400);
    expect(waiting.json.message).toBe('container "a" in pod "logger" is waiting to start: ContainerCreating');
    expect((await h.req('GET', `${POD}/log?container=zzz`)).json.message).toBe('container zzz is not valid for pod logger');
  });

  it('CrashLoopBackOff: logs and --previous show the last run; --previous before any restart is an error', async () => {
    await podWith(['main'], { running: { startedAt: '2025-01-01T00:00:00Z' } });
    const noPrev = await h.req('GET', `${POD}/log?previous=true`);
    expect(noPrev.json.message).toBe('previous terminated container "main" in pod "logger" not found');
    h.sandbox.podLogs.append('default', 'logger', 'main', h.sandbox.now(), 'run 1');
    await setState(['main'], { waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1, reason: 'Error' } });
    expect((await h.req('GET', `${POD}/log`)).text).toBe('run 1\n');
    expect((await h.req('GET', `${POD}/log?previous=true`)).text).toBe('run 1\n');
    h.sandbox.podLogs.restart('default', 'logger', 'main');
    h.sandbox.podLogs.append('default', 'logger', 'main', h.sandbox.now(), 'run 2');
    await setState(['main'], { running: { startedAt: '2025-01-01T00:00:10Z' } }, { terminated: { exitCode: 1, reason: 'Error' } });
    expect((await h.req('GET', `${POD}/log`)).text).toBe('run 2\n');
    expect((await h.req('GET', `${POD}/log?previous=true`)).text).toBe('run 1\n');
  });

  it('follow streams new lines until the container terminates', async () => {
    await podWith(['main'], { running: { startedAt: '2025-01-01T00:00:00Z' } });
    h.sandbox.podLogs.append('default', 'logger', 'main', h.sandbox.now(), 'first');
    const res = await fetch(`${h.url}${POD}/log?follow=true`);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = dec.decode((await reader.read()).value);
    expect(text).toBe('first\n');
    h.sandbox.podLogs.append('default', 'logger', 'main', h.sandbox.now(), 'second');
    await setState(['main'], { terminated: { exitCode: 0, reason: 'Completed' } });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value);
    }
    expect(text).toBe('first\nsecond\n');
  });
});
