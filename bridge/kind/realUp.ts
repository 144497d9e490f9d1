/**
 * `real up` / `real down` / `real status` as functions: start a kind cluster (k3s as the fallback) in
 * Docker, install Argo CD and Argo Workflows, start the bridge the UI connects to, and remember it all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { getContainerRuntimeClient, TestContainers } from 'testcontainers';
import { RealClusterBackend } from '../realCluster/index.js';
import { startBridge } from '../server/index.js';
import type { Bridge } from '../server/index.js';
import { checkDocker } from './docker.js';
import { installArgo } from './install.js';
import { startK3s } from './k3s.js';
import { startKindNode } from './kindNode.js';
import type { StartedCluster } from './kindNode.js';
import { alive, clearState, defaultKubeconfigPath, readState, writeState } from './state.js';
import type { RealState } from './state.js';

export class DockerUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Docker is not available: ${reason}`);
    this.name = 'DockerUnavailableError';
  }
}

export interface RealUpOptions {
  /** `auto` (default): kind, and k3s when a kind node cannot start. */
  provider?: 'kind' | 'k3s' | 'auto';
  kubeconfigPath?: string;
  /** Bridge port (default: a free one). */
  port?: number;
  /** Install Argo CD and Argo Workflows (default true). */
  argo?: boolean;
  log?: (line: string) => void;
}

export interface RealSession {
  cluster: StartedCluster;
  backend: RealClusterBackend;
  bridge: Bridge;
  kubeconfigPath: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** How pods in the cluster reach the bridge: through testcontainers' host-port tunnel. */
async function clusterBaseFor(cluster: StartedCluster, port: number): Promise<string | undefined> {
  const r = await cluster.container.exec(['getent', 'hosts', 'host.testcontainers.internal']);
  const ip = r.exitCode === 0 ? r.output.trim().split(/\s+/)[0] : undefined;
  return ip ? `http://${ip}:${port}` : undefined;
}

export async function realUp(opts: RealUpOptions = {}): Promise<RealSession> {
  const log = opts.log ?? (() => undefined);
  const docker = await checkDocker();
  if (!docker.ok) throw new DockerUnavailableError(docker.reason);
  log(`Docker: ${docker.info}`);
  const port = opts.port ?? (await freePort());
  // Before any container starts: the tunnel is how the cluster's Argo CD reaches the bridge's git server.
  await TestContainers.exposeHostPorts(port);
  const provider = opts.provider ?? 'auto';
  let cluster: StartedCluster;
  if (provider === 'k3s') cluster = await startK3s(log);
  else {
    try {
      cluster = await startKindNode(log);
    } catch (err) {
      if (provider === 'kind') throw err;
      log(`The kind node did not come up (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); falling back to k3s.`);
      cluster = await startK3s(log);
    }
  }
  try {
    const kubeconfigPath = opts.kubeconfigPath ?? defaultKubeconfigPath();
    mkdirSync(dirname(kubeconfigPath), { recursive: true });
    writeFileSync(kubeconfigPath, cluster.kubeconfig, { mode: 0o600 });
    const backend = new RealClusterBackend({ kubeconfig: cluster.kubeconfig });
    if (opts.argo !== false) await installArgo(backend, { log });
    const bridge = await startBridge({ backend, port, provider: cluster.provider, kubeconfigPath, clusterGitBase: await clusterBaseFor(cluster, port) });
    const state: RealState = {
      provider: cluster.provider,
      pid: process.pid,
      containerId: cluster.container.getId(),
      endpoint: cluster.endpoint,
      kubeconfigPath,
      bridgeUrl: bridge.url,
      token: bridge.token,
      startedAt: new Date().toISOString(),
    };
    writeState(state);
    return {
      cluster,
      backend,
      bridge,
      kubeconfigPath,
      close: async () => {
        await bridge.close();
        await backend.close();
        await cluster.stop();
        clearState();
      },
    };
  } catch (err) {
    await cluster.stop().catch(() => undefined);
    throw err;
  }
}

export type DownResult = { stopped: false; reason: string } | { stopped: true; state: RealState };

/** Stops what `real up` started: asks its process to stop, and removes the container in any case. */
export async function realDown(): Promise<DownResult> {
  const state = readState();
  if (!state) return { stopped: false, reason: 'no real cluster is running (nothing was started with `argo-sandbox real up`)' };
  if (state.pid !== process.pid && alive(state.pid)) process.kill(state.pid, 'SIGTERM');
  const docker = await checkDocker();
  if (docker.ok) {
    const client = await getContainerRuntimeClient();
    try {
      await client.container.remove(client.container.getById(state.containerId), { removeVolumes: true });
    } catch {
      // already gone with the process that held it
    }
  }
  clearState();
  return { stopped: true, state };
}

export type StatusResult = { running: false; reason: string } | { running: true; state: RealState; reachable: boolean; nodes: string[] };

export async function realStatus(): Promise<StatusResult> {
  const state = readState();
  if (!state) return { running: false, reason: 'no real cluster is running (start one with `argo-sandbox real up`)' };
  if (!alive(state.pid)) return { running: false, reason: `the \`real up\` process (pid ${state.pid}) is gone; run \`argo-sandbox real down\` to clean up` };
  try {
    const backend = new RealClusterBackend({ kubeconfig: readFileSync(state.kubeconfigPath, 'utf8') });
    const { items } = await backend.list({ apiVersion: 'v1', kind: 'Node' });
    return { running: true, state, reachable: true, nodes: items.map((n) => n.metadata.name ?? '') };
  } catch {
    return { running: true, state, reachable: false, nodes: [] };
  }
}
