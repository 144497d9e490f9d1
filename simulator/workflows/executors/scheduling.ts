/**
 * Pod placement and pod-level settings (workflowpod.go addSchedulingConstraints, addMetadata,
 * addDNSConfig, v3.6): template first, then the boundary (steps/DAG) template, then the workflow spec.
 */
import type { JsonObject } from '../../cluster/types.js';
import { isObj } from '../../cluster/types.js';
import type { Woc } from '../controller/woc.js';
import type { NodeStatus, Template } from '../nodes/types.js';
import { getTemplateHolder, resolveTemplateRef } from '../templates/index.js';

/** GetTemplateByBoundaryID: the template the node's enclosing steps/DAG node runs (processed if seen this reconcile). */
export function boundaryTemplateOf(woc: Woc, boundaryID: string | undefined): Template | undefined {
  const node = boundaryID ? woc.peek(boundaryID) : undefined;
  if (!node) return undefined;
  const seen = woc.nodeTemplates.get(node.id);
  if (seen) return seen;
  try {
    if (node.templateRef) return resolveTemplateRef(woc.ctx.store, woc.namespace, node.templateRef) as Template;
    const name = node.templateName;
    if (!name) return undefined;
    const m = /^(namespaced|cluster)\/(.+)$/.exec(node.templateScope ?? '');
    if (!m) return woc.template(name);
    const holder = getTemplateHolder(woc.ctx.store, woc.namespace, m[2] ?? '', m[1] === 'cluster');
    return ((holder.spec ?? {}) as { templates?: Template[] }).templates?.find((t) => t.name === name);
  } catch {
    return undefined;
  }
}

const nonEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : isObj(v) ? Object.keys(v).length > 0 : v !== undefined && v !== null && v !== '');

const SCHEDULING_FIELDS = ['nodeSelector', 'affinity', 'tolerations'];

/** Sets the scheduling fields on `spec` (the pod spec being built). */
export function addSchedulingConstraints(woc: Woc, node: NodeStatus, tmpl: Template, spec: JsonObject): void {
  const wf = woc.spec as Record<string, unknown>;
  const t = tmpl as Record<string, unknown>;
  // The boundary's template is looked up once, when the template leaves a field empty (no closure: every pod comes here).
  let boundary: Record<string, unknown> | undefined;
  let looked = false;
  for (const field of SCHEDULING_FIELDS) {
    let v = t[field];
    if (!nonEmpty(v)) {
      if (!looked) {
        boundary = boundaryTemplateOf(woc, node.boundaryID) as Record<string, unknown> | undefined;
        looked = true;
      }
      const b = boundary?.[field];
      v = nonEmpty(b) ? b : wf[field];
    }
    if (nonEmpty(v)) spec[field] = v as JsonObject;
  }
  const scheduler = t.schedulerName || wf.schedulerName;
  if (typeof scheduler === 'string' && scheduler) spec.schedulerName = scheduler;
  if ((wf.hostAliases ?? undefined) !== undefined || (t.hostAliases ?? undefined) !== undefined) {
    const hostAliases = [...((wf.hostAliases as JsonObject[] | undefined) ?? []), ...((t.hostAliases as JsonObject[] | undefined) ?? [])];
    if (hostAliases.length > 0) spec.hostAliases = hostAliases;
  }
  const sc = t.securityContext ?? wf.securityContext;
  if (isObj(sc)) spec.securityContext = sc as JsonObject;
  if (Array.isArray(wf.imagePullSecrets) && wf.imagePullSecrets.length > 0) spec.imagePullSecrets = wf.imagePullSecrets as JsonObject[];
  if (typeof wf.hostNetwork === 'boolean') spec.hostNetwork = wf.hostNetwork;
  if (typeof wf.dnsPolicy === 'string') spec.dnsPolicy = wf.dnsPolicy;
  if (isObj(wf.dnsConfig)) spec.dnsConfig = wf.dnsConfig as JsonObject;
}

/** addMetadata: spec.podMetadata, then the template's metadata, over the argo labels/annotations. */
export function podMetadata(woc: Woc, tmpl: Template): { labels: Record<string, string>; annotations: Record<string, string> } {
  const pm = woc.spec.podMetadata;
  return {
    labels: { ...(pm?.labels ?? {}), ...(tmpl.metadata?.labels ?? {}) },
    annotations: { ...(pm?.annotations ?? {}), ...(tmpl.metadata?.annotations ?? {}) },
  };
}
