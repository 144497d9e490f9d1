/** Which Argo CD each sandbox has (the git server and the controller's state live outside the store). */
import type { Sandbox } from '../../sandbox.js';
import type { GitHost } from '../../git/index.js';
import type { AppControllerState } from './state.js';

/** What Argo CD keeps outside the object store: the git server and the controller's per-app state. */
export interface ArgoCD {
  namespace: string;
  git: GitHost;
  controller: AppControllerState;
}

const installed = new WeakMap<Sandbox, ArgoCD>();

/** The Argo CD installed in `sandbox` (throws when there is none). */
export function argoCD(sandbox: Sandbox): ArgoCD {
  const a = installed.get(sandbox);
  if (!a) throw new Error('Argo CD is not installed in this sandbox');
  return a;
}

export function hasArgoCD(sandbox: Sandbox): boolean {
  return installed.has(sandbox);
}

export function setArgoCD(sandbox: Sandbox, argo: ArgoCD): void {
  installed.set(sandbox, argo);
}
