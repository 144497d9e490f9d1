/**
 * Destination clusters (util/db/cluster.go): the in-cluster destination `in-cluster` /
 * `https://kubernetes.default.svc` plus one per `secret-type: cluster` Secret (`name`, `server`,
 * comma-separated `namespaces`, `clusterResources`, `project`, JSON `config`). A Secret for the in-cluster
 * server replaces the built-in entry; `cluster.inClusterEnabled: "false"` disables it.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { JsonObject, KubeObject } from '../../cluster/types.js';
import { getPath, isObj } from '../../cluster/types.js';
import { readArgoCDSettings } from './argocdCm.js';
import { ARGOCD_NAMESPACE, secretData, secretsOfType } from './store.js';

export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const IN_CLUSTER_NAME = 'in-cluster';

export interface Cluster {
  name: string;
  server: string;
  /** Namespaces Argo CD may manage there (empty: all). */
  namespaces: string[];
  clusterResources: boolean;
  project?: string;
  config: JsonObject;
  /** The Secret it came from (absent for the built-in in-cluster entry). */
  secretName?: string;
  /** Only for the in-cluster entry when `cluster.inClusterEnabled` is "false". */
  disabled?: boolean;
}

function parseConfig(text: string | undefined): JsonObject {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? (v as JsonObject) : {};
  } catch {
    return {};
  }
}

/** All destinations, in-cluster first, then Secrets by name. */
export function listClusters(store: ObjectStore, namespace = ARGOCD_NAMESPACE): Cluster[] {
  const inClusterEnabled = readArgoCDSettings(store, namespace).inClusterEnabled;
  const fromSecrets: Cluster[] = secretsOfType(store, 'cluster', namespace).map((secret) => {
    const d = secretData(secret);
    const c: Cluster = {
      name: d.name ?? '',
      server: (d.server ?? '').replace(/\/+$/, ''),
      namespaces: (d.namespaces ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      clusterResources: d.clusterResources === 'true',
      config: parseConfig(d.config),
      secretName: secret.metadata.name,
    };
    if (d.project) c.project = d.project;
    return c;
  });
  const local = fromSecrets.find((c) => c.server === IN_CLUSTER_SERVER);
  const inCluster: Cluster = local ?? { name: IN_CLUSTER_NAME, server: IN_CLUSTER_SERVER, namespaces: [], clusterResources: false, config: {} };
  if (!inClusterEnabled) inCluster.disabled = true;
  return [inCluster, ...fromSecrets.filter((c) => c !== local)];
}

export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export type DestinationResult = { cluster: Cluster; namespace: string; error?: undefined } | { error: string; cluster?: undefined };

export function destinationOf(app: KubeObject): ApplicationDestination {
  const d = getPath(app, ['spec', 'destination']);
  if (!isObj(d)) return {};
  const out: ApplicationDestination = {};
  if (typeof d.server === 'string' && d.server) out.server = d.server;
  if (typeof d.name === 'string' && d.name) out.name = d.name;
  if (typeof d.namespace === 'string') out.namespace = d.namespace;
  return out;
}

/**
 * argo.GetDestinationCluster: the Application's destination cluster by server URL or by name, or the error
 * text Argo puts in an InvalidSpecError condition.
 */
export function resolveDestination(app: KubeObject, clusters: readonly Cluster[]): DestinationResult {
  const dest = destinationOf(app);
  const namespace = dest.namespace ?? '';
  if (dest.name && dest.server) return { error: `application destination can't have both name and server defined: ${dest.name} ${dest.server}` };
  let server: string;
  if (dest.server) server = dest.server.replace(/\/+$/, '');
  else if (dest.name) {
    const urls = clusters.filter((c) => c.name === dest.name).map((c) => c.server);
    if (urls.length === 0) return { error: `there are no clusters with this name: ${dest.name}` };
    if (urls.length > 1) return { error: `there are ${urls.length} clusters with the same name: [${urls.join(' ')}]` };
    server = urls[0]!;
  } else return { error: 'Destination server missing from app spec' };
  const cluster = clusters.find((c) => c.server === server);
  let notFound: string | undefined;
  if (!cluster) notFound = `cluster "${server}" not found`;
  else if (cluster.disabled) notFound = `cluster "${server}" is disabled`;
  if (notFound) {
    const prefix = dest.server ? `error getting cluster by server "${dest.server}"` : 'error getting cluster by URL';
    return { error: `${prefix}: rpc error: code = NotFound desc = ${notFound}` };
  }
  return { cluster: cluster!, namespace };
}
