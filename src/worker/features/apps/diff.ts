/**
 * Live vs target per resource, the way Argo CD's diff shows it: both sides normalised (server fields gone,
 * ignoreDifferences applied, Secret values masked), live on the left and live-after-sync on the right.
 */
import { compareApp, toYaml } from '../../../../simulator/argocd/diff/index.js';
import type { CompareMemo, ResourceIgnoreDifferences } from '../../../../simulator/argocd/diff/index.js';
import { asApp } from '../../../../simulator/argocd/index.js';
import type { KubeObject, StoredObject } from '../../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import { appTargets } from './targets.js';
import { liveObject } from './tree.js';
import type { ResourceDiff } from './types.js';

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
  const compared = compareApp(targets, live, {
    appName: instanceName,
    namespace: app.spec.destination?.namespace ?? '',
    appLabelKey: settings.instanceLabelKey,
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
    out.push({
      key,
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      group: r.group,
      modified: d.modified,
      liveYaml: toYaml(d.normalizedLive),
      targetYaml: toYaml(d.predictedLive ?? d.normalizedTarget),
      diffText: d.diffText,
    });
  }
  return out.sort((a, b) => Number(b.modified) - Number(a.modified) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
