/** The slice of Workflow status the actions read and write, and node field selectors (SelectorMatchesNode). */
import { isObj } from '../../cluster/types.js';
import type { StoredObject } from '../../cluster/types.js';

export interface NodeParam {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
  globalName?: string;
  [k: string]: unknown;
}

export interface Node {
  id: string;
  name: string;
  displayName?: string;
  type: string;
  phase?: string;
  templateName?: string;
  templateRef?: { name?: string; template?: string };
  boundaryID?: string;
  children?: string[];
  outboundNodes?: string[];
  message?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  inputs?: { parameters?: NodeParam[] };
  outputs?: { parameters?: NodeParam[]; [k: string]: unknown };
  nodeFlag?: { retried?: boolean; hooked?: boolean };
  [k: string]: unknown;
}

export type Nodes = Record<string, Node>;

export interface WfStatus {
  phase?: string;
  nodes?: Nodes;
  [k: string]: unknown;
}

export const statusOf = (wf: StoredObject): WfStatus => (isObj(wf.status) ? (wf.status as WfStatus) : {});
export const specOf = (wf: StoredObject): Record<string, unknown> => (isObj(wf.spec) ? (wf.spec as Record<string, unknown>) : {});

export const failedOrError = (n: Node): boolean => n.phase === 'Failed' || n.phase === 'Error';
/** Workflow phases that are final (WorkflowStatus.Fulfilled). */
export const completed = (phase: string | undefined): boolean => phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
export const isActiveSuspendNode = (n: Node): boolean => n.type === 'Suspend' && n.phase === 'Running';
export const templateOfNode = (n: Node): string => n.templateRef?.template ?? n.templateName ?? '';

interface Term {
  key: string;
  op: '=' | '!=';
  value: string;
}

/** fields.ParseSelector: `a=b,c!=d` (also `==`). */
export function parseFieldSelector(sel: string): Term[] {
  const out: Term[] = [];
  for (const raw of sel.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^([^=!]+?)\s*(!=|==|=)\s*(.*)$/.exec(part);
    if (!m) throw new Error(`invalid selector: '${sel}'; can't understand '${part}'`);
    out.push({ key: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() });
  }
  return out;
}

/** SelectorMatchesNode: displayName, templateName, phase, name, id, templateRef.*, inputs.parameters.<p>.value. */
export function selectorMatchesNode(terms: Term[], node: Node): boolean {
  const fields: Record<string, string> = {
    displayName: node.displayName ?? '',
    templateName: templateOfNode(node),
    phase: node.phase ?? '',
    name: node.name,
    id: node.id,
  };
  if (node.templateRef) {
    fields['templateRef.name'] = node.templateRef.name ?? '';
    fields['templateRef.template'] = node.templateRef.template ?? '';
  }
  for (const p of node.inputs?.parameters ?? []) fields[`inputs.parameters.${p.name}.value`] = p.value ?? '';
  return terms.every((t) => ((fields[t.key] ?? '') === t.value) === (t.op === '='));
}

/** FNV-1a 32 over UTF-8, as Go's hash/fnv New32a. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Workflow.NodeID: the workflow name for the root node, `<wf>-<fnv32a(name)>` otherwise. */
export function nodeId(wfName: string, nodeName: string): string {
  return nodeName === wfName ? wfName : `${wfName}-${fnv32a(nodeName)}`;
}

/** util.GeneratePodName (v2): `<wf>-<template>-<fnv32a(nodeName)>`. */
export function podName(wfName: string, nodeName: string, templateName: string): string {
  if (wfName === nodeName) return wfName;
  let prefix = templateName ? `${wfName}-${templateName}` : wfName;
  if (prefix.length > 242) prefix = prefix.slice(0, 242);
  return `${prefix}-${fnv32a(nodeName)}`;
}
