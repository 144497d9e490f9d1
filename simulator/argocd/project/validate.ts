/**
 * argo.ValidatePermissions (util/argo/argo.go) plus the controller's missing-project condition: the
 * Application's sources must be permitted repositories and its destination a known cluster and an allowed
 * server/namespace of its project. Returns InvalidSpecError conditions with Argo's messages.
 */
import type { KubeObject } from '../../cluster/types.js';
import { getPath, isObj } from '../../cluster/types.js';
import type { Cluster } from '../settings/clusters.js';
import { destinationOf, resolveDestination } from '../settings/clusters.js';
import { isDestinationPermitted, isSourcePermitted } from './permissions.js';
import { appProjectName, projectSpec } from './types.js';

export interface ApplicationCondition {
  type: 'InvalidSpecError';
  message: string;
}

interface Source {
  repoURL: string;
  path: string;
  chart: string;
  ref: string;
  targetRevision: string;
}

function source(v: unknown): Source {
  const s = isObj(v) ? v : {};
  const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : '');
  return { repoURL: str('repoURL'), path: str('path'), chart: str('chart'), ref: str('ref'), targetRevision: str('targetRevision') };
}

const invalid = (message: string): ApplicationCondition => ({ type: 'InvalidSpecError', message });

/** Go's `%s` of an ApplicationSource struct is long; the sandbox names the source by its fields instead. */
function describe(s: Source): string {
  return `{${s.repoURL} ${s.path} ${s.targetRevision} ${s.chart} ${s.ref}}`;
}

function sourceConditions(s: Source, multiple: boolean): ApplicationCondition[] {
  if (multiple) {
    if (!s.repoURL || (!s.path && !s.chart && !s.ref)) {
      return [invalid(`spec.source.repoURL and either source.path, source.chart, or source.ref are required for source ${describe(s)}`)];
    }
  } else if (!s.repoURL || (!s.path && !s.chart)) {
    return [invalid('spec.source.repoURL and either spec.source.path or spec.source.chart are required')];
  }
  if (s.chart && !s.targetRevision) return [invalid('spec.source.targetRevision is required if the manifest source is a helm chart')];
  return [];
}

/**
 * Conditions for `app` under `project` (undefined: the project does not exist). `clusters` from
 * `listClusters(store)`. An empty result means the spec is valid for the project.
 */
export function validateApplication(app: KubeObject, project: KubeObject | undefined, clusters: readonly Cluster[]): ApplicationCondition[] {
  if (!project) return [invalid(`Application referencing project ${appProjectName(app)} which does not exist`)];
  const spec = projectSpec(project);
  const sources = getPath(app, ['spec', 'sources']);
  const conditions: ApplicationCondition[] = [];
  if (Array.isArray(sources) && sources.length > 0) {
    for (const raw of sources) {
      const s = source(raw);
      const bad = sourceConditions(s, true);
      if (bad.length > 0) return [...conditions, ...bad];
      if (!isSourcePermitted(spec, s.repoURL)) conditions.push(invalid(`application repo ${s.repoURL} is not permitted in project '${spec.name}'`));
    }
  } else {
    const s = source(getPath(app, ['spec', 'source']));
    const bad = sourceConditions(s, false);
    if (bad.length > 0) return bad;
    if (!isSourcePermitted(spec, s.repoURL)) conditions.push(invalid(`application repo ${s.repoURL} is not permitted in project '${spec.name}'`));
  }
  const dest = resolveDestination(app, clusters);
  if (dest.error !== undefined) return [...conditions, invalid(dest.error)];
  if (!isDestinationPermitted(spec, dest.cluster, dest.namespace, clusters)) {
    const server = destinationOf(app).name ? dest.cluster.name : dest.cluster.server;
    conditions.push(invalid(`application destination server '${server}' and namespace '${dest.namespace}' do not match any of the allowed destinations in project '${spec.name}'`));
  }
  return conditions;
}
