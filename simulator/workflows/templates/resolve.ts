/**
 * Template resolution (workflow/templateresolution and the operator's setStoredWfSpec): `templateRef`
 * lookups in WorkflowTemplates / ClusterWorkflowTemplates, and the effective spec of a workflow that uses
 * `workflowTemplateRef`, kept in `status.storedWorkflowTemplateSpec` like upstream.
 */
import { ApiError } from '../../core/errors.js';
import type { ObjectStore } from '../../cluster/store/index.js';
import { clone, isObj } from '../../cluster/types.js';
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { joinWorkflowSpec } from './merge.js';
import type { Dict } from './merge.js';

export const WF_API = 'argoproj.io/v1alpha1';
export const LABEL_WORKFLOW_TEMPLATE = 'workflows.argoproj.io/workflow-template';
export const LABEL_CLUSTER_WORKFLOW_TEMPLATE = 'workflows.argoproj.io/cluster-workflow-template';

export interface TemplateRef {
  name?: string;
  template?: string;
  clusterScope?: boolean;
}

/** Argo's error codes on template lookups: lint and the operator word them differently. */
export class TemplateResolutionError extends Error {
  constructor(
    readonly code: 'NotFound' | 'BadRequest',
    message: string,
  ) {
    super(message);
    this.name = 'TemplateResolutionError';
  }
}

/** The WorkflowTemplate (namespaced) or ClusterWorkflowTemplate; throws the API server's NotFound otherwise. */
export function getTemplateHolder(store: ObjectStore, namespace: string, name: string, clusterScope = false): StoredObject {
  return clusterScope
    ? store.mustGet({ apiVersion: WF_API, kind: 'ClusterWorkflowTemplate', name })
    : store.mustGet({ apiVersion: WF_API, kind: 'WorkflowTemplate', namespace, name });
}

/** `templateScope` of nodes run from a holder, as upstream: `namespaced/<name>` or `cluster/<name>`. */
export function templateScopeOf(ref: TemplateRef): string {
  return `${ref.clusterScope ? 'cluster' : 'namespaced'}/${ref.name ?? ''}`;
}

function specOf(o: KubeObject): Dict {
  return isObj(o.spec) ? (o.spec as Dict) : {};
}

/** TemplateHolder.GetTemplateByName. */
export function templateByName(holderSpec: Dict, name: string): Dict | undefined {
  const list = Array.isArray(holderSpec.templates) ? holderSpec.templates : [];
  const t = list.find((x) => isObj(x) && x.name === name);
  return isObj(t) ? t : undefined;
}

/** addPodMetadata: the holder's `podMetadata` labels/annotations the template does not set itself. */
function withPodMetadata(tmpl: Dict, holderSpec: Dict): Dict {
  const pm = isObj(holderSpec.podMetadata) ? holderSpec.podMetadata : undefined;
  if (!pm) return tmpl;
  const md: Dict = isObj(tmpl.metadata) ? { ...tmpl.metadata } : {};
  for (const f of ['annotations', 'labels'] as const) {
    const from = isObj(pm[f]) ? (pm[f] as Dict) : {};
    if (Object.keys(from).length === 0) continue;
    md[f] = { ...from, ...(isObj(md[f]) ? (md[f] as Dict) : {}) };
  }
  return { ...tmpl, metadata: md };
}

/**
 * GetTemplateFromRef: the referenced template (a copy, with the holder's podMetadata), or a
 * TemplateResolutionError worded like Argo (`workflow template x not found`,
 * `template y not found in workflow template x`).
 */
export function resolveTemplateRef(store: ObjectStore, namespace: string, ref: TemplateRef): Dict {
  const name = ref.name ?? '';
  let holder: StoredObject;
  try {
    holder = getTemplateHolder(store, namespace, name, ref.clusterScope);
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'NotFound') throw new TemplateResolutionError('NotFound', `workflow template ${name} not found`);
    throw e;
  }
  const spec = specOf(holder);
  const tmpl = templateByName(spec, ref.template ?? '');
  if (!tmpl) throw new TemplateResolutionError('NotFound', `template ${ref.template ?? ''} not found in workflow template ${name}`);
  return withPodMetadata(clone(tmpl), spec);
}

export interface WorkflowDefaults {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Dict;
}

export interface ResolvedWorkflow {
  /** The spec the operator executes (upstream `execWf.Spec`); without a ref, the workflow's own spec object. */
  spec: Dict;
  /** The value for `status.storedWorkflowTemplateSpec`; undefined when the workflow has no workflowTemplateRef. */
  storedWorkflowTemplateSpec?: Dict;
  /** Labels the workflow gains (template label, defaults' labels); the caller writes them. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface WorkflowLike {
  metadata: { namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
  status?: unknown;
}

/** needsStoredWfSpecUpdate: recompute when entrypoint, suspend or shutdown of the workflow changed. */
function needsUpdate(spec: Dict, stored: Dict | undefined): boolean {
  if (!stored) return true;
  if (spec.entrypoint && !stored.entrypoint) return true;
  return (spec.suspend ?? null) !== (stored.suspend ?? null) || (spec.shutdown ?? '') !== (stored.shutdown ?? '');
}

/**
 * setExecWorkflow: for a `workflowTemplateRef` the workflow's spec merged over the template's (and the
 * controller's workflowDefaults), reusing `status.storedWorkflowTemplateSpec` once stored so template edits do not
 * change a running workflow. Without a ref: the spec over workflowDefaults. Throws the API server's NotFound
 * (`workflowtemplates.argoproj.io "x" not found`) when the referenced template is missing.
 */
export function resolveWorkflowTemplateRef(store: ObjectStore, wf: WorkflowLike, defaults: WorkflowDefaults = {}): ResolvedWorkflow {
  const spec: Dict = isObj(wf.spec) ? (wf.spec as Dict) : {};
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  const ref = isObj(spec.workflowTemplateRef) ? (spec.workflowTemplateRef as TemplateRef) : undefined;
  // No ref: the workflow's own spec (not copied: callers hold their own copy of the workflow).
  if (!ref) return { spec: defaults.spec ? joinWorkflowSpec(spec, undefined, defaults.spec) : spec, labels, annotations };

  const status = isObj(wf.status) ? wf.status : {};
  let stored = isObj(status.storedWorkflowTemplateSpec) ? (status.storedWorkflowTemplateSpec as Dict) : undefined;
  if (!stored) {
    const holder = getTemplateHolder(store, wf.metadata.namespace ?? '', ref.name ?? '', ref.clusterScope);
    // JoinWorkflowMetaData: the defaults' labels/annotations the workflow does not already have.
    for (const [k, v] of Object.entries(defaults.metadata?.labels ?? {})) if (!(k in (wf.metadata.labels ?? {}))) labels[k] = v;
    for (const [k, v] of Object.entries(defaults.metadata?.annotations ?? {})) if (!(k in (wf.metadata.annotations ?? {}))) annotations[k] = v;
    stored = joinWorkflowSpec(spec, specOf(holder), defaults.spec);
  } else if (needsUpdate(spec, stored)) {
    stored = joinWorkflowSpec(spec, stored, defaults.spec);
  }
  labels[ref.clusterScope ? LABEL_CLUSTER_WORKFLOW_TEMPLATE : LABEL_WORKFLOW_TEMPLATE] = ref.name ?? '';
  const exec = clone(stored ?? {});
  return { spec: exec, storedWorkflowTemplateSpec: stored, labels, annotations };
}
