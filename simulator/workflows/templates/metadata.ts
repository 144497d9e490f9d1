/**
 * Workflow metadata from templates: `spec.workflowMetadata` (labels, annotations, labelsFrom expressions) as the
 * operator's updateWorkflowMetadata applies it, and the Workflow objects `argo submit --from` creates
 * (NewWorkflowFromWorkflowTemplate) with their `generateName`.
 */
import { argoEnv, evaluate as evaluateExpr } from '../../expr/index.js';
import { isObj } from '../../cluster/types.js';
import type { KubeObject } from '../../cluster/types.js';
import { LABEL_CLUSTER_WORKFLOW_TEMPLATE, LABEL_WORKFLOW_TEMPLATE, WF_API } from './resolve.js';
import type { Dict } from './merge.js';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** validation.IsValidLabelValue, joined with `;` like Argo's messages. */
export function labelValueProblems(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) out.push(LABEL_VALUE_MSG);
  return out;
}

/** An expression evaluator (expr-lang) over flat global parameters (`workflow.parameters.x` …). */
export type Evaluate = (expression: string, env: Record<string, unknown>) => unknown;

/** The default: expr-lang over Argo's environment (dotted names expanded, sprig and Argo functions). */
export const argoEvaluate: Evaluate = (expression, env) => evaluateExpr(expression, argoEnv(env));

export interface WorkflowMetadataResult {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Global parameters the metadata defines: `workflow.labels.<k>`, `workflow.annotations.<k>`. */
  params: Record<string, string>;
}

const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : String(x);
  return out;
};

/**
 * updateWorkflowMetadata: labels and annotations from `workflowMetadata` added to the workflow's, then each
 * `labelsFrom.<k>.expression` evaluated over the global parameters (must yield a valid label string). Throws an
 * Error with Argo's wording; the operator marks the workflow Error with it.
 */
export function workflowMetadata(
  wf: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } },
  execSpec: Dict,
  globals: Record<string, unknown> = {},
  evaluate: Evaluate = argoEvaluate,
): WorkflowMetadataResult {
  const labels = { ...(wf.metadata.labels ?? {}) };
  const annotations = { ...(wf.metadata.annotations ?? {}) };
  const params: Record<string, string> = {};
  const md = isObj(execSpec.workflowMetadata) ? execSpec.workflowMetadata : undefined;
  if (!md) return { labels, annotations, params };
  for (const [n, v] of Object.entries(strMap(md.labels))) {
    const errs = labelValueProblems(v);
    if (errs.length) throw new Error(`invalid label value "${v}" for label "${n}": ${errs.join(';')}`);
    labels[n] = v;
    params[`workflow.labels.${n}`] = v;
  }
  for (const [n, v] of Object.entries(strMap(md.annotations))) {
    annotations[n] = v;
    params[`workflow.annotations.${n}`] = v;
  }
  const from = isObj(md.labelsFrom) ? md.labelsFrom : {};
  const names = Object.keys(from);
  const env = { ...globals, ...params };
  for (const n of names) {
    const f = from[n];
    const expression = isObj(f) && typeof f.expression === 'string' ? f.expression : '';
    let r: unknown;
    try {
      r = evaluate(expression, env);
    } catch (e) {
      throw new Error(`failed to evaluate label "${n}" expression "${expression}": ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof r !== 'string') throw new Error(`failed to evaluate label "${n}" expression "${expression}" evaluted to ${goTypeName(r)} but must be a string`);
    const errs = labelValueProblems(r);
    if (errs.length) throw new Error(`invalid label value "${r}" for label "${n}" and expression "${expression}": ${errs.join(';')}`);
    labels[n] = r;
    params[`workflow.labels.${n}`] = r;
  }
  return { labels, annotations, params };
}

/** Go's `%T` for values an expression can yield. */
function goTypeName(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** `generateName` for workflows made from a template or cron workflow: `<name>-`. */
export function generateNameFor(name: string): string {
  return `${name}-`;
}

/** NewWorkflowFromWorkflowTemplate: a Workflow that runs the template through `workflowTemplateRef`. */
export function newWorkflowFromTemplate(templateName: string, clusterScope: boolean, namespace: string): KubeObject {
  return {
    apiVersion: WF_API,
    kind: 'Workflow',
    metadata: {
      generateName: generateNameFor(templateName),
      namespace,
      labels: { [clusterScope ? LABEL_CLUSTER_WORKFLOW_TEMPLATE : LABEL_WORKFLOW_TEMPLATE]: templateName },
    },
    spec: { workflowTemplateRef: clusterScope ? { name: templateName, clusterScope: true } : { name: templateName } },
  };
}
