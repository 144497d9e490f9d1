/**
 * Two identical worlds for the backend contract: one behind `SimulatedBackend`, one behind
 * `argo-sandbox serve` reached by `RealClusterBackend` (the code path that would talk to kind).
 * The serve pump is stopped (speed 0): tests move virtual time on both sides with `advance`.
 */
import { SimulatedBackend } from '../../bridge/simulated/index.js';
import { RealClusterBackend, kubeConfigForServer } from '../../bridge/realCluster/index.js';
import type { RealClusterOptions } from '../../bridge/realCluster/index.js';
import type { ClusterBackend } from '../../bridge/backend.js';
import { startApiServer } from '../../simulator/api/index.js';
import type { ApiServer } from '../../simulator/api/index.js';
import { createSandbox } from '../../simulator/index.js';
import type { Sandbox } from '../../simulator/sandbox.js';

export const SEED = 11;
export const START = Date.UTC(2026, 0, 1);

export interface World {
  name: 'simulated' | 'real';
  backend: ClusterBackend;
  sandbox: Sandbox;
  /** Move this world's virtual time (controllers and kubelet run). */
  advance(ms: number): Promise<void>;
}

export async function simulatedWorld(): Promise<World> {
  const sandbox = createSandbox({ seed: SEED, startTime: START });
  return { name: 'simulated', backend: new SimulatedBackend(sandbox), sandbox, advance: async (ms) => void (await sandbox.advanceAsync(ms)) };
}

export async function servedWorld(opts: Partial<RealClusterOptions> = {}): Promise<World & { server: ApiServer }> {
  const sandbox = createSandbox({ seed: SEED, startTime: START });
  const server = await startApiServer(sandbox, { port: 0, host: '127.0.0.1', speed: 0, bookmarkIntervalMs: 200 });
  const backend = new RealClusterBackend({ kubeconfig: kubeConfigForServer(server.url), ...opts });
  return {
    name: 'real',
    backend,
    sandbox,
    server,
    advance: async (ms) => void (await sandbox.advanceAsync(ms)),
  };
}

/** Wait (wall clock) until `check` holds; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An object without what differs between two API servers for the same history (nothing, ideally). */
export function comparable<T>(obj: T): T {
  return JSON.parse(JSON.stringify(obj)) as T;
}
