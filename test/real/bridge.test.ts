/**
 * The bridge end to end without Docker: browser-side WebSocket → bridge → RealClusterBackend →
 * `argo-sandbox serve`. Also: it listens on 127.0.0.1 only, refuses every request and upgrade without
 * the session token or with a foreign Host, and serves loaded repositories over token-guarded git HTTP.
 */
import { request } from 'node:http';
import * as git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, TOKEN_PROTOCOL_PREFIX } from '../../bridge/server/index.js';
import type { Bridge, ServerMessage, ServedRepo, BridgeStatus } from '../../bridge/server/index.js';
import { GitHost, MemFs } from '../../simulator/git/index.js';
import { servedWorld, until } from './support.js';
import type { World } from './support.js';

let world: World & { server: { close(): Promise<void>; url: string } };
let bridge: Bridge;

/** A connected WebSocket client with `call` and the watch messages it received. */
async function connect(url: string, protocols?: string[]) {
  const ws = new WebSocket(url, protocols);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (m: ServerMessage) => void>();
  const watchMessages: ServerMessage[] = [];
  const order: string[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    order.push('id' in msg ? `reply ${msg.id}` : `event ${msg.watch}`);
    if ('id' in msg) pending.get(msg.id)?.(msg);
    else watchMessages.push(msg);
  });
  const raw = (text: string, id: number) =>
    new Promise<ServerMessage>((resolve) => {
      pending.set(id, resolve);
      ws.send(text);
    });
  const call = (feature: string, method: string, ...args: unknown[]) => {
    const id = nextId++;
    return raw(JSON.stringify({ id, feature, method, args }), id);
  };
  return { ws, call, raw, watchMessages, order };
}

/** Status code of an upgrade attempt that fails, or 101 when it opens. */
function upgradeStatus(url: string, opts: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, opts.protocols, { headers: opts.headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

function httpGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  world = await servedWorld();
  bridge = await startBridge({ backend: world.backend });
});
afterAll(async () => {
  await bridge?.close();
  await world?.backend.close();
  await world?.server.close();
});

describe('bridge: loopback and token', () => {
  it('listens on 127.0.0.1 and refuses to bind anywhere else', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startBridge({ backend: world.backend, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1/);
    expect(bridge.token).toMatch(/^[\w-]{32}$/);
    const other = await startBridge({ backend: world.backend });
    expect(other.token).not.toBe(bridge.token); // per session
    await other.close();
  });

  it('every HTTP request needs the token; a foreign Host is refused even with it', async () => {
    expect((await httpGet('/healthz')).status).toBe(401);
    expect((await httpGet('/healthz', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await httpGet('/healthz', { Authorization: `Bearer ${bridge.token}` })).toEqual({ status: 200, body: 'ok' });
    expect((await httpGet(`/healthz?token=${bridge.token}`)).status).toBe(200);
    expect((await httpGet('/healthz', { Authorization: `Bearer ${bridge.token}`, Host: 'evil.example:80' })).status).toBe(403);
    const status = JSON.parse((await httpGet('/status', { Authorization: `Bearer ${bridge.token}` })).body) as BridgeStatus;
    expect(status).toMatchObject({ mode: 'real', server: world.server.url, gitBase: `${bridge.url}/git`, repos: [] });
  });

  it('every WebSocket upgrade needs the token (query or subprotocol) and a loopback Host', async () => {
    expect(await upgradeStatus(bridge.wsUrl)).toBe(401);
    expect(await upgradeStatus(`${bridge.wsUrl}?token=nope`)).toBe(401);
    expect(await upgradeStatus(`${bridge.wsUrl}?token=${bridge.token}`)).toBe(101);
    expect(await upgradeStatus(bridge.wsUrl, { protocols: [TOKEN_PROTOCOL_PREFIX + bridge.token] })).toBe(101);
    expect(await upgradeStatus(`${bridge.wsUrl}?token=${bridge.token}`, { headers: { Host: 'attacker.example' } })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${bridge.port}/elsewhere?token=${bridge.token}`)).toBe(404);
  });
});

describe('bridge: feature-RPC messages over the real-cluster backend', () => {
  it('apply, get, list, watch, logs, events and delete reach the cluster', async () => {
    const c = await connect(bridge.wsUrl, [TOKEN_PROTOCOL_PREFIX + bridge.token]);
    try {
      expect(await c.call('cluster', 'apply', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } })).toMatchObject({ ok: true });
      const applied = await c.call('cluster', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'demo' }, data: { a: '1' } });
      expect(applied).toMatchObject({ ok: true, result: { kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'demo' }, data: { a: '1' } } });

      const watch = (await c.call('cluster', 'watch', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo' })) as { id: number; ok: true; result: { watch: string } };
      await until(() => c.watchMessages.length >= 1, 'the ADDED event');
      // The watch id comes back before any of its events (the current objects are ready at once).
      expect(c.order.slice(c.order.indexOf(`reply ${watch.id}`))).toEqual([`reply ${watch.id}`, `event ${watch.result.watch}`]);
      await c.call('cluster', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'demo' }, data: { a: '2' } });
      await until(() => c.watchMessages.length >= 2, 'the MODIFIED event');
      const events = c.watchMessages.map((m) => ('event' in m ? `${m.watch} ${m.event.type} ${JSON.stringify(m.event.object.data)}` : 'error'));
      expect(events).toEqual([`${watch.result.watch} ADDED {"a":"1"}`, `${watch.result.watch} MODIFIED {"a":"2"}`]);
      expect(await c.call('cluster', 'unwatch', watch.result.watch)).toMatchObject({ ok: true, result: null });

      expect(await c.call('cluster', 'get', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'missing' })).toMatchObject({ ok: true, result: null });
      const list = (await c.call('cluster', 'list', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo' })) as { ok: true; result: { items: { metadata: { name: string } }[] } };
      expect(list.result.items.map((i) => i.metadata.name)).toEqual(['cfg']);

      await c.call('cluster', 'apply', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'talk', namespace: 'demo' },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo over the bridge'] }] },
      });
      await world.advance(30_000);
      expect(await c.call('cluster', 'logs', { namespace: 'demo', name: 'talk' })).toMatchObject({ ok: true, result: 'over the bridge\n' });
      const ev = (await c.call('cluster', 'events', { namespace: 'demo', involvedObject: { kind: 'Pod', name: 'talk' } })) as { ok: true; result: { reason: string }[] };
      expect(ev.result.map((e) => e.reason)).toContain('Scheduled');

      expect(await c.call('cluster', 'delete', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'nope' })).toEqual({
        id: expect.any(Number),
        ok: false,
        error: { code: 404, reason: 'NotFound', message: 'configmaps "nope" not found' },
      });
      expect(await c.call('cluster', 'teleport')).toMatchObject({ ok: false, error: { code: 404, message: 'unknown method "cluster.teleport"' } });
      expect(await c.raw('{not json', 0)).toMatchObject({ ok: false, error: { code: 400, reason: 'BadRequest' } });
      expect(await c.call('bridge', 'status')).toMatchObject({ ok: true, result: { mode: 'real', server: world.server.url } });
    } finally {
      c.ws.close();
    }
  });

  it('git.load serves the sandbox repositories; cloning needs the token', async () => {
    const host = new GitHost();
    const repo = await host.createRepo('https://github.com/example/apps.git', { 'app/cm.yaml': 'kind: ConfigMap\n' }, { author: { name: 'a', email: 'a@b', timestamp: 1_700_000_000 } });
    const c = await connect(`${bridge.wsUrl}?token=${bridge.token}`);
    const loaded = (await c.call('git', 'load', host.exportState())) as { ok: true; result: ServedRepo[] };
    c.ws.close();
    expect(loaded.result).toEqual([{ repoURL: 'https://github.com/example/apps.git', cloneURL: `${bridge.url}/git/github.com/example/apps.git` }]);

    const url = loaded.result[0]!.cloneURL;
    await expect(git.clone({ fs: new MemFs(), http, dir: '/a', url })).rejects.toThrow(/401/);
    const fs = new MemFs();
    await git.clone({ fs, http, dir: '/b', url, onAuth: () => ({ username: 'argocd', password: bridge.token }) });
    expect(await git.resolveRef({ fs, dir: '/b', ref: 'HEAD' })).toBe(await repo.resolve('main'));
  });
});
