/** What one reconcile of one Application works with, and the small helpers every step shares. */
import type { ClusterContext } from '../../sandbox.js';
import { clone, isObj } from '../../cluster/types.js';
import type { StoredObject } from '../../cluster/types.js';
import type { GitCredentials, GitHost } from '../../git/index.js';
import type { HealthOverrides } from '../health/index.js';
import type { AppMachineEvent } from './machine.js';
import type { ControllerSettings } from './settings.js';
import type { AppControllerState } from './state.js';
import type { ProjectContext } from './project.js';
import { asApp, asObject } from './types.js';
import type { Application, ApplicationStatus } from './types.js';

export interface AppReconcile {
  ctx: ClusterContext;
  git: GitHost;
  state: AppControllerState;
  settings: ControllerSettings;
  /** The control-plane namespace (`argocd`). */
  controlNamespace: string;
  key: string;
  app: Application;
  instanceName: string;
  healthOverrides?: HealthOverrides;
  credentials?: (repoURL: string) => GitCredentials | undefined;
  /** AppProject check per resource (H4's isResourcePermitted), when available. */
  permitted?: (group: string, kind: string, namespace: string) => string | undefined;
  /** The app's AppProject, clusters and effective ignoreDifferences (attachProject). */
  project?: ProjectContext;
  /** Outcomes for the app's statechart, applied at the end of the reconcile. */
  events: AppMachineEvent[];
  /** Foreground requeue wanted (ms), the smallest asked for. */
  requeueMs?: number;
}

/** app instance name: the name in the control-plane namespace, `<ns>_<name>` elsewhere (InstanceName). */
export function instanceNameOf(app: Application, controlNamespace: string): string {
  const ns = app.metadata.namespace ?? '';
  return ns === controlNamespace || ns === '' ? (app.metadata.name ?? '') : `${ns}_${app.metadata.name ?? ''}`;
}

export function appRef(app: Application): { apiVersion: string; kind: string; namespace?: string; name: string; uid?: string } {
  return { apiVersion: app.apiVersion, kind: 'Application', namespace: app.metadata.namespace, name: app.metadata.name ?? '', uid: app.metadata.uid };
}

export function record(r: AppReconcile, reason: string, message: string, why: string, type: 'Normal' | 'Warning' = 'Normal'): void {
  r.ctx.record({ involvedObject: appRef(r.app), reason, message, type, why });
}

/** Write the whole Application (no status subresource, like Argo's CRD) and keep the fresh copy. */
export function writeApp(r: AppReconcile, app: Application): void {
  const stored: StoredObject = r.ctx.store.update(asObject(app));
  r.app = asApp(stored);
}

/**
 * Write only `status` (everything else as stored), handing the store `status` instead of a copy: a sync
 * writes its 1,000-result operation state at every step, and copying it each time costs more than the
 * step. Same result as `writeApp(r, { ...r.app, status })`. `status` must not be changed afterwards.
 */
export function writeAppStatus(r: AppReconcile, status: ApplicationStatus): void {
  const owned = ownable(status, r.app.status, new Set());
  r.app = asApp(r.ctx.store.adoptStatus(asObject(r.app) as StoredObject, owned));
}

/**
 * Make `value` safe for the store to take over against the stored `prev`: the store freezes it in place,
 * reusing equal subtrees of `prev`, and so writes into every part of `value` that is not `prev`'s own
 * (identical) part. Our new containers may be written (once: one met twice is copied); a frozen part
 * (shared from a stored version) sitting where `prev` has a different one is copied.
 */
function ownable(value: unknown, prev: unknown, seen: Set<object>): unknown {
  if (value === prev || typeof value !== 'object' || value === null) return value;
  if (Object.isFrozen(value)) return prev === undefined ? value : clone(value);
  if (seen.has(value)) return clone(value);
  seen.add(value);
  if (Array.isArray(value)) {
    const old = Array.isArray(prev) ? (prev as unknown[]) : undefined;
    for (let i = 0; i < value.length; i++) {
      const v = ownable(value[i], old?.[i], seen);
      if (v !== value[i]) value[i] = v;
    }
    return value;
  }
  const v = value as Record<string, unknown>;
  const old = isObj(prev) ? (prev as Record<string, unknown>) : undefined;
  for (const k in v) {
    const x = ownable(v[k], old !== undefined && Object.prototype.hasOwnProperty.call(old, k) ? old[k] : undefined, seen);
    if (x !== v[k]) v[k] = x;
  }
  return value;
}

export function requeue(r: AppReconcile, ms: number): void {
  const d = Math.max(0, Math.round(ms));
  r.requeueMs = r.requeueMs === undefined ? d : Math.min(r.requeueMs, d);
}

export function deepEqualJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
