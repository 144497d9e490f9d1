/**
 * Live vs target per resource, the way Argo CD's diff shows it: both sides normalised (server fields gone,
 * ignoreDifferences applied, Secret values masked), live on the left and live-after-sync on the right.
 */
import { compareApp, toYaml } from '../../../../simulator/argocd/diff/index.js';
import type { CompareMemo, DiffResult, ResourceIgnoreDifferences } from '../../../../simulator/argocd/diff/index.js';
import { asApp } from '../../../../simulator/argocd/index.js';
import type { KubeObject, StoredObject } from '../../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import { appTargets } from './targets.js';
import { liveObject } from './tree.js';
import type { ResourceDiff } from './types.js';

/** YAML of a memoised diff: dumping both sides of hundreds of resources at every view push would cost more than the diff. */
const yamlOf = new WeakMap<DiffResult, { live: string; target: string }>();

function yaml(d: DiffResult): { live: string; target: string } {
  let y = yamlOf.get(d);
  if (!y) yamlOf.set(d, (y = { live: toYaml(d.normalizedLive), target: toYaml(d.predictedLive ?? d.normalizedTarget) }));
  return y;
}

/** Diffs by (target, live) identity per app, like the controller's memo: unchanged pairs are not diffed again. */
const memos = new Map<string, { sig: string; memo: CompareMemo }>();

function memoFor(appKey: string, ignore: unknown): CompareMemo {
  const sig = JSON.stringify(ignore ?? null);
  const hit = memos.get(appKey);
  if (hit && hit.sig === sig) return hit.memo;
  const memo: CompareMemo = new WeakMap();
  memos.set(appKey, { sig, memo });
  return memo;
}

const results = new Map<string, { sig: string; targets: KubeObject[]; diffs: ResourceDiff[] }>();

/** Every managed (non-hook) resource's diff, OutOfSync ones first; `only` limits it to one resource key. */
export function appDiffs(world: Sandbox, obj: StoredObject, only?: string): ResourceDiff[] {
  const app = asApp(obj);
  const { targets, instanceName, settings, error } = appTargets(world, obj);
  if (error !== undefined) throw new Error(error);
  const live: KubeObject[] = [];
  for (const r of app.status?.resources ?? []) {
    if (r.hook) continue;
    const l = liveObject(world, r.group, r.kind, r.namespace, r.name);
    if (l) live.push(l);
  }
  const ignoreDifferences = (app.spec.ignoreDifferences ?? []) as unknown as ResourceIgnoreDifferences[];
  // Same targets, same live objects (resourceVersions), same app spec: the answer of the last call stands.
  const appKey = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  const sig = `${obj.metadata.resourceVersion}|${live.map((l) => (l as StoredObject).metadata.resourceVersion).join(',')}|${only ?? ''}`;
  const last = results.get(appKey);
  if (last && last.sig === sig && last.targets === targets) return last.diffs;
  const diffs = computeDiffs(world, obj, targets, live, instanceName, settings.instanceLabelKey, ignoreDifferences, only);
  results.set(appKey, { sig, targets, diffs });
  return diffs;
}

function computeDiffs(
  world: Sandbox,
  obj: StoredObject,
  targets: KubeObject[],
  live: KubeObject[],
  instanceName: string,
  appLabelKey: string,
  ignoreDifferences: ResourceIgnoreDifferences[],
  only: string | undefined,
): ResourceDiff[] {
  const app = asApp(obj);
  const compared = compareApp(targets, live, {
    appName: instanceName,
    namespace: app.spec.destination?.namespace ?? '',
    appLabelKey,
    ignoreDifferences,
    isNamespaced: (group, kind) => world.store.kinds.findByGroupKind(group, kind)?.namespaced,
    memo: memoFor(`${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, ignoreDifferences),
  });
  const out: ResourceDiff[] = [];
  for (const r of compared.resources) {
    if (r.hook) continue;
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
    if (only !== undefined && key !== only) continue;
    const d = compared.diffs[key];
    if (!d) continue;
    const y = yaml(d);
    out.push({
      key,
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      group: r.group,
      modified: d.modified,
      liveYaml: y.live,
      targetYaml: y.target,
      diffText: d.diffText,
    });
  }
  return out.sort((a, b) => Number(b.modified) - Number(a.modified) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
