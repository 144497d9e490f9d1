/**
 * finalizeApplicationDeletion: with `resources-finalizer.argocd.argoproj.io` (or its /background,
 * /foreground forms) the app's managed resources are deleted, highest sync wave first, each wave once the
 * previous one is gone; then PostDelete hooks run (post-delete-finalizer) and are cleaned up; finally the
 * finalizers are removed and the store lets the Application go. Without the finalizer nothing cascades.
 */
import type { PropagationPolicy } from '../../cluster/store/index.js';
import type { KubeObject } from '../../cluster/types.js';
import { resourceSyncOptions, syncWave } from '../sync/index.js';
import { cleanupPostDeleteHooks, executePostDeleteHooks, isPostDeleteHookObject } from '../sync/engine/index.js';
import type { SyncEnv } from '../sync/engine/index.js';
import { collectLive, trackedInstance } from './live.js';
import { record, requeue, writeApp } from './context.js';
import type { AppReconcile } from './context.js';
import { renderTargets } from './render.js';
import {
  POST_DELETE_CLEANUP_FINALIZER, POST_DELETE_FINALIZER, RESOURCES_FINALIZER, RESOURCES_FINALIZER_BACKGROUND, RESOURCES_FINALIZER_FOREGROUND,
  appSources, asObject,
} from './types.js';

const CASCADE = [RESOURCES_FINALIZER, RESOURCES_FINALIZER_BACKGROUND, RESOURCES_FINALIZER_FOREGROUND];
const POLL_MS = 2000;

function removeFinalizers(r: AppReconcile, names: readonly string[]): void {
  const finalizers = (r.app.metadata.finalizers ?? []).filter((f) => !names.includes(f));
  writeApp(r, { ...r.app, metadata: { ...r.app.metadata, finalizers } });
}

/** shouldBeDeleted: not a CRD, not the app itself, no Delete=false, no helm resource-policy keep. */
function shouldBeDeleted(r: AppReconcile, obj: KubeObject): boolean {
  if (obj.kind === 'CustomResourceDefinition') return false;
  if (obj.kind === 'Application' && obj.metadata.name === r.app.metadata.name && obj.metadata.namespace === r.app.metadata.namespace) return false;
  const own = resourceSyncOptions(obj).delete;
  const appOpts = r.app.spec.syncPolicy?.syncOptions ?? [];
  const del = own ?? (appOpts.includes('Delete=false') ? false : undefined);
  if (del === false) return false;
  return (obj.metadata.annotations?.['helm.sh/resource-policy'] ?? '').split(',').map((s) => s.trim()).indexOf('keep') < 0;
}

function env(r: AppReconcile): SyncEnv {
  return { store: r.ctx.store, now: () => r.ctx.now(), iso: (ms) => r.ctx.iso(ms), rng: r.ctx.rng, record: (e) => r.ctx.record(e), ...(r.healthOverrides ? { healthOverrides: r.healthOverrides } : {}) };
}

function render(r: AppReconcile): KubeObject[] {
  const sources = appSources(r.app);
  const sync = r.app.status?.sync;
  return renderTargets({
    host: r.git, store: r.ctx.store, app: r.app, instanceName: r.instanceName, sources,
    revisions: sources.map((_, i) => (sync?.revisions?.[i] ?? (i === 0 ? sync?.revision : undefined))),
    noCache: false, settings: r.settings, cache: r.state.manifestCache, now: () => r.ctx.now(), ...(r.credentials ? { credentials: r.credentials } : {}),
  }).targets;
}

/** Objects this app tracks, of the kinds it renders or last listed (hooks included). */
function managedLive(r: AppReconcile, targets: readonly KubeObject[]): KubeObject[] {
  return collectLive(r.ctx.store, r.instanceName, targets, r.app.status?.resources ?? [], r.settings).live.filter((o) => trackedInstance(o, r.settings) === r.instanceName);
}

export function finalizeDeletion(r: AppReconcile): void {
  const finalizers = r.app.metadata.finalizers ?? [];
  r.events.push({ type: 'DELETING', why: 'The Application has a deletionTimestamp; its finalizers decide what is cleaned up first.' });
  const cascade = finalizers.find((f) => CASCADE.includes(f));
  const targets = render(r);
  if (cascade) {
    const live = managedLive(r, targets).filter((o) => shouldBeDeleted(r, o));
    if (live.some((o) => o.metadata.deletionTimestamp)) {
      requeue(r, POLL_MS);
      return;
    }
    if (live.length > 0) {
      const top = Math.max(...live.map(syncWave));
      const wave = live.filter((o) => syncWave(o) === top);
      const policy: PropagationPolicy = cascade === RESOURCES_FINALIZER_BACKGROUND ? 'Background' : 'Foreground';
      for (const o of wave) {
        try {
          r.ctx.store.delete({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? '' }, { propagationPolicy: policy });
        } catch {
          // Already gone: the next pass sees it.
        }
      }
      record(
        r,
        'ResourceDeleted',
        `Deleting ${wave.length} resource(s) of sync wave ${top} with ${policy.toLowerCase()} propagation`,
        `The Application carries ${cascade}, so deleting it cascades to its resources, highest sync wave first; the finalizer stays until they are all gone.`,
      );
      requeue(r, POLL_MS);
      return;
    }
    removeFinalizers(r, CASCADE);
    return;
  }
  if (finalizers.includes(POST_DELETE_FINALIZER)) {
    const res = executePostDeleteHooks(env(r), { app: asObject(r.app), targets, live: managedLive(r, targets) });
    if (!res.done) {
      requeue(r, POLL_MS);
      return;
    }
    removeFinalizers(r, [POST_DELETE_FINALIZER]);
    return;
  }
  if (finalizers.includes(POST_DELETE_CLEANUP_FINALIZER)) {
    const res = cleanupPostDeleteHooks(env(r), { app: asObject(r.app), live: managedLive(r, targets) });
    if (!res.done) {
      requeue(r, POLL_MS);
      return;
    }
    removeFinalizers(r, [POST_DELETE_CLEANUP_FINALIZER]);
  }
}

/** The refresh keeps the post-delete finalizers in step with whether the app has PostDelete hooks. */
const hasPostDeleteCache = new WeakMap<readonly KubeObject[], boolean>();

export function postDeleteFinalizers(r: AppReconcile, targets: readonly KubeObject[]): void {
  // Rendered target lists are cached objects: scan each list once.
  let has = hasPostDeleteCache.get(targets);
  if (has === undefined) hasPostDeleteCache.set(targets, (has = targets.some(isPostDeleteHookObject)));
  const finalizers = r.app.metadata.finalizers ?? [];
  const present = finalizers.includes(POST_DELETE_FINALIZER) && finalizers.includes(POST_DELETE_CLEANUP_FINALIZER);
  if (has === present) return;
  const others = finalizers.filter((f) => f !== POST_DELETE_FINALIZER && f !== POST_DELETE_CLEANUP_FINALIZER);
  writeApp(r, { ...r.app, metadata: { ...r.app.metadata, finalizers: has ? [...others, POST_DELETE_FINALIZER, POST_DELETE_CLEANUP_FINALIZER] : others } });
}
