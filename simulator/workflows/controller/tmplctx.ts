/**
 * Template contexts (workflow/templateresolution): names resolve inside the workflow, or inside the
 * WorkflowTemplate / ClusterWorkflowTemplate a `templateRef` led into.
 */
import { getTemplateHolder, resolveTemplateRef, templateScopeOf } from '../templates/index.js';
import type { Template, WorkflowStep } from '../nodes/types.js';
import type { Woc } from './woc.js';

export interface TmplCtx {
  /** `local/<wf>`, `namespaced/<wftmpl>` or `cluster/<cwft>` (node templateScope). */
  scope: string;
  templates: Template[];
}

export function localCtx(woc: Woc): TmplCtx {
  return { scope: `local/${woc.name}`, templates: woc.spec.templates ?? [] };
}

export class ResolveError extends Error {}

/** ResolveTemplate: the template a step/task/entrypoint refers to, and the context its children resolve in. */
export function resolveTemplate(woc: Woc, ctx: TmplCtx, org: WorkflowStep): { tmpl: Template; ctx: TmplCtx } {
  if (org.inline) return { tmpl: org.inline, ctx };
  if (org.templateRef) {
    const ref = org.templateRef;
    let tmpl: Template;
    try {
      tmpl = resolveTemplateRef(woc.ctx.store, woc.namespace, ref) as Template;
    } catch (e) {
      throw new ResolveError(e instanceof Error ? e.message : String(e));
    }
    const holder = getTemplateHolder(woc.ctx.store, woc.namespace, ref.name, ref.clusterScope === true);
    const spec = (holder.spec ?? {}) as { templates?: Template[] };
    return { tmpl, ctx: { scope: templateScopeOf(ref), templates: spec.templates ?? [] } };
  }
  const name = org.template ?? '';
  const tmpl = ctx.templates.find((t) => t.name === name);
  if (!tmpl) throw new ResolveError(`template ${name} not found`);
  return { tmpl, ctx };
}
