/** `workflow`: a Workflow's phase, and one node's phase, outputs and message (by display or full name). */
import { getPath, isObj } from '../../cluster/types.js';
import type { StoredObject } from '../../cluster/types.js';
import type { Sandbox } from '../../sandbox.js';
import type { WorkflowCheck } from '../types.js';
import { sameValue, show } from './values.js';
import type { Verdict } from './object.js';

type Node = Record<string, unknown>;

function output(node: Node, param: string): unknown {
  const outputs = isObj(node.outputs) ? node.outputs : {};
  if (param === 'result') return outputs.result;
  if (param === 'exitCode') return outputs.exitCode;
  const params = Array.isArray(outputs.parameters) ? outputs.parameters : [];
  const p = params.find((x) => isObj(x) && x.name === param);
  return isObj(p) ? p.value : undefined;
}

function checkNode(wfLabel: string, node: Node, want: NonNullable<WorkflowCheck['node']>): string | undefined {
  const label = `${wfLabel} node ${String(node.displayName ?? node.name)}`;
  if (want.phase !== undefined && node.phase !== want.phase) {
    return `${label}: phase is ${show(node.phase)}, expected ${want.phase}${typeof node.message === 'string' && node.message ? ` (${node.message})` : ''}`;
  }
  for (const [param, value] of Object.entries(want.outputs ?? {})) {
    const actual = output(node, param);
    if (!sameValue(actual, value)) return `${label}: output ${param} is ${show(actual)}, expected ${show(value)}`;
  }
  if (want.message !== undefined && !new RegExp(want.message).test(typeof node.message === 'string' ? node.message : '')) {
    return `${label}: message is ${show(node.message)}, expected to match /${want.message}/`;
  }
  return undefined;
}

/** `undefined` when the workflow meets the check, else why not. */
function checkOne(wf: StoredObject, c: WorkflowCheck): string | undefined {
  const label = `Workflow ${wf.metadata.namespace}/${wf.metadata.name}`;
  const phase = getPath(wf, ['status', 'phase']);
  if (c.phase !== undefined && phase !== c.phase) {
    const msg = getPath(wf, ['status', 'message']);
    return `${label}: status.phase is ${show(phase)}, expected ${c.phase}${typeof msg === 'string' && msg ? ` (${msg})` : ''}`;
  }
  if (!c.node) return undefined;
  const nodes = getPath(wf, ['status', 'nodes']);
  const all = isObj(nodes) ? Object.values(nodes).filter(isObj) : [];
  const candidates = all.filter((n) => n.displayName === c.node!.name || n.name === c.node!.name);
  if (candidates.length === 0) return `${label}: no node named ${c.node.name} yet`;
  let first: string | undefined;
  for (const n of candidates) {
    const why = checkNode(label, n, c.node);
    if (!why) return undefined;
    first ??= why;
  }
  return first;
}

export function checkWorkflow(sandbox: Sandbox, c: WorkflowCheck): Verdict {
  const ns = c.namespace ?? 'default';
  const wfs = sandbox.store
    .list({ group: 'argoproj.io', kind: 'Workflow' }, { namespace: ns })
    .filter((w) => (c.name !== undefined ? w.metadata.name === c.name : w.metadata.name.startsWith(c.namePrefix ?? '')));
  const label = c.name !== undefined ? `Workflow ${ns}/${c.name}` : `Workflow ${ns}/${c.namePrefix}*`;
  if (wfs.length === 0) return { ok: false, reason: `${label} not found` };
  // Newest first: with a prefix, any one meeting the check will do; a failure is told about the newest.
  wfs.sort((a, b) => (a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? 1 : (a.metadata.creationTimestamp ?? '') > (b.metadata.creationTimestamp ?? '') ? -1 : a.metadata.name < b.metadata.name ? 1 : -1);
  let first: string | undefined;
  for (const wf of wfs) {
    const why = checkOne(wf, c);
    if (!why) {
      const parts = [c.phase ? `phase ${c.phase}` : '', c.node ? `node ${c.node.name}${c.node.phase ? ` ${c.node.phase}` : ''}${c.node.outputs ? ` with ${Object.entries(c.node.outputs).map(([k, v]) => `${k}=${show(v)}`).join(', ')}` : ''}` : ''].filter(Boolean);
      return { ok: true, reason: `Workflow ${ns}/${wf.metadata.name}: ${parts.join(', ') || 'exists'}` };
    }
    first ??= why;
  }
  return { ok: false, reason: first ?? `${label} not found` };
}
