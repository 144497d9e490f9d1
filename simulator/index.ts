/** The engine's public surface: the UI, CLI and tests go through here. */
import { Sandbox } from './sandbox.js';
import type { SandboxOptions } from './sandbox.js';
import { installCluster } from './cluster/index.js';
import { installWorkflows } from './workflows/index.js';
import { installArgoCD } from './argocd/index.js';

export { Sandbox, objectKey, splitKey, DEFAULT_START } from './sandbox.js';
export type { SandboxOptions, SandboxSnapshot, ClusterContext, ClusterController, WatchSpec, StateProvider } from './sandbox.js';
export * from './core/index.js';
export type { KubeObject, StoredObject, ObjectMeta, ObjectKey, WatchEvent, JsonValue, JsonObject } from './cluster/index.js';
export { parseManifests, locate, locateIn, locateApiError, locateApiCauses, diagnose } from './manifest/index.js';
export type { ParsedManifest, ParseResult, Diagnostic } from './manifest/index.js';
export { registerCrd, installCrd } from './cluster/index.js';

/** A world with the simulated cluster installed (namespaces, a node, built-in controllers). */
export function createSandbox(opts: SandboxOptions & { argocd?: boolean } = {}): Sandbox {
  const sandbox = new Sandbox(opts);
  installCluster(sandbox);
  installWorkflows(sandbox);
  if (opts.argocd !== false) installArgoCD(sandbox);
  return sandbox;
}
