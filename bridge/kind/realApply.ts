/** `real apply`: the same manifests the sandbox takes, server-side applied to the running real cluster. */
import { readFileSync } from 'node:fs';
import type { BackendStatus, KubeObject } from '../backend.js';
import { BackendError } from '../backend.js';
import { RealClusterBackend } from '../realCluster/index.js';
import { alive, readState } from './state.js';
import type { RealState } from './state.js';

export type Running = { ok: true; state: RealState; backend: RealClusterBackend } | { ok: false; reason: string };

/** The cluster `real up` is holding, reached through the kubeconfig it wrote. */
export function runningCluster(): Running {
  const state = readState();
  if (!state) return { ok: false, reason: 'no real cluster is running (start one with `argo-sandbox real up`)' };
  if (!alive(state.pid)) return { ok: false, reason: `the \`real up\` process (pid ${state.pid}) is gone; run \`argo-sandbox real down\` to clean up` };
  return { ok: true, state, backend: new RealClusterBackend({ kubeconfig: readFileSync(state.kubeconfigPath, 'utf8') }) };
}

export interface ApplyOutcome {
  object: KubeObject;
  result?: KubeObject;
  error?: BackendStatus;
}

/** Applies in order (a Namespace before what goes in it), going on past failures like kubectl. */
export async function applyAll(backend: RealClusterBackend, objects: KubeObject[]): Promise<ApplyOutcome[]> {
  const out: ApplyOutcome[] = [];
  for (const object of objects) {
    try {
      out.push({ object, result: await backend.apply(object) });
    } catch (err) {
      out.push({ object, error: err instanceof BackendError ? err.status : { code: 500, reason: 'InternalError', message: String(err) } });
    }
  }
  return out;
}
