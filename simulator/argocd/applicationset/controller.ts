/**
 * applicationset-controller (applicationset/controllers/applicationset_controller.go): run the
 * generators, render the template once per parameter set, validate (unique names, existing project),
 * then create / update / delete the Applications it owns (ownerReference, label
 * `argocd.argoproj.io/application-set-name`) as `syncPolicy.applicationsSync` allows, and report the
 * three status conditions. Git generators are polled every 3 minutes (the default requeue).
 */
import type { ClusterContext, ClusterController, Sandbox } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import { load } from 'js-yaml';
import { mergePatch } from '../../cluster/patch.js';
import type { JsonValue, KubeObject, StoredObject } from '../../cluster/types.js';
import { clone } from '../../cluster/types.js';
import type { GitHost } from '../../git/index.js';
import { fromLabelSelectorObject, matchesLabels } from '../../cluster/selectors.js';
import { SECRET_TYPE_LABEL } from '../settings/index.js';
import { generatorKind, runGenerator } from './generators/index.js';
import type { GeneratorSpec } from './generators/index.js';
import { conditionsFor, resourcesOf, withTransitionTimes } from './status.js';
import type { AppSetReason } from './status.js';
import { appSetFuncs, mergeTemplate, renderTemplate } from './template.js';
import type { Params } from './template.js';

export const APPSET_NAME_LABEL = 'argocd.argoproj.io/application-set-name';
export const APPSET_REFRESH_ANNOTATION = 'argocd.argoproj.io/application-set-refresh';
/** Annotations other controllers own on a generated Application; kept on update (defaultPreservedAnnotations). */
export const PRESERVED_ANNOTATIONS = ['notified.notifications.argoproj.io', 'argocd.argoproj.io/refresh'];
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/** ARGOCD_APPLICATIONSET_CONTROLLER_REQUEUE_AFTER default. */
export const GIT_REQUEUE_MS = 180_000;

const APPSET = { group: 'argoproj.io', kind: 'ApplicationSet' };
const APP = { group: 'argoproj.io', kind: 'Application' };
const API_VERSION = 'argoproj.io/v1alpha1';

interface Parts {
  git?: GitHost;
}
const parts = new WeakMap<Sandbox, Parts>();

/** Give the controller the sandbox's git server. */
export function configureApplicationSet(sandbox: Sandbox, p: Parts): void {
  parts.set(sandbox, { ...parts.get(sandbox), ...p });
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).filter((k) => (a as Obj)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Obj)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson((a as Obj)[k], (b as Obj)[k]));
  }
  return false;
}

function ownerOf(app: KubeObject): { kind: string; name: string } | undefined {
  return (app.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

function flatStrings(p: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (p !== null && typeof p === 'object' && !Array.isArray(p)) {
    for (const [k, v] of Object.entries(p)) flatStrings(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = typeof p === 'string' ? p : JSON.stringify(p);
  return out;
}

function describeParams(p: Params): string {
  const s = JSON.stringify(p);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

interface Desired {
  app: KubeObject;
  why: string;
}

function toApplication(rendered: Obj, appset: StoredObject): KubeObject {
  const meta = obj(rendered.metadata);
  const labels: Record<string, string> = { ...(obj(meta.labels) as Record<string, string>), [APPSET_NAME_LABEL]: appset.metadata.name ?? '' };
  const metadata: KubeObject['metadata'] = {
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: appset.metadata.namespace,
    labels,
    ownerReferences: [{ apiVersion: API_VERSION, kind: 'ApplicationSet', name: appset.metadata.name ?? '', uid: appset.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
  };
  const annotations = obj(meta.annotations) as Record<string, string>;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const finalizers = Array.isArray(meta.finalizers) ? meta.finalizers.map(String) : [];
  // Generated Applications delete their resources with them unless syncPolicy.preserveResourcesOnDeletion.
  if (obj(obj(appset.spec).syncPolicy).preserveResourcesOnDeletion !== true && !finalizers.includes(RESOURCES_FINALIZER)) finalizers.push(RESOURCES_FINALIZER);
  if (finalizers.length) metadata.finalizers = finalizers;
  const app: KubeObject = { apiVersion: API_VERSION, kind: 'Application', metadata, spec: clone(obj(rendered.spec)) as KubeObject['spec'] };
  return app;
}

function generate(ctx: ClusterContext, appset: StoredObject, p: Parts): { desired: Desired[]; error?: { message: string; reason: AppSetReason } } {
  const spec = obj(appset.spec);
  const goTemplate = spec.goTemplate === true;
  const gctx = { store: ctx.store, namespace: appset.metadata.namespace ?? '', git: p.git, goTemplate };
  const funcs = goTemplate ? appSetFuncs({ now: ctx.now, rng: ctx.rng }) : undefined;
  const desired: Desired[] = [];
  let error: { message: string; reason: AppSetReason } | undefined;
  const generators = Array.isArray(spec.generators) ? spec.generators.map(obj) : [];
  for (const g of generators as GeneratorSpec[]) {
    const kind = generatorKind(g) ?? 'unknown';
    let params: Params[];
    try {
      params = runGenerator(g, gctx);
    } catch (e) {
      error ??= { message: e instanceof Error ? e.message : String(e), reason: 'ApplicationParamsGenerationError' };
      continue;
    }
    // Post selector: keep the parameter sets whose (flattened) params match the generator's selector.
    if (Object.keys(obj(g.selector)).length > 0) {
      const selector = fromLabelSelectorObject(g.selector);
      params = params.filter((p1) => matchesLabels(selector, flatStrings(p1)));
    }
    const template = mergeTemplate(spec.template, obj(g[kind]).template);
    for (const params1 of params) {
      try {
        let rendered = renderTemplate(obj(template), params1, { goTemplate, goTemplateOptions: spec.goTemplateOptions, funcs });
        if (typeof spec.templatePatch === 'string' && spec.templatePatch.trim()) rendered = applyTemplatePatch(rendered, spec.templatePatch, params1, goTemplate, spec.goTemplateOptions, funcs);
        desired.push({ app: toApplication(rendered, appset), why: `The ${kind} generator produced ${describeParams(params1)}` });
      } catch (e) {
        error ??= { message: e instanceof Error ? e.message : String(e), reason: 'RenderTemplateParamsError' };
      }
    }
  }
  return { desired, error };
}

/**
 * `templatePatch`: a (Go-templated) YAML/JSON patch merged over the rendered Application — maps merge,
 * lists and scalars replace, null deletes (upstream uses a strategic merge on the Application type).
 */
function applyTemplatePatch(rendered: Obj, patchText: string, params: Params, goTemplate: boolean, goTemplateOptions: unknown, funcs: ReturnType<typeof appSetFuncs> | undefined): Obj {
  const text = renderTemplate(patchText, params, { goTemplate, goTemplateOptions, funcs });
  if (text.trim() === '') return rendered;
  let patch: unknown;
  try {
    patch = load(text);
  } catch (e) {
    throw new Error(`failed to render templatePatch: error converting YAML to JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (patch === null || patch === undefined) return rendered;
  return obj(mergePatch(rendered as JsonValue, patch as JsonValue));
}

function validate(ctx: ClusterContext, appset: StoredObject, desired: Desired[]): Map<number, string> {
  const errors = new Map<number, string>();
  const seen = new Set<string>();
  desired.forEach(({ app }, i) => {
    const name = app.metadata.name ?? '';
    if (seen.has(name)) {
      errors.set(i, `ApplicationSet ${appset.metadata.name ?? ''} contains applications with duplicate name: ${name}`);
      return;
    }
    seen.add(name);
    const project = typeof obj(app.spec).project === 'string' && obj(app.spec).project ? String(obj(app.spec).project) : 'default';
    if (!ctx.store.get({ group: 'argoproj.io', kind: 'AppProject', namespace: appset.metadata.namespace, name: project })) {
      errors.set(i, `application references project ${project} which does not exist`);
    }
  });
  return errors;
}

function reconcile(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const appset = ctx.store.get({ ...APPSET, namespace, name });
  if (!appset || appset.metadata.deletionTimestamp) return;
  const p = parts.get(ctx.sandbox) ?? {};
  const spec = obj(appset.spec);
  const ref = { apiVersion: API_VERSION, kind: 'ApplicationSet', namespace, name, uid: appset.metadata.uid };
  const usesGit = JSON.stringify(spec.generators ?? []).includes('"git"');
  if (usesGit) ctx.enqueue(key, GIT_REQUEUE_MS, { background: true });

  const { desired, error } = generate(ctx, appset, p);
  if (error) {
    const prev = (Array.isArray(obj(appset.status).conditions) ? (obj(appset.status).conditions as unknown[]) : []).map(obj).find((c) => c.type === 'ErrorOccurred');
    if (prev?.message !== error.message || prev?.status !== 'True') {
      ctx.record({ involvedObject: ref, reason: error.reason, type: 'Warning', message: error.message, why: 'No Application is created, updated or deleted while a generator or the template fails.' });
    }
    writeStatus(ctx, appset, error, false);
    return;
  }
  const invalid = validate(ctx, appset, desired);
  const policy = String(obj(spec.syncPolicy).applicationsSync ?? 'sync');
  const allowUpdate = policy === 'sync' || policy === 'create-update';
  const allowDelete = policy === 'sync' || policy === 'create-delete';
  let failure: { message: string; reason: AppSetReason } | undefined;

  desired.forEach(({ app, why }, i) => {
    if (invalid.has(i)) return;
    const existing = ctx.store.get({ ...APP, namespace, name: app.metadata.name ?? '' });
    try {
      if (!existing) {
        ctx.store.create(app);
        ctx.record({ involvedObject: ref, reason: 'created', message: `created Application "${app.metadata.name}"`, why: `${why}; the template rendered Application ${app.metadata.name}, which did not exist.` });
        return;
      }
      if (!allowUpdate) return;
      const owner = ownerOf(existing);
      if (owner && (owner.kind !== 'ApplicationSet' || owner.name !== name)) {
        throw new Error(`Object ${namespace}/${app.metadata.name} is already owned by another ${owner.kind} controller ${owner.name}`);
      }
      const next = clone(existing) as KubeObject;
      next.spec = app.spec;
      const annotations: Record<string, string> = { ...(app.metadata.annotations ?? {}) };
      const preserved = [...PRESERVED_ANNOTATIONS, ...(Array.isArray(obj(spec.preservedFields).annotations) ? (obj(spec.preservedFields).annotations as unknown[]).map(String) : [])];
      for (const k of preserved) if (existing.metadata.annotations?.[k] !== undefined) annotations[k] = existing.metadata.annotations[k];
      next.metadata.annotations = Object.keys(annotations).length ? annotations : undefined;
      next.metadata.labels = app.metadata.labels;
      next.metadata.finalizers = app.metadata.finalizers;
      next.metadata.ownerReferences = app.metadata.ownerReferences;
      if (sameJson(next, existing)) return;
      ctx.store.update(next);
      ctx.record({ involvedObject: ref, reason: 'updated', message: `updated Application "${app.metadata.name}"`, why: `${why}; the rendered Application differs from the one in the cluster, so it is updated.` });
    } catch (e) {
      failure ??= { message: e instanceof Error ? e.message : String(e), reason: existing ? 'UpdateApplicationError' : 'CreateApplicationError' };
    }
  });

  if (allowDelete) {
    const wanted = new Set(desired.map((d) => d.app.metadata.name));
    for (const app of ctx.store.list(APP, { namespace })) {
      const owner = ownerOf(app);
      if (!owner || owner.kind !== 'ApplicationSet' || owner.name !== name || wanted.has(app.metadata.name)) continue;
      if (app.metadata.deletionTimestamp) continue; // already going (its finalizer is removing its resources)
      try {
        ctx.store.delete({ ...APP, namespace, name: app.metadata.name ?? '' });
        ctx.record({ involvedObject: ref, reason: 'Deleted', message: `Deleted Application "${app.metadata.name}"`, why: `No generator produces parameters for ${app.metadata.name} any more, and applicationsSync ${policy} allows deleting.` });
      } catch (e) {
        failure ??= { message: e instanceof Error ? e.message : String(e), reason: 'DeleteApplicationError' };
      }
    }
  }

  if (appset.metadata.annotations?.[APPSET_REFRESH_ANNOTATION] !== undefined) {
    ctx.store.patch({ ...APPSET, namespace, name }, 'merge', { metadata: { annotations: { [APPSET_REFRESH_ANNOTATION]: null } } });
  }
  if (!failure && invalid.size > 0) {
    const messages = [...invalid.values()];
    const last = messages[messages.length - 1];
    failure = { message: messages.length > 1 ? `${last} (and ${messages.length - 1} more)` : last, reason: 'ApplicationValidationError' };
  }
  writeStatus(ctx, appset, failure, true);
}

function writeStatus(ctx: ClusterContext, appset: StoredObject, error: { message: string; reason: AppSetReason } | undefined, parametersGenerated: boolean): void {
  const { namespace, name } = { namespace: appset.metadata.namespace ?? '', name: appset.metadata.name ?? '' };
  const current = ctx.store.get({ ...APPSET, namespace, name });
  if (!current) return;
  const status = obj(current.status);
  const owned = ctx.store.list(APP, { namespace }).filter((a) => {
    const o = ownerOf(a);
    return o?.kind === 'ApplicationSet' && o.name === name;
  });
  const next = {
    ...status,
    conditions: withTransitionTimes(conditionsFor(error, parametersGenerated), status.conditions, ctx.iso()),
    resources: resourcesOf(owned),
  };
  if (sameJson(next, status)) return;
  const updated = clone(current) as KubeObject;
  updated.status = next as KubeObject['status'];
  ctx.store.update(updated);
}

export const applicationSetController: ClusterController = {
  name: 'applicationset-controller',
  component: 'applicationset-controller',
  watches: [
    { group: 'argoproj.io', kind: 'ApplicationSet' },
    {
      group: 'argoproj.io',
      kind: 'Application',
      // Owned Applications report back into status.resources (and are recreated if deleted by hand).
      map: (event) => {
        const o = ownerOf(event.object);
        return o?.kind === 'ApplicationSet' ? [`${event.object.metadata.namespace ?? ''}/${o.name}`] : [];
      },
    },
    {
      group: '',
      kind: 'Secret',
      // A cluster Secret added, relabelled or removed changes what cluster generators produce.
      map: (event) => (event.object.metadata.labels?.[SECRET_TYPE_LABEL] === 'cluster' ? [`*${event.object.metadata.namespace ?? ''}`] : []),
    },
  ],
  reconcile(ctx, key) {
    if (!key.startsWith('*')) return reconcile(ctx, key);
    for (const a of ctx.store.list(APPSET, { namespace: key.slice(1) })) ctx.enqueue(`${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`);
  },
};
