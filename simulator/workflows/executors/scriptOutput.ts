/**
 * includeScriptOutput (operator.go): argoexec wait keeps a pod's stdout as `outputs.result` only when
 * the enclosing steps/DAG template references `steps.<name>.outputs.result` or
 * `tasks['<name>'].outputs.result` (ARGO_INCLUDE_SCRIPT_OUTPUT on the pod).
 */
import type { Woc } from '../controller/woc.js';
import type { Template } from '../nodes/types.js';
import { boundaryTemplateOf } from './scheduling.js';

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

/** Names whose result a parent template references, found once per template (it is scanned for every pod). */
const REFERENCED = new WeakMap<Template, Set<string>>();
const NOT_NAME = /[\s"'{}[\]\\]/;

function referencedResults(parent: Template): Set<string> {
  let names = REFERENCED.get(parent);
  if (names) return names;
  names = new Set<string>();
  const json = JSON.stringify(parent);
  const prefix = parent.dag ? 'tasks' : parent.steps ? 'steps' : '';
  // `<prefix>.<name>.outputs.result`: every name (a run of name characters) ending right before it.
  const dotted = `${prefix}.`;
  for (let p = json.indexOf('.outputs.result'); p >= 0; p = json.indexOf('.outputs.result', p + 1)) {
    for (let k = p - 1; k >= 0 && !NOT_NAME.test(json[k] as string); k--) {
      if (json.startsWith(dotted, k - dotted.length)) names.add(json.slice(k, p));
    }
  }
  // `<prefix>['<name>'].outputs.result`
  const bracket = new RegExp(`${prefix}\\[['"]([^'"]*)['"]\\]\\.outputs.result`, 'g');
  for (const m of json.matchAll(bracket)) names.add(m[1] ?? '');
  REFERENCED.set(parent, names);
  return names;
}

/** hasOutputResultRef: the parent template's JSON mentions this step's / task's result. */
export function hasOutputResultRef(name: string, parent: Template): boolean {
  return referencedResults(parent).has(name);
}

export function includeScriptOutput(woc: Woc, nodeName: string, boundaryID: string): boolean {
  if (!boundaryID) return false;
  const parent = boundaryTemplateOf(woc, boundaryID);
  return parent !== undefined && hasOutputResultRef(stepOrTaskName(nodeName), parent);
}
