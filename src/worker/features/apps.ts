/**
 * Argo CD for the Applications view: every read and write goes through the sandbox's Argo CD API server as
 * the selected user (`ArgoCDServer.as(user)`), so RBAC applies and denials carry Argo CD's own message.
 * Queries return small, ready-to-render data (list, detail with the resource tree, sync timeline, diffs);
 * actions are the buttons (refresh, sync, rollback, delete, terminate) and the example-application onboarding.
 */
import { dump } from 'js-yaml';
import { ArgoApiError, ArgoCDServer } from '../../../simulator/argocd/server/index.js';
import type { ArgoCDSession, SyncRequest } from '../../../simulator/argocd/server/index.js';
import { argoCD, hasArgoCD } from '../../../simulator/argocd/index.js';
import type { JsonObject, StoredObject } from '../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../simulator/sandbox.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';
import { appDiffs } from './apps/diff.js';
import { commitExampleChange, createExampleRepo, EXAMPLE_APP, EXAMPLE_APPLICATION, EXAMPLE_REPO } from './apps/example.js';
import { objectDetail } from './apps/objects.js';
import { conditionsOf, historyOf, imagesOf, refreshingOf, summarize, syncOptionsOf } from './apps/summary.js';
import { buildTimeline } from './apps/timeline.js';
import { buildTree } from './apps/tree.js';
import type { AppDetail, AppSummary, ObjectDetail, ObjectRefView, ResourceDiff, SyncChoices, TimelineView, UserView } from './apps/types.js';

export type * from './apps/types.js';

/** Argo CD's errors as the CLI prints them, with the learner-facing why the API keeps vague on purpose. */
function explained(e: unknown): Error {
  if (e instanceof ArgoApiError) return new Error(e.why ? `${e.toString()}\nwhy: ${e.why}` : e.toString());
  return e instanceof Error ? e : new Error(String(e));
}

function withSession<T>(host: FeatureHost, user: string, fn: (s: ArgoCDSession) => T): T {
  if (!hasArgoCD(host.world)) throw new Error('Argo CD is not installed in this sandbox');
  try {
    return fn(new ArgoCDServer(host.world).as(user));
  } catch (e) {
    throw explained(e);
  }
}

/**
 * Answers of the last call per query, valid while nothing in the world moved (same store revision, virtual
 * time and event count): a paused or settled world is pushed to the view again and again.
 */
const answers = new WeakMap<Sandbox, Map<string, { stamp: string; value: unknown }>>();

function cached<T>(host: FeatureHost, key: string, compute: () => T): T {
  const world = host.world;
  const stamp = `${world.store.resourceVersion}|${world.now()}|${world.log.all().length}`;
  let byKey = answers.get(world);
  if (!byKey) answers.set(world, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = compute();
  if (byKey.size > 32) byKey.clear();
  byKey.set(key, { stamp, value });
  return value;
}

/** `group/kind/namespace/name` → Argo CD's SyncOperationResource. */
function resourceOf(key: string): { group?: string; kind: string; namespace?: string; name: string } {
  const [group = '', kind = '', namespace = '', ...rest] = key.split('/');
  return { ...(group ? { group } : {}), kind, ...(namespace ? { namespace } : {}), name: rest.join('/') };
}

/** The Sync dialog's choices as the API's sync request (Argo CD UI: force goes into the strategy). */
export function syncRequest(c: SyncChoices): SyncRequest {
  const req: SyncRequest = {};
  if (c.prune) req.prune = true;
  if (c.dryRun) req.dryRun = true;
  if (c.revision) req.revision = c.revision;
  if (c.syncOptions) req.syncOptions = [...c.syncOptions];
  if (c.resources?.length) req.resources = c.resources.map(resourceOf);
  if (c.applyOnly || c.force) {
    const force: JsonObject = c.force ? { force: true } : {};
    req.strategy = c.applyOnly ? { apply: force } : { hook: force };
  }
  return req;
}

function detailOf(host: FeatureHost, s: ArgoCDSession, app: StoredObject): AppDetail {
  const summary = summarize(app);
  const rbacName = `${summary.project}/${app.metadata.name}`;
  const detail: AppDetail = {
    ...summary,
    conditions: conditionsOf(app),
    history: historyOf(app),
    tree: buildTree(host.world, app),
    syncOptions: syncOptionsOf(app),
    images: imagesOf(app),
    can: {
      sync: s.can('applications', 'sync', rbacName),
      delete: s.can('applications', 'delete', rbacName),
      update: s.can('applications', 'update', rbacName),
      override: s.can('applications', 'override', rbacName),
    },
  };
  const reconciledAt = (app.status as { reconciledAt?: unknown } | undefined)?.reconciledAt;
  if (typeof reconciledAt === 'string') detail.reconciledAt = reconciledAt;
  const refreshing = refreshingOf(app);
  if (refreshing) detail.refreshing = refreshing;
  return detail;
}

export const appsFeature = defineFeature({
  queries: {
    /** The user switcher: admin, argocd-cm accounts, anonymous when enabled. */
    users(host: FeatureHost): UserView[] {
      if (!hasArgoCD(host.world)) return [];
      return new ArgoCDServer(host.world).users();
    },
    list(host: FeatureHost, user: string): AppSummary[] {
      return withSession(host, user, (s) => s.listApplications().map(summarize));
    },
    /** Null when the app does not exist (deleted), so the view can go back to the list. */
    detail(host: FeatureHost, user: string, name: string): AppDetail | null {
      return withSession(host, user, (s) => {
        if (!name || !host.world.store.get({ group: 'argoproj.io', kind: 'Application', namespace: s.ctx.namespace, name })) return null;
        return cached(host, `detail|${user}|${name}`, () => detailOf(host, s, s.getApplication(name)));
      });
    },
    /** The Application object (status included) as YAML, managedFields hidden. */
    manifest(host: FeatureHost, user: string, name: string): string {
      return withSession(host, user, (s) => {
        const app = s.getApplication(name);
        const { managedFields: _hidden, ...metadata } = app.metadata;
        return dump({ ...app, metadata }, { lineWidth: -1, noRefs: true });
      });
    },
    timeline(host: FeatureHost, user: string, name: string): TimelineView {
      return withSession(host, user, (s) => cached(host, `timeline|${user}|${name}`, () => buildTimeline(host.world, s.getApplication(name))));
    },
    /** Live vs target for every managed resource (or just `key`), modified ones first. */
    diffs(host: FeatureHost, user: string, name: string, key?: string): ResourceDiff[] {
      return withSession(host, user, (s) => appDiffs(host.world, s.getApplication(name), key));
    },
    object(host: FeatureHost, ref: ObjectRefView): ObjectDetail {
      return objectDetail(host.world, ref);
    },
    example(host: FeatureHost): { repo: boolean; app: boolean } {
      if (!hasArgoCD(host.world)) return { repo: false, app: false };
      return {
        repo: argoCD(host.world).git.list().includes(EXAMPLE_REPO),
        app: !!host.world.store.get({ group: 'argoproj.io', kind: 'Application', namespace: argoCD(host.world).namespace, name: EXAMPLE_APP }),
      };
    },
  },
  actions: {
    refresh(host: FeatureHost, user: string, name: string, hard = false): void {
      withSession(host, user, (s) => s.refreshApplication(name, hard ? 'hard' : 'normal'));
      host.changed();
    },
    sync(host: FeatureHost, user: string, name: string, choices: SyncChoices = {}): void {
      withSession(host, user, (s) => s.sync(name, syncRequest(choices)));
      host.changed();
    },
    rollback(host: FeatureHost, user: string, name: string, id: number, opts: { prune?: boolean; dryRun?: boolean } = {}): void {
      withSession(host, user, (s) => s.rollback(name, id, opts));
      host.changed();
    },
    terminate(host: FeatureHost, user: string, name: string): void {
      withSession(host, user, (s) => s.terminateOperation(name));
      host.changed();
    },
    remove(host: FeatureHost, user: string, name: string, opts: { cascade?: boolean; propagationPolicy?: string } = {}): void {
      withSession(host, user, (s) => s.deleteApplication(name, opts));
      host.changed();
    },
    /** Onboarding: the guestbook repository (PreSync hook, waves 0 and 1, PostSync hook) and its Application, created by admin. */
    async addExample(host: FeatureHost): Promise<string> {
      const sha = await createExampleRepo(host.world);
      withSession(host, 'admin', (s) => s.createApplication(structuredClone(EXAMPLE_APPLICATION), { upsert: true }));
      host.changed();
      return sha;
    },
    /** "Simulate a commit" to the example repository (one more replica); Argo CD notices at its next refresh. */
    async commitExample(host: FeatureHost): Promise<{ sha: string; replicas: number }> {
      const out = await commitExampleChange(host.world);
      host.changed();
      return out;
    },
  },
});
