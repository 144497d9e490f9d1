/** What one reconcile of one Application works with, and the small helpers every step shares. */
import type { ClusterContext } from '../../sandbox.js';
import type { StoredObject } from '../../cluster/types.js';
import type { GitCredentials, GitHost } from '../../git/index.js';
import type { HealthOverrides } from '../health/index.js';
import type { AppMachineEvent } from './machine.js';
import type { ControllerSettings } from './settings.js';
import type { AppControllerState } from './state.js';
import type { ProjectContext } from './project.js';
import { asApp, asObject } from './types.js';
import type { Application } from './types.js';

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

export function requeue(r: AppReconcile, ms: number): void {
  const d = Math.max(0, Math.round(ms));
  r.requeueMs = r.requeueMs === undefined ? d : Math.min(r.requeueMs, d);
}

export function deepEqualJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
