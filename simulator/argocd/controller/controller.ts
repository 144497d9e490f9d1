/**
 * The Argo CD application controller: one reconcile per Application key. Each pass runs the operation
 * (if any), refreshes (compare + auto-sync), handles deletion, advances the app's statechart and queues
 * the next visit: the operation's poll, a self-heal or retry back-off, or the periodic resync (background).
 * Watches: Applications (spec/operation/annotation changes, not its own status writes), every object
 * tracked by an app (Argo refreshes when a managed resource changes), argocd-cm.
 */
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import type { WatchEvent } from '../../cluster/types.js';
import { TRACKING_ID_ANNOTATION } from '../diff/index.js';
import { argoCD } from './registry.js';
import { instanceNameOf, requeue } from './context.js';
import type { AppReconcile } from './context.js';
import { finalizeDeletion } from './deletion.js';
import { advanceMachine } from './machine.js';
import { operationInProgress, processOperation } from './operation.js';
import { refreshApp, refreshLevel } from './refresh.js';
import { readSettings } from './settings.js';
import { attachProject } from './project.js';
import { REFRESH_ANNOTATION, asApp, asObject } from './types.js';

export const APPLICATION_CONTROLLER = 'argocd-application-controller';

/** Application writes that need the controller: anything but its own status updates (and Terminating requests). */
function appEventKeys(event: WatchEvent): string[] {
  const key = `${event.object.metadata.namespace ?? ''}/${event.object.metadata.name}`;
  if (event.type !== 'MODIFIED' || !event.old) return [key];
  const { status: s1, metadata: m1, ...rest1 } = event.object;
  const { status: s0, metadata: m0, ...rest0 } = event.old;
  if (JSON.stringify(rest1) !== JSON.stringify(rest0)) return [key];
  if (m1.deletionTimestamp !== m0.deletionTimestamp || m1.generation !== m0.generation) return [key];
  if (JSON.stringify(m1.annotations ?? {}) !== JSON.stringify(m0.annotations ?? {})) return [key];
  if (JSON.stringify(m1.finalizers ?? []) !== JSON.stringify(m0.finalizers ?? [])) return [key];
  const phase = (s: unknown): unknown => (s as { operationState?: { phase?: string } } | undefined)?.operationState?.phase;
  if (phase(s1) === 'Terminating' && phase(s0) !== 'Terminating') return [key];
  return [];
}

/** The app a live object belongs to, from its tracking annotation (`<app>:…`, `<ns>_<app>:…` outside argocd). */
function trackedKeys(event: WatchEvent, namespace: string): string[] {
  const id = event.object.metadata.annotations?.[TRACKING_ID_ANNOTATION];
  if (id === undefined) return [];
  const instance = id.slice(0, Math.max(0, id.indexOf(':')));
  if (instance === '') return [];
  const i = instance.indexOf('_');
  return [i < 0 ? `${namespace}/${instance}` : `${instance.slice(0, i)}/${instance.slice(i + 1)}`];
}

function reconcile(ctx: ClusterContext, key: string): void {
  const argo = argoCD(ctx.sandbox);
  const { namespace, name } = splitKey(key);
  const stored = ctx.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name });
  if (!stored) {
    delete argo.controller.machines[key];
    delete argo.controller.resyncAt[key];
    delete argo.controller.stepAt[key];
    return;
  }
  const r: AppReconcile = {
    ctx,
    git: argo.git,
    state: argo.controller,
    settings: readSettings(ctx.store, argo.namespace),
    controlNamespace: argo.namespace,
    key,
    app: asApp(stored),
    instanceName: instanceNameOf(asApp(stored), argo.namespace),
    events: [],
  };
  if (r.settings.healthRules.length > 0) r.healthOverrides = r.settings.healthRules;
  r.project = attachProject(r);
  if (r.app.metadata.deletionTimestamp) {
    finalizeDeletion(r);
  } else {
    const completed = operationInProgress(r.app) || r.app.operation ? processOperation(r) : false;
    const level = refreshLevel(r, completed);
    // While an operation runs, the sync engine drives; the app is compared again when it completes
    // (or when a full refresh is due), which keeps big syncs from re-comparing at every step.
    const running = operationInProgress(r.app);
    if (!running || level.full) refreshApp(r, level);
    if (level.full) {
      const jitter = r.settings.jitterMs > 0 ? ctx.rng.int(0, r.settings.jitterMs) : 0;
      if (r.settings.resyncMs > 0) argo.controller.resyncAt[key] = ctx.now() + r.settings.resyncMs + jitter;
    }
    if (r.app.metadata.annotations?.[REFRESH_ANNOTATION] !== undefined) {
      const annotations = { ...r.app.metadata.annotations };
      delete annotations[REFRESH_ANNOTATION];
      r.app = asApp(ctx.store.update(asObject({ ...r.app, metadata: { ...r.app.metadata, annotations } })));
    }
    if (r.app.operation && !operationInProgress(r.app)) requeue(r, 0);
  }
  if (r.events.length > 0) argo.controller.machines[key] = advanceMachine(argo.controller.machines[key], r.events);
  if (r.requeueMs !== undefined) ctx.enqueue(key, r.requeueMs);
  const resyncAt = argo.controller.resyncAt[key];
  // The periodic resync is background work: a world with nothing else to do counts as settled.
  if (resyncAt !== undefined && r.requeueMs === undefined) ctx.enqueue(key, Math.max(0, resyncAt - ctx.now()), { background: true });
}

export const applicationController: ClusterController = {
  name: APPLICATION_CONTROLLER,
  component: APPLICATION_CONTROLLER,
  watches: [
    { group: 'argoproj.io', kind: 'Application', map: appEventKeys },
    {
      group: '',
      kind: '*',
      map: (event) => (event.object.metadata.annotations?.[TRACKING_ID_ANNOTATION] === undefined ? [] : trackedKeys(event, 'argocd')),
    },
  ],
  reconcile,
};
