/**
 * `kubectl apply -f` for text from the editor. Parsing and applying are the engine's (the same code the
 * CLI runs); this adds kubectl's one-line report per object: created / configured / unchanged.
 */
import { parseManifests } from '../../simulator/manifest/index.js';
import { applyManifests as applyParsed } from '../../simulator/cli/applyManifests.js';
import type { Sandbox } from '../../simulator/sandbox.js';
import type { StoredObject } from '../../simulator/cluster/index.js';
import type { ApplyResult } from './protocol.js';

const idOf = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => `${apiVersion} ${kind} ${namespace ?? ''}/${name}`;

export function applyManifests(sandbox: Sandbox, text: string, file = 'editor.yaml'): ApplyResult {
  const parsed = parseManifests(text, file);
  // Like kubectl: when the input does not parse, nothing is sent to the server.
  if (parsed.errors.length > 0) return { errors: parsed.errors, applied: [] };
  const before = new Map<string, string>();
  for (const { object: o } of parsed.manifests) {
    if (!o.metadata.name) continue;
    const info = sandbox.store.kinds.find(o.apiVersion, o.kind);
    const namespace = info?.namespaced ? o.metadata.namespace || 'default' : undefined;
    const old = info ? sandbox.store.get({ apiVersion: o.apiVersion, kind: o.kind, namespace, name: o.metadata.name }) : undefined;
    if (old) before.set(idOf(old.apiVersion, old.kind, old.metadata.namespace, old.metadata.name), old.metadata.resourceVersion);
  }
  const result = applyParsed(sandbox, parsed.manifests);
  return { errors: result.errors, applied: result.applied.map((o) => describe(sandbox, o, before)) };
}

function describe(sandbox: Sandbox, o: StoredObject, before: Map<string, string>): string {
  const info = sandbox.store.kinds.find(o.apiVersion, o.kind);
  const resource = info?.group ? `${o.kind.toLowerCase()}.${info.group}` : o.kind.toLowerCase();
  const rv = before.get(idOf(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name));
  const verb = rv === undefined ? 'created' : rv === o.metadata.resourceVersion ? 'unchanged' : 'configured';
  return `${resource}/${o.metadata.name} ${verb}`;
}
