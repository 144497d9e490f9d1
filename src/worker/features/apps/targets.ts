/**
 * The app's target manifests as the controller renders them (same repo-server call, same manifest cache), at
 * the revision it last compared with: the diff and the timeline's wave numbers read them.
 */
import { argoCD, asApp, readSettings } from '../../../../simulator/argocd/index.js';
import { appSources, isMultiSource } from '../../../../simulator/argocd/controller/types.js';
import { instanceNameOf } from '../../../../simulator/argocd/controller/context.js';
import { renderTargets } from '../../../../simulator/argocd/controller/render.js';
import type { ControllerSettings } from '../../../../simulator/argocd/index.js';
import { repositoryCredentials } from '../../../../simulator/argocd/settings/index.js';
import type { KubeObject, StoredObject } from '../../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';

export interface AppTargets {
  targets: KubeObject[];
  instanceName: string;
  settings: ControllerSettings;
  error?: string;
}

/** `revisions` overrides the compared revision(s) (the timeline renders the operation's revision). */
export function appTargets(world: Sandbox, obj: StoredObject, revisions?: string[]): AppTargets {
  const argo = argoCD(world);
  const app = asApp(obj);
  const settings = readSettings(world.store, argo.namespace);
  const instanceName = instanceNameOf(app, argo.namespace);
  const sources = appSources(app);
  const known = revisions ?? (isMultiSource(app) ? (app.status?.sync?.revisions ?? []) : [app.status?.sync?.revision ?? '']);
  const project = app.spec.project || 'default';
  const render = renderTargets({
    host: argo.git,
    store: world.store,
    app,
    instanceName,
    sources,
    revisions: sources.map((_, i) => known[i] || undefined),
    noCache: false,
    settings,
    cache: argo.controller.manifestCache,
    now: () => world.now(),
    credentials: (url) => repositoryCredentials(world.store, url, project, argo.namespace),
  });
  const out: AppTargets = { targets: render.targets, instanceName, settings };
  if (render.error !== undefined) out.error = render.error;
  return out;
}
