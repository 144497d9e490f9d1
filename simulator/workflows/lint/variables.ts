/**
 * resolveAllVariables: every `{{tag}}` with a workflow root prefix must be in scope (fasttemplate tags;
 * `{{= expr }}` expressions are not checked, as upstream).
 */

export type Scope = Set<string>;

const ROOTS = ['item.', 'steps.', 'inputs.', 'outputs.', 'pod.', 'workflow.', 'tasks.'];
export const ANY_ITEM = '__anyItem__';
export const ANY_WF_OUTPUT_PARAM = '__anyWorkflowOutputParameter__';
export const ANY_WF_OUTPUT_ARTIFACT = '__anyWorkflowOutputArtifact__';

/** Each tag between `{{` and `}}` (fasttemplate: no nesting; an unclosed tag ends the scan). */
export function tagsOf(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const s = text.indexOf('{{', i);
    if (s < 0) break;
    const e = text.indexOf('}}', s + 2);
    if (e < 0) break;
    out.push(text.slice(s + 2, e));
    i = e + 2;
  }
  return out;
}

/** The first unresolvable tag as Argo words it, or undefined. */
export function unresolved(scope: Scope, globals: Scope, text: string, wftValidation: boolean): string | undefined {
  for (const tag of tagsOf(text)) {
    const t = tag.trim();
    if (t.startsWith('=')) continue; // expression templates are not validated
    if (!ROOTS.some((r) => t.startsWith(r))) continue; // custom variables
    if (scope.has(t) || globals.has(t)) continue;
    if ((t === 'item' || t.startsWith('item.')) && scope.has(ANY_ITEM)) continue;
    if (t.startsWith('workflow.outputs.parameters.') && scope.has(ANY_WF_OUTPUT_PARAM)) continue;
    if (t.startsWith('workflow.outputs.artifacts.') && scope.has(ANY_WF_OUTPUT_ARTIFACT)) continue;
    if (t.startsWith('outputs.')) continue;
    const runtime = ['workflow.creationTimestamp', 'workflow.scheduledTime', 'workflow.duration', 'tasks.name', 'steps.name', 'node.name'];
    if (runtime.some((p) => t.startsWith(p))) continue;
    if (t.startsWith('workflow.parameters') && wftValidation) continue;
    return `failed to resolve {{${tag}}}`;
  }
  return undefined;
}

/** Go's json.Marshal output is what upstream scans; for our purpose any JSON text of the object will do. */
export const jsonText = (v: unknown): string => JSON.stringify(v) ?? '';
