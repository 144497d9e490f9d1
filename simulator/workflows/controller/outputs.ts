/** Outbound nodes and template outputs (operator.go getOutboundNodes, getTemplateOutputsFromScope, global outputs). */
import { Scope } from '../params/scope.js';
import { evaluateExpression } from '../params/expr.js';
import { fulfilled } from '../nodes/types.js';
import type { Artifact, Outputs, Parameter, Template } from '../nodes/types.js';
import type { Woc } from './woc.js';

export function outboundNodes(woc: Woc, id: string, seen = new Set<string>()): string[] {
  const node = woc.peek(id);
  if (!node || seen.has(id)) return [id];
  seen.add(id);
  switch (node.type) {
    case 'Skipped':
    case 'Suspend':
    case 'HTTP':
    case 'Plugin':
    case 'Pod':
      return [id];
    case 'Container':
    case 'TaskGroup': {
      if (!node.children || node.children.length === 0) return [id];
      const out: string[] = [];
      for (const c of node.children) out.push(...outboundNodes(woc, c, seen));
      return out;
    }
    case 'Retry': {
      const kids = (node.children ?? []).filter((c) => !woc.peek(c)?.nodeFlag?.hooked);
      if (kids.length > 0) return [kids[kids.length - 1] as string];
      return [];
    }
    default: {
      const out: string[] = [];
      for (const o of node.outboundNodes ?? []) out.push(...outboundNodes(woc, o, seen));
      // A steps/DAG node that ended before any child ran is its own outbound node, so what depends on it stays linked.
      return out.length > 0 ? out : [id];
    }
  }
}

export class OutputsError extends Error {}

function resolveParameter(scope: Scope, p: Parameter): string | null | undefined {
  const vf = p.valueFrom ?? {};
  if (vf.parameter !== undefined) {
    const key = vf.parameter.replace(/^\{\{\s*/, '').replace(/\s*\}\}$/, '');
    if (key in scope.vars) return scope.vars[key];
    throw new OutputsError(`Unable to resolve: ${JSON.stringify(vf.parameter)}`);
  }
  if (vf.expression !== undefined) {
    const r = evaluateExpression(vf.expression, scope.vars);
    return typeof r === 'string' ? r : JSON.stringify(r);
  }
  throw new OutputsError(`Unable to resolve: ${JSON.stringify(vf)}`);
}

/** Outputs of a steps/DAG template: parameters by valueFrom.parameter/expression, artifacts by from. */
export function outputsFromScope(woc: Woc, tmpl: Template, scope: Scope): Outputs | undefined {
  const o = tmpl.outputs;
  if (!o || (!o.parameters?.length && !o.artifacts?.length && o.result === undefined)) return undefined;
  void woc;
  const out: Outputs = {};
  if (o.parameters?.length) {
    out.parameters = [];
    for (const p of o.parameters) {
      if (!p.valueFrom) throw new OutputsError('output parameters must have a valueFrom specified');
      let val: string | null | undefined;
      try {
        val = resolveParameter(scope, p);
      } catch (e) {
        if (p.valueFrom.default === undefined) throw e;
        val = String(p.valueFrom.default);
      }
      if (val === null && p.valueFrom.default !== undefined) val = String(p.valueFrom.default);
      if (val === null || val === undefined) {
        throw new OutputsError(`output parameter "${p.name}": "${p.valueFrom.parameter ?? ''}" is an absent optional (skipped/omitted node output with no default)`);
      }
      const { valueFrom: _vf, ...rest } = p;
      out.parameters.push({ ...rest, value: val });
    }
  }
  if (o.artifacts?.length) {
    out.artifacts = [];
    for (const a of o.artifacts) {
      let found: Artifact | undefined;
      try {
        found = a.from ? scope.resolveArtifact(a.from) : a.fromExpression ? scope.resolveArtifactExpression(a.fromExpression) : undefined;
      } catch (e) {
        if (!a.optional) throw new OutputsError(`unable to resolve outputs from scope: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!found) {
        if (a.optional) continue;
        throw new OutputsError(`unable to resolve outputs from scope: Unable to resolve: ${a.from ?? a.fromExpression ?? a.name}`);
      }
      const { fromExpression: _fe, from: _f, ...rest } = found;
      out.artifacts.push({ ...rest, name: a.name, ...(a.globalName ? { globalName: a.globalName } : {}) });
    }
  }
  return out;
}

/** Whether a spec can produce global outputs at all (a `globalName`, or templates from elsewhere). */
const MAY_EXPORT = new WeakMap<object, boolean>();
function mayExportGlobals(woc: Woc): boolean {
  const spec = woc.spec as object;
  let may = MAY_EXPORT.get(spec);
  if (may === undefined) {
    const json = JSON.stringify(spec);
    may = json.includes('"globalName"') || json.includes('"templateRef"') || json.includes('"workflowTemplateRef"');
    if (Object.isFrozen(spec)) MAY_EXPORT.set(spec, may);
  }
  return may || woc.status.outputs !== undefined;
}

/** addOutputsToGlobalScope for every finished node: `globalName` outputs become `workflow.outputs.*`. */
export function collectGlobalOutputs(woc: Woc): void {
  // No node of a workflow without `globalName` outputs can export one: skip the walk.
  if (!mayExportGlobals(woc)) return;
  for (const node of woc.nodeList()) {
    if (!fulfilled(node.phase) || !node.outputs) continue;
    for (const p of node.outputs.parameters ?? []) if (p.globalName && p.value !== undefined) addGlobalParam(woc, p);
    for (const a of node.outputs.artifacts ?? []) if (a.globalName) addGlobalArtifact(woc, a);
  }
}

function addGlobalParam(woc: Woc, p: Parameter): void {
  const name = p.globalName as string;
  woc.globals[`workflow.outputs.parameters.${name}`] = String(p.value);
  const outs = (woc.status.outputs ??= {});
  const params = (outs.parameters ??= []);
  const existing = params.find((x) => x.name === name);
  if (existing) {
    if (existing.value !== p.value) {
      existing.value = p.value;
      woc.updated = true;
    }
  } else {
    params.push({ name, value: p.value });
    woc.updated = true;
  }
}

function addGlobalArtifact(woc: Woc, a: Artifact): void {
  const name = a.globalName as string;
  const { globalName: _g, path: _p, ...rest } = a;
  const art = { ...rest, name } as Artifact;
  const outs = (woc.status.outputs ??= {});
  const arts = (outs.artifacts ??= []);
  const i = arts.findIndex((x) => x.name === name);
  if (i >= 0) {
    if (JSON.stringify(arts[i]) !== JSON.stringify(art)) {
      arts[i] = art;
      woc.updated = true;
    }
  } else {
    arts.push(art);
    woc.updated = true;
  }
}
