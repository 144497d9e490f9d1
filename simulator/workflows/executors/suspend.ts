/**
 * Suspend templates (operator.go executeSuspend): the node waits until resumed (`argo resume` sets it
 * Succeeded) or its `duration` elapses in virtual time.
 */
import { parseDuration } from '../../core/clock.js';
import type { Woc } from '../controller/woc.js';
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus, Parameter, Template } from '../nodes/types.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

/** A suspend duration: seconds as a number or digits, or a Go-style duration (`10s`, `1m`). */
export function suspendDurationMs(d: string | number | undefined): number | undefined {
  if (d === undefined || d === '') return undefined;
  if (typeof d === 'number') return d * 1000;
  if (/^\d+$/.test(d.trim())) return Number(d.trim()) * 1000;
  return parseDuration(d.trim());
}

/**
 * addRawOutputFields: a suspend node carries its `valueFrom.supplied` outputs from the start, so `argo node set`
 * can fill them while it waits. With no default of its own, an input of the same name lends its default.
 */
export function rawOutputFields(tmpl: Template): Parameter[] | undefined {
  const supplied = (tmpl.outputs?.parameters ?? []).filter((p) => p.valueFrom?.supplied !== undefined && p.valueFrom.supplied !== null);
  if (!supplied.length) return undefined;
  return supplied.map((p) => {
    const param = { ...p, valueFrom: { ...p.valueFrom } } as Parameter;
    if (param.valueFrom!.default === undefined) {
      const input = tmpl.inputs?.parameters?.find((i) => i.name === p.name && i.default !== undefined);
      if (input) param.valueFrom!.default = input.default;
    }
    return param;
  });
}

/** OverrideOutputParametersWithDefault: a supplied output nobody set takes its default, or the node cannot finish. */
export function overrideOutputsWithDefault(params: Parameter[] | undefined): Parameter[] | undefined {
  return params?.map((p) => {
    if (!p.valueFrom || p.valueFrom.supplied === undefined) return p;
    if (p.valueFrom.default === undefined) throw new Error(`raw output parameter '${p.name}' has not been set and does not have a default value`);
    const { valueFrom: _drop, ...rest } = p;
    return { ...rest, value: String(p.valueFrom.default) };
  });
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
    const raw = rawOutputFields(req.tmpl);
    if (raw) node.outputs = { ...node.outputs, parameters: raw };
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
      // Auto-resume: supplied outputs nobody set fall back to their defaults; without one the node errors.
      if (node.outputs?.parameters) {
        try {
          node.outputs = { ...node.outputs, parameters: overrideOutputsWithDefault(node.outputs.parameters) };
        } catch (e) {
          return woc.markNode(node, 'Error', e instanceof Error ? e.message : String(e));
        }
      }
      return woc.markNode(node, 'Succeeded', '');
    }
    woc.requeue(due - woc.now());
  }
  if (node.phase === 'Pending') woc.markNode(node, 'Running');
  return node;
}

registerExecutor({ type: 'suspend', execute: executeSuspend });
