/**
 * What `real up` leaves for `real status` / `real down` in other terminals: the running bridge, the
 * cluster container and where its kubeconfig is. One file under ~/.argo-sandbox (ARGO_SANDBOX_HOME).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RealState {
  provider: 'kind' | 'k3s';
  /** The `real up` process holding the cluster and the bridge. */
  pid: number;
  containerId: string;
  endpoint: string;
  kubeconfigPath: string;
  bridgeUrl: string;
  token: string;
  startedAt: string;
}

export function stateDir(): string {
  return process.env.ARGO_SANDBOX_HOME ?? join(homedir(), '.argo-sandbox');
}

export function statePath(): string {
  return join(stateDir(), 'real.json');
}

export function defaultKubeconfigPath(): string {
  return join(stateDir(), 'real-kubeconfig.yaml');
}

export function writeState(state: RealState): void {
  mkdirSync(stateDir(), { recursive: true, mode: 0o700 });
  // The token is a credential for the bridge: readable by this user only.
  writeFileSync(statePath(), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

export function readState(): RealState | undefined {
  if (!existsSync(statePath())) return undefined;
  try {
    return JSON.parse(readFileSync(statePath(), 'utf8')) as RealState;
  } catch {
    return undefined;
  }
}

export function clearState(): void {
  rmSync(statePath(), { force: true });
}

/** Whether the process that wrote the state still runs. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
