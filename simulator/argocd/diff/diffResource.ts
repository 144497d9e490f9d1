/**
 * gitops-engine `diff.Diff` for one resource: normalise both sides, then a three-way diff when live
 * carries kubectl's last-applied annotation, else a two-way diff (= three-way with target as the
 * last-applied, so only target fields can differ). Secret values are masked in the shown result.
 */
import { clone, groupOf, isJsonObject } from '../../cluster/types.js';
import type { JsonObject, KubeObject } from '../../cluster/types.js';
import { applyIgnoreDifferences, dropLastApplied, dropNulls, lastApplied, normalizeSecret, stripServerFields } from './normalize.js';
import type { Normalizer, ResourceIgnoreDifferences } from './normalize.js';
import { hideSecretData } from './secret.js';
import { unifiedDiff, toYaml } from './text.js';
import { diffPaths, deepEqual, predictLive, usesStrategicMerge } from './threeWay.js';

export interface DiffOptions {
  ignoreDifferences?: ResourceIgnoreDifferences[];
  normalizer?: Normalizer;
}

export interface DiffResult {
  modified: boolean;
  normalizedTarget: KubeObject | undefined;
  normalizedLive: KubeObject | undefined;
  /** Live as it would be after applying the target (what the UI shows on the right). */
  predictedLive: KubeObject | undefined;
  /** Unified YAML diff normalizedLive → predictedLive; '' when equal. Secret `data` values are masked here and in the three objects above. */
  diffText: string;
  /** Dotted paths that differ (`spec.replicas`); a missing/extra object is the path ''. */
  paths: string[];
  /** jqPathExpressions the sandbox could not evaluate (kept, not silently ignored). */
  unsupported: string[];
}

const asObj = (o: KubeObject): JsonObject => o as unknown as JsonObject;
const asKube = (o: JsonObject): KubeObject => o as unknown as KubeObject;

function prepare(obj: KubeObject | undefined, opts: DiffOptions): KubeObject | undefined {
  if (!obj) return undefined;
  dropNulls(obj);
  stripServerFields(obj);
  normalizeSecret(obj);
  opts.normalizer?.(obj);
  return obj;
}

export function diffResource(target: KubeObject | undefined, live: KubeObject | undefined, opts: DiffOptions = {}): DiffResult {
  const t = target ? clone(target) : undefined;
  const l = live ? clone(live) : undefined;
  // Parsed from the annotation: already a private copy.
  const orig = lastApplied(l);
  // Ignore rules first: managedFieldsManagers reads live's managedFields, which normalising strips.
  const { unsupported } = applyIgnoreDifferences(opts.ignoreDifferences ?? [], l, [t, l, orig]);
  if (l) dropLastApplied(l);
  if (t) dropLastApplied(t);
  const nt = prepare(t, opts);
  const nl = prepare(l, opts);
  const no = prepare(orig, opts);

  let predicted: KubeObject | undefined;
  let modified: boolean;
  if (nt && nl) {
    const strategic = usesStrategicMerge(groupOf(nt.apiVersion));
    // Two-way: without last-applied, the target stands in for it (no deletions can be inferred).
    predicted = asKube(predictLive(asObj(no ?? nt), asObj(nt), asObj(nl), strategic));
    modified = !deepEqual(predicted, nl);
  } else if (nt) {
    predicted = nt;
    modified = true;
  } else {
    // Live only: nothing would be applied; whether it must be pruned is compareApp's decision.
    predicted = undefined;
    modified = false;
  }
  const paths = nt && nl ? diffPaths(nl, predicted) : nt ? [''] : [];

  // Like the API server of Argo CD, hand out Secrets masked only after deciding `modified`.
  const [shownTarget, shownLive, shownPredicted] = hideSecretData(nt, nl, predicted);
  const name = `${nt?.kind ?? nl?.kind ?? ''}/${nt?.metadata.name ?? nl?.metadata.name ?? ''}`;
  const result = { modified, normalizedTarget: shownTarget, normalizedLive: shownLive, predictedLive: shownPredicted, paths, unsupported } as DiffResult;
  // The text is built on first read: a refresh compares every resource, the UI reads a few diffs.
  let text: string | undefined;
  Object.defineProperty(result, 'diffText', {
    enumerable: true,
    get: () => (text ??= unifiedDiff(toYaml(shownLive), toYaml(shownPredicted), `${name} (live)`, `${name} (desired)`)),
  });
  return result;
}

/** Shallow helper for callers that hold a list of JSON values. */
export function isKubeObject(v: unknown): v is KubeObject {
  return isJsonObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string' && isJsonObject(v.metadata);
}
