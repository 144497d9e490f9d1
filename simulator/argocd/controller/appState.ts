/**
 * CompareAppState: target (rendered) vs live → sync status, per-resource status and health, app health,
 * images, conditions. Pure over its inputs; the controller persists the result.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import { groupOf } from '../../cluster/types.js';
import type { JsonValue, KubeObject } from '../../cluster/types.js';
import { compareApp, isHook, resourceKey } from '../diff/index.js';
import type { CompareMemo, CompareResult, ResourceIgnoreDifferences } from '../diff/index.js';
import { aggregateApplicationHealth } from '../health/index.js';
import type { HealthOverrides, HealthStatusCode } from '../health/index.js';
import { collectLive, trackedInstance } from './live.js';
import type { LiveObjects } from './live.js';
import type { RenderResult } from './render.js';
import type { ControllerSettings } from './settings.js';
import type { AppCondition, AppResourceStatus, Application, SyncStatusCode } from './types.js';

export interface ComparedState {
  render: RenderResult;
  live: LiveObjects;
  compare: CompareResult;
  syncStatus: SyncStatusCode;
  resources: AppResourceStatus[];
  health: { status: HealthStatusCode; message?: string };
  images: string[];
  conditions: AppCondition[];
}

export interface CompareInput {
  store: ObjectStore;
  app: Application;
  instanceName: string;
  render: RenderResult;
  settings: ControllerSettings;
  healthOverrides?: HealthOverrides;
  memo?: CompareMemo;
  /** Effective ignoreDifferences (the app's and argocd-cm's); default: the app's. */
  ignoreDifferences?: ResourceIgnoreDifferences[];
}

function isObj(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Container images of a workload or Pod (spec.containers, a pod template's, a CronJob's job template's). */
function imagesOf(obj: KubeObject, out: Set<string>): void {
  const specs: unknown[] = [obj.spec];
  const spec = obj.spec;
  if (isObj(spec)) {
    const tpl = spec.template;
    if (isObj(tpl)) specs.push(tpl.spec);
    const job = spec.jobTemplate;
    if (isObj(job) && isObj(job.spec) && isObj(job.spec.template)) specs.push(job.spec.template.spec);
  }
  for (const s of specs) {
    if (!isObj(s)) continue;
    for (const field of ['initContainers', 'containers']) {
      const list = s[field];
      if (!Array.isArray(list)) continue;
      for (const c of list) if (isObj(c) && typeof c.image === 'string') out.add(c.image);
    }
  }
}

function wave(obj: KubeObject | undefined): number | undefined {
  const text = obj?.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) && n !== 0 ? n : undefined;
}

export function compareAppState(input: CompareInput): ComparedState {
  const { store, app, instanceName, render, settings } = input;
  const previous = app.status?.resources ?? [];
  const live = collectLive(store, instanceName, render.targets, previous, settings);
  const namespace = app.spec.destination?.namespace ?? '';
  const compare = compareApp(render.targets, live.live, {
    appName: instanceName,
    namespace,
    appLabelKey: settings.instanceLabelKey,
    ignoreDifferences: input.ignoreDifferences ?? ((app.spec.ignoreDifferences ?? []) as unknown as ResourceIgnoreDifferences[]),
    isNamespaced: (group, kind) => store.kinds.findByGroupKind(group, kind)?.namespaced,
    ...(input.memo ? { memo: input.memo } : {}),
  });
  const conditions: AppCondition[] = [...render.conditions];
  const targetByKey = new Map<string, KubeObject>();
  for (const t of render.targets) if (!isHook(t)) targetByKey.set(resourceKey(t), t);
  const failed = render.error !== undefined;

  const resources: AppResourceStatus[] = compare.resources.map((r) => {
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
    const entry: AppResourceStatus = { ...r };
    if (failed && !r.hook) entry.status = 'Unknown';
    const w = wave(targetByKey.get(key) ?? live.byKey.get(key));
    if (w !== undefined) entry.syncWave = w;
    return entry;
  });

  // Shared resources: a target whose live object another app tracks.
  for (const [key, t] of targetByKey) {
    const l = live.byKey.get(key);
    if (!l) continue;
    const owner = trackedInstance(l, settings);
    if (owner !== undefined && owner !== instanceName) {
      const qualified = `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
      conditions.push({ type: 'SharedResourceWarning', message: `${t.kind}/${t.metadata.name ?? ''} is part of applications ${qualified} and ${owner.replace('_', '/')}` });
    }
    const namespaced = store.kinds.findByGroupKind(groupOf(t.apiVersion), t.kind)?.namespaced;
    if (namespaced && !t.metadata.namespace) {
      conditions.push({ type: 'InvalidSpecError', message: `Namespace for ${t.metadata.name ?? ''} ${t.apiVersion}, Kind=${t.kind} is missing.` });
    }
  }

  const healthInputs = resources.map((r) => {
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
    const t = targetByKey.get(key);
    const l = live.byKey.get(key);
    return { group: r.group, kind: r.kind, namespace: r.namespace, name: r.name, ...(t ? { target: t } : {}), ...(l ? { live: l } : {}) };
  });
  const health = aggregateApplicationHealth(healthInputs, input.healthOverrides);
  health.resources.forEach((h, i) => {
    const entry = resources[i];
    if (h && entry) entry.health = h.message ? { status: h.status, message: h.message } : { status: h.status };
  });

  const images = new Set<string>();
  for (const l of live.byKey.values()) if (trackedInstance(l, settings) === instanceName) imagesOf(l, images);

  return {
    render,
    live,
    compare,
    syncStatus: failed ? 'Unknown' : compare.status,
    resources,
    health: health.message ? { status: health.status, message: health.message } : { status: health.status },
    images: [...images].sort(),
    conditions,
  };
}
