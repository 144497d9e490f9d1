/**
 * resolveAllVariables: every `{{tag}}` with a workflow root prefix must be in scope (fasttemplate tags;
 * `{{= expr }}` expressions are not checked, as upstream).
 */

export type Scope = Set<string>;

const ROOTS = ['item.', 'steps.', 'inputs.', 'outputs.', 'pod.', 'workflow.', 'tasks.'];
export const ANY_ITEM = '__anyItem__';
export const ANY_WF_OUTPUT_PARAM = '__anyWorkflowOutputParameter__';
export const ANY_WF_OUTPUT_ARTIFACT = '__anyWorkflowOutputArtifact__';
/** Scope markers (`steps.<name>` + marker) standing for several fields of a step's or task's node. */
export const NODE_FIELDS = '.@node';
export const RESULT_FIELDS = '.@result';
const NODE_FIELD_NAMES = new Set(['id', 'startedAt', 'finishedAt', 'hostNodeName']);

/** `steps.<name>.<field>` / `tasks.<name>.<field>` covered by a marker. */
function markerFor(t: string): string | undefined {
  if (!t.startsWith('steps.') && !t.startsWith('tasks.')) return undefined;
  const dot = t.indexOf('.', 6);
  if (dot < 0) return undefined;
  const base = t.slice(0, dot);
  const field = t.slice(dot + 1);
  if (NODE_FIELD_NAMES.has(field)) return base + NODE_FIELDS;
  if (field === 'outputs.result' || field === 'exitCode') return base + RESULT_FIELDS;
  return undefined;
}

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

/**
 * The first unresolvable tag as Argo words it, or undefined. `scope` may be layers (a shared scope plus a
 * step's or task's own additions) so big templates are not copied per step.
 */
export function unresolved(scope: Scope | Scope[], globals: Scope, text: string, wftValidation: boolean): string | undefined {
  if (!text.includes('{{')) return undefined;
  const layers = Array.isArray(scope) ? scope : [scope];
  const has = (t: string) => {
    if (layers.some((l) => l.has(t))) return true;
    const m = markerFor(t);
    return m !== undefined && layers.some((l) => l.has(m));
  };
  for (const tag of tagsOf(text)) {
    const t = tag.trim();
    if (t.startsWith('=')) continue; // expression templates are not validated
    if (!ROOTS.some((r) => t.startsWith(r))) continue; // custom variables
    if (has(t) || globals.has(t)) continue;
    if ((t === 'item' || t.startsWith('item.')) && has(ANY_ITEM)) continue;
    if (t.startsWith('workflow.outputs.parameters.') && has(ANY_WF_OUTPUT_PARAM)) continue;
    if (t.startsWith('workflow.outputs.artifacts.') && has(ANY_WF_OUTPUT_ARTIFACT)) continue;
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
