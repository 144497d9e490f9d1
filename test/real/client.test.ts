/**
 * The browser's bridge client (src/real) against a real bridge over `argo-sandbox serve` (with the ws
 * package standing in for the browser's WebSocket), and the conversion of a simulated object into one
 * to apply to the real cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge } from '../../bridge/server/index.js';
import type { Bridge } from '../../bridge/server/index.js';
import type { BackendWatchEvent, KubeObject } from '../../bridge/backend.js';
import { BridgeCallError, BridgeClient, bridgeFromHash, isLoopbackBridge } from '../../src/real/bridgeClient.js';
import { sendable } from '../../src/real/sendable.js';
import { servedWorld, until } from './support.js';
import type { World } from './support.js';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let world: World & { server: { close(): Promise<void> } };
let bridge: Bridge;

beforeAll(async () => {
  world = await servedWorld();
  bridge = await startBridge({ backend: world.backend });
});
afterAll(async () => {
  await bridge?.close();
  await world?.backend.close();
  await world?.server.close();
});

describe('src/real bridge client', () => {
  it('reads the connect link that real up prints, and only ever targets loopback', () => {
    const link = bridge.connectUrl('http://localhost:5173/');
    expect(link).toMatch(/^http:\/\/localhost:5173\/#\/real\/\?bridge=/);
    expect(bridgeFromHash(new URL(link).hash)).toEqual({ url: bridge.wsUrl, token: bridge.token });
    expect(bridgeFromHash('#/real')).toBeUndefined();
    expect(isLoopbackBridge('ws://127.0.0.1:9/ws')).toBe(true);
    expect(isLoopbackBridge('ws://evil.example:9/ws')).toBe(false);
    expect(isLoopbackBridge('http://127.0.0.1:9/ws')).toBe(false);
  });

  it('a wrong token is refused; a non-loopback address is never tried', async () => {
    await expect(BridgeClient.connect({ url: bridge.wsUrl, token: 'wrong' }, WS)).rejects.toThrow(/could not connect to the bridge/);
    await expect(BridgeClient.connect({ url: 'ws://example.com/ws', token: bridge.token }, WS)).rejects.toThrow(/runs on this machine/);
  });

  it('calls, typed errors and watches over the socket', async () => {
    const client = await BridgeClient.connect({ url: bridge.wsUrl, token: bridge.token }, WS);
    try {
      expect((await client.call('bridge.status')).mode).toBe('real');
      await client.call('cluster.apply', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ui' } });
      const seen: BackendWatchEvent[] = [];
      const stop = await client.watch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ui' }, (e) => seen.push(e));
      await client.call('cluster.apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ui' }, data: { x: '1' } });
      await until(() => seen.length === 1, 'the ADDED event');
      stop();
      expect(seen[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'c' } } });
      const err = await client.call('cluster.delete', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ui', name: 'nope' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BridgeCallError);
      expect((err as BridgeCallError).status).toEqual({ code: 404, reason: 'NotFound', message: 'configmaps "nope" not found' });
      const served = await client.call('git.loadFiles', [{ repoURL: 'https://github.com/example/demo.git', files: { 'app/cm.yaml': 'kind: ConfigMap\n' } }]);
      expect(served).toEqual([{ repoURL: 'https://github.com/example/demo.git', cloneURL: `${bridge.url}/git/github.com/example/demo.git` }]);
      expect(await bridge.git.get('https://github.com/example/demo.git').readFile('HEAD', 'app/cm.yaml')).toBe('kind: ConfigMap\n');
    } finally {
      client.close();
    }
  });
});

describe('sendable: a simulated object as the learner wrote it', () => {
  it('drops what the API server added and points Application sources at the bridge', async () => {
    const sim = world.sandbox;
    const stored = sim.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'guestbook', namespace: 'argocd', labels: { team: 'a' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'keep' } },
      spec: { project: 'default', source: { repoURL: 'https://github.com/example/demo.git', path: 'app' }, destination: { namespace: 'default', server: 'https://kubernetes.default.svc' } },
    } as KubeObject);
    const out = sendable(stored, { 'https://github.com/example/demo.git': 'http://172.17.0.3:4242/git/github.com/example/demo.git' });
    expect(out).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'guestbook', namespace: 'argocd', labels: { team: 'a' }, annotations: { note: 'keep' } },
      spec: { project: 'default', source: { repoURL: 'http://172.17.0.3:4242/git/github.com/example/demo.git', path: 'app' }, destination: { namespace: 'default', server: 'https://kubernetes.default.svc' } },
    });
    expect(stored.metadata.uid).toBeDefined(); // the input is left alone
  });
});
