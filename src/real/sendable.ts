/**
 * A simulated object as something to apply to a real cluster: what the learner wrote (name, labels,
 * annotations, spec…), none of what the simulated API server added (uid, resourceVersion, status…),
 * and Application repoURLs pointed at the bridge's git server, which the real Argo CD can reach.
 */
import type { KubeObject } from '../../bridge/server/protocol';

const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** repoURL → the URL the cluster clones it from. */
export type RepoMap = Record<string, string>;

function retarget(source: unknown, repos: RepoMap): unknown {
  if (!source || typeof source !== 'object') return source;
  const s = source as { repoURL?: unknown };
  return typeof s.repoURL === 'string' && repos[s.repoURL] ? { ...s, repoURL: repos[s.repoURL] } : source;
}

export function sendable(obj: KubeObject, repos: RepoMap = {}): KubeObject {
  const { metadata } = obj;
  const meta: KubeObject['metadata'] = { name: metadata.name };
  if (metadata.namespace) meta.namespace = metadata.namespace;
  if (metadata.generateName && !metadata.name) meta.generateName = metadata.generateName;
  if (metadata.labels && Object.keys(metadata.labels).length > 0) meta.labels = { ...metadata.labels };
  const annotations = Object.fromEntries(Object.entries(metadata.annotations ?? {}).filter(([k]) => !SERVER_ANNOTATIONS.includes(k)));
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  const out: KubeObject = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: meta };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status' || k === 'operation') continue;
    out[k] = JSON.parse(JSON.stringify(v)) as KubeObject[string];
  }
  if (obj.kind === 'Application' && out.spec && typeof out.spec === 'object') {
    const spec = out.spec as { source?: unknown; sources?: unknown[] };
    if (spec.source) spec.source = retarget(spec.source, repos);
    if (Array.isArray(spec.sources)) spec.sources = spec.sources.map((s) => retarget(s, repos));
  }
  return out;
}
