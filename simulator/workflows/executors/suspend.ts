/**
 * Suspend templates (operator.go executeSuspend): the node waits until resumed (`argo resume` sets it
 * Succeeded) or its `duration` elapses in virtual time.
 */
import { parseDuration } from '../../core/clock.js';
import type { Woc } from '../controller/woc.js';
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus } from '../nodes/types.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

/** A suspend duration: seconds as a number or digits, or a Go-style duration (`10s`, `1m`). */
export function suspendDurationMs(d: string | number | undefined): number | undefined {
  if (d === undefined || d === '') return undefined;
  if (typeof d === 'number') return d * 1000;
  if (/^\d+$/.test(d.trim())) return Number(d.trim()) * 1000;
  return parseDuration(d.trim());
}

function executeSuspend(woc: Woc, req: ExecuteRequest): NodeStatus {
  let node = woc.byName(req.nodeName);
  if (!node) {
    node = woc.initNode(req.nodeName, 'Suspend', 'Pending', {
      templateName: req.orgTmpl.template ?? req.tmpl.name,
      templateRef: req.orgTmpl.templateRef,
      templateScope: req.templateScope,
      boundaryID: req.boundaryID,
      nodeFlag: req.nodeFlag,
    });
    if (req.tmpl.inputs && (req.tmpl.inputs.parameters?.length || req.tmpl.inputs.artifacts?.length)) node.inputs = req.tmpl.inputs;
    woc.ctx.record({
      involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
      reason: 'WorkflowNodeSuspended',
      message: `node ${req.nodeName} suspended`,
      why: 'A suspend template pauses here until `argo resume` (or its duration passes).',
    });
  }
  if (fulfilled(node.phase)) return node;
  const ms = suspendDurationMs(req.tmpl.suspend?.duration);
  if (ms !== undefined) {
    const started = Date.parse(node.startedAt ?? woc.iso());
    const due = started + ms;
    if (woc.now() >= due) {
      // Outputs of a timed-out suspend come from their defaults (supplied values never arrived).
      const params = req.tmpl.outputs?.parameters;
      if (params?.length) {
        node.outputs = { parameters: params.map((p) => ({ name: p.name, ...(p.value !== undefined ? { value: p.value } : p.valueFrom?.default !== undefined ? { value: p.valueFrom.default } : {}) })) };
      }
      return woc.markNode(node, 'Succeeded', '');
    }
    woc.requeue(due - woc.now());
  }
  if (node.phase === 'Pending') woc.markNode(node, 'Running');
  return node;
}

registerExecutor({ type: 'suspend', execute: executeSuspend });
