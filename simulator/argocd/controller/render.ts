/**
 * Target state: the repo server's manifests for each source (cached by repo + resolved revision + source,
 * like the repo server's manifest cache; a hard refresh skips it), then NormalizeTargetObjects: namespaced
 * kinds get the destination namespace, cluster-scoped ones lose theirs, every object gets the tracking
 * annotation (and/or label), and a resource named twice keeps its last copy with RepeatedResourceWarning.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import { groupOf } from '../../cluster/types.js';
import type { KubeObject } from '../../cluster/types.js';
import type { GitCredentials, GitHost } from '../../git/index.js';
import { TRACKING_ID_ANNOTATION } from '../diff/index.js';
import { generateManifests, generateManifestsForSources, RepoServerError } from '../repoServer/index.js';
import type { ApplicationSource, GenerateOptions, ManifestResponse } from '../repoServer/index.js';
import type { ControllerSettings } from './settings.js';
import type { AppCondition, AppSource, Application } from './types.js';

export interface RenderInput {
  host: GitHost;
  store: ObjectStore;
  app: Application;
  /** The app's instance name: its name, or `namespace_name` outside the control-plane namespace. */
  instanceName: string;
  sources: AppSource[];
  /** Revision per source to render; undefined entries resolve the source's targetRevision now. */
  revisions: (string | undefined)[];
  noCache: boolean;
  settings: ControllerSettings;
  cache: Map<string, ManifestResponse>;
  credentials?: (repoURL: string) => GitCredentials | undefined;
  /** Virtual now, for Helm templates' `now` (cached manifests keep the time they were rendered at). */
  now?: () => number;
}

export interface RenderResult {
  targets: KubeObject[];
  revisions: string[];
  sourceTypes: string[];
  conditions: AppCondition[];
  /** Set when manifests could not be generated (targets is then empty and the sync status Unknown). */
  error?: string;
}

const MAX_CACHE = 256;

function resolveRevision(input: RenderInput, source: AppSource, i: number): string {
  const known = input.revisions[i];
  if (known) return known;
  const repo = input.host.open(source.repoURL, input.credentials?.(source.repoURL));
  return repo.resolveSync(source.targetRevision || 'HEAD');
}

function renderSource(input: RenderInput, source: AppSource, revision: string): ManifestResponse {
  const ns = input.app.spec.destination?.namespace ?? '';
  const key = JSON.stringify([input.instanceName, ns, revision, source]);
  if (!input.noCache) {
    const hit = input.cache.get(key);
    if (hit) return hit;
  }
  const res = generateManifests(input.host, { ...(source as unknown as ApplicationSource), path: source.path ?? '', targetRevision: revision }, options(input, source.repoURL));
  remember(input, key, res);
  return res;
}

function options(input: RenderInput, repoURL: string): GenerateOptions {
  const o: GenerateOptions = { appName: input.app.metadata.name ?? '', namespace: input.app.spec.destination?.namespace ?? '', noCache: input.noCache };
  const creds = input.credentials?.(repoURL);
  if (creds) o.credentials = creds;
  if (input.credentials) o.credentialsFor = input.credentials;
  if (input.now) o.sprig = { now: input.now };
  return o;
}

function remember(input: RenderInput, key: string, res: ManifestResponse): void {
  if (input.cache.size >= MAX_CACHE) {
    const oldest = input.cache.keys().next().value;
    if (oldest !== undefined) input.cache.delete(oldest);
  }
  input.cache.set(key, res);
}

/**
 * spec.sources: generateManifestsForSources renders them together (a `ref` source lends its files to
 * `$ref/...` Helm value files), pinned to the revisions resolved here; cached as one response.
 */
function renderMulti(input: RenderInput, revisions: string[]): ManifestResponse & { sourceTypes: string[]; revisions: string[] } {
  const ns = input.app.spec.destination?.namespace ?? '';
  const pinned = input.sources.map((s, i) => ({ ...(s as unknown as ApplicationSource), path: s.path ?? '', targetRevision: revisions[i] ?? s.targetRevision ?? 'HEAD' }));
  const key = JSON.stringify([input.instanceName, ns, revisions, input.sources]);
  const hit = input.noCache ? undefined : input.cache.get(key);
  if (hit && 'sourceTypes' in hit) return hit as ManifestResponse & { sourceTypes: string[]; revisions: string[] };
  const multi = generateManifestsForSources(input.host, pinned, options(input, input.sources[0]?.repoURL ?? ''));
  const res = { revision: multi.revisions[0] ?? '', manifests: multi.manifests, sourceType: multi.sourceTypes.find((t) => t !== undefined) ?? 'Directory', sourceTypes: multi.sourceTypes.map((t) => t ?? ''), revisions: multi.revisions };
  remember(input, key, res);
  return res;
}

function errorText(e: unknown): string {
  if (e instanceof RepoServerError) return e.message;
  if (e instanceof Error) return `rpc error: code = Unknown desc = ${e.message}`;
  return String(e);
}

/** GetRepoObjs + NormalizeTargetObjects. Never throws for bad input: errors become a ComparisonError. */
export function renderTargets(input: RenderInput): RenderResult {
  const { sources } = input;
  const revisions: string[] = [];
  const sourceTypes: string[] = [];
  const raw: KubeObject[] = [];
  const responses: ManifestResponse[] = [];
  if (sources.length > 1) {
    try {
      const resolved = sources.map((s, i) => resolveRevision(input, s, i));
      const res = renderMulti(input, resolved);
      const { targets, conditions } = normalized(input, [res], res.manifests);
      return { targets, revisions: res.revisions, sourceTypes: res.sourceTypes, conditions };
    } catch (e) {
      const at = e instanceof RepoServerError && e.source ? e.source.index : 1;
      const message = `Failed to load target state: failed to generate manifest for source ${at} of ${sources.length}: ${errorText(e)}`;
      return { targets: [], revisions, sourceTypes, conditions: [{ type: 'ComparisonError', message }], error: message };
    }
  }
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i] as AppSource;
    try {
      const revision = resolveRevision(input, source, i);
      revisions.push(revision);
      // A `ref` source without a path only lends its files to other sources' value files.
      if (source.ref && !source.path) {
        sourceTypes.push('');
        continue;
      }
      const res = renderSource(input, source, revision);
      responses.push(res);
      sourceTypes.push(res.sourceType);
      raw.push(...res.manifests);
    } catch (e) {
      const message = `Failed to load target state: failed to generate manifest for source ${i + 1} of ${sources.length}: ${errorText(e)}`;
      return { targets: [], revisions, sourceTypes, conditions: [{ type: 'ComparisonError', message }], error: message };
    }
  }
  if (sources.length === 0) {
    const message = 'Failed to load target state: no sources defined';
    return { targets: [], revisions, sourceTypes, conditions: [{ type: 'InvalidSpecError', message }], error: message };
  }
  const { targets, conditions } = normalized(input, responses, raw);
  return { targets, revisions, sourceTypes, conditions };
}

interface Normalized {
  targets: KubeObject[];
  conditions: AppCondition[];
  /** Kinds the store did not know when normalising (a CRD installed later changes their namespacing). */
  unknownKinds: KubeObject[];
}

/** Normalised targets per manifest response (same objects ⇒ same result): a sync step re-renders often. */
const normalizedCache = new WeakMap<ManifestResponse, Map<string, Normalized>>();

function normalized(input: RenderInput, responses: ManifestResponse[], raw: KubeObject[]): { targets: KubeObject[]; conditions: AppCondition[] } {
  const only = responses.length === 1 ? responses[0] : undefined;
  const key = [input.instanceName, input.app.spec.destination?.namespace ?? '', input.settings.trackingMethod, input.settings.instanceLabelKey, input.settings.excludedKey ?? ''].join('|');
  const hit = only ? normalizedCache.get(only)?.get(key) : undefined;
  if (hit && hit.unknownKinds.every((o) => isNamespaced(input.store, o) === undefined)) return hit;
  const result = normalizeTargets(input, raw);
  if (only) {
    let byKey = normalizedCache.get(only);
    if (!byKey) normalizedCache.set(only, (byKey = new Map()));
    byKey.set(key, result);
  }
  return result;
}

function isNamespaced(store: ObjectStore, obj: KubeObject): boolean | undefined {
  return store.kinds.find(obj.apiVersion, obj.kind)?.namespaced ?? store.kinds.findByGroupKind(groupOf(obj.apiVersion), obj.kind)?.namespaced;
}

export function trackingId(instanceName: string, obj: KubeObject): string {
  return `${instanceName}:${groupOf(obj.apiVersion)}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

function normalizeTargets(input: RenderInput, raw: KubeObject[]): Normalized {
  const unknownKinds: KubeObject[] = [];
  const ns = input.app.spec.destination?.namespace ?? '';
  const { trackingMethod, instanceLabelKey } = input.settings;
  const byKey = new Map<string, KubeObject[]>();
  raw.forEach((src, i) => {
    const namespaced = isNamespaced(input.store, src);
    if (namespaced === undefined && !unknownKinds.some((u) => u.kind === src.kind && u.apiVersion === src.apiVersion)) unknownKinds.push(src);
    const metadata = { ...src.metadata };
    // Unknown kinds (a CRD not installed yet) keep what they say, like IsNamespacedOrUnknown → namespaced.
    if (namespaced === false) delete metadata.namespace;
    else if (!metadata.namespace && ns) metadata.namespace = ns;
    const obj: KubeObject = { ...src, metadata };
    if (trackingMethod !== 'label') {
      metadata.annotations = { ...(metadata.annotations ?? {}), [TRACKING_ID_ANNOTATION]: trackingId(input.instanceName, obj) };
    }
    if (trackingMethod !== 'annotation') metadata.labels = { ...(metadata.labels ?? {}), [instanceLabelKey]: input.instanceName };
    const name = metadata.name || (metadata.generateName ? `${metadata.generateName}${i}` : '');
    const key = `${groupOf(obj.apiVersion)}/${obj.kind}/${metadata.namespace ?? ''}/${name}`;
    const list = byKey.get(key);
    if (list) list.push(obj);
    else byKey.set(key, [obj]);
  });
  const targets: KubeObject[] = [];
  const conditions: AppCondition[] = [];
  for (const [key, list] of byKey) {
    if (list.length > 1) {
      // kube.ResourceKey.String(): group/kind/namespace/name
      conditions.push({ type: 'RepeatedResourceWarning', message: `Resource ${key} appeared ${list.length} times among application resources.` });
    }
    targets.push(list[list.length - 1] as KubeObject);
  }
  // CompareAppState drops excluded kinds (walking the targets backwards) with an ExcludedResourceWarning each.
  const excluded = input.settings.isExcluded;
  if (excluded) {
    for (let i = targets.length - 1; i >= 0; i--) {
      const t = targets[i] as KubeObject;
      const group = groupOf(t.apiVersion);
      if (!excluded(group, t.kind)) continue;
      targets.splice(i, 1);
      conditions.push({ type: 'ExcludedResourceWarning', message: `Resource ${group}/${t.kind} ${t.metadata.name ?? ''} is excluded in the settings` });
    }
  }
  return { targets, conditions, unknownKinds };
}
