/**
 * includeScriptOutput (operator.go): argoexec wait keeps a pod's stdout as `outputs.result` only when
 * the enclosing steps/DAG template references `steps.<name>.outputs.result` or
 * `tasks['<name>'].outputs.result` (ARGO_INCLUDE_SCRIPT_OUTPUT on the pod).
 */
import type { Woc } from '../controller/woc.js';
import type { Template } from '../nodes/types.js';
import { getTemplateHolder, resolveTemplateRef } from '../templates/index.js';

/** getStepOrDAGTaskName: `.fanout1(0:1)(0)[0]` → `fanout1` (retry and expansion suffixes dropped, last dotted part). */
export function stepOrTaskName(nodeName: string): string {
  let opener = '';
  let end = -1;
  for (let i = nodeName.length - 1; i >= 0; i--) {
    const ch = nodeName[i];
    if (ch === opener) opener = '';
    else if (opener !== '') continue;
    else if (ch === ')') opener = '(';
    else if (ch === ']') opener = '[';
    else {
      end = i;
      break;
    }
  }
  const name = nodeName.slice(0, end + 1);
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

/** The (unprocessed or processed) template a boundary node runs: GetTemplateByBoundaryID. */
function boundaryTemplate(woc: Woc, boundaryID: string): Template | undefined {
  const node = woc.get(boundaryID);
  if (!node) return undefined;
  const seen = woc.nodeTemplates.get(node.id);
  if (seen) return seen;
  try {
    if (node.templateRef) return resolveTemplateRef(woc.ctx.store, woc.namespace, node.templateRef) as Template;
    const name = node.templateName;
    if (!name) return undefined;
    const scope = node.templateScope ?? '';
    const m = /^(namespaced|cluster)\/(.+)$/.exec(scope);
    if (!m) return woc.template(name);
    const holder = getTemplateHolder(woc.ctx.store, woc.namespace, m[2] ?? '', m[1] === 'cluster');
    return ((holder.spec ?? {}) as { templates?: Template[] }).templates?.find((t) => t.name === name);
  } catch {
    return undefined;
  }
}

const JSON_OF = new WeakMap<Template, string>();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** hasOutputResultRef: the parent template's JSON mentions this step's / task's result. */
export function hasOutputResultRef(name: string, parent: Template): boolean {
  let json = JSON_OF.get(parent);
  if (json === undefined) JSON_OF.set(parent, (json = JSON.stringify(parent)));
  const prefix = parent.dag ? 'tasks' : parent.steps ? 'steps' : '';
  const n = escape(name);
  return new RegExp(`${prefix}\\.${n}\\.outputs\\.result`).test(json) || new RegExp(`${prefix}\\[['"]${n}['"]\\]\\.outputs.result`).test(json);
}

export function includeScriptOutput(woc: Woc, nodeName: string, boundaryID: string): boolean {
  if (!boundaryID) return false;
  const parent = boundaryTemplate(woc, boundaryID);
  return parent !== undefined && hasOutputResultRef(stepOrTaskName(nodeName), parent);
}
