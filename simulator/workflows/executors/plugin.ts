/**
 * Executor-plugin templates (`plugin: {<name>: {...}}`; upstream the agent pod calls the plugin's
 * sidecar over HTTP). The sandbox runs no plugin: it looks for the plugin's ConfigMap
 * `<name>-executor-plugin` (label `workflows.argoproj.io/configmap-type: ExecutorPlugin`) in the
 * workflow's namespace, then `argo`, and answers with its configured stub reply, data key
 * `sandbox.reply` (YAML/JSON: `phase`, `message`, `outputs`). Node type `Plugin`; the message always
 * says the reply was stubbed.
 */
import { load } from 'js-yaml';
import type { Woc } from '../controller/woc.js';
import { fulfilled } from '../nodes/types.js';
import type { NodePhase, NodeStatus, Outputs } from '../nodes/types.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

export const PLUGIN_CONFIGMAP_TYPE = 'ExecutorPlugin';
export const STUB_REPLY_KEY = 'sandbox.reply';
const PHASES: NodePhase[] = ['Succeeded', 'Failed', 'Error'];

export interface StubReply {
  phase: NodePhase;
  message: string;
  outputs?: Outputs;
}

/** The stub reply for a plugin, or undefined when the plugin is not installed. */
export function pluginReply(woc: Woc, plugin: string): StubReply | undefined {
  for (const ns of woc.namespace === 'argo' ? ['argo'] : [woc.namespace, 'argo']) {
    const cm = woc.ctx.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: `${plugin}-executor-plugin` });
    if (!cm || cm.metadata.labels?.['workflows.argoproj.io/configmap-type'] !== PLUGIN_CONFIGMAP_TYPE) continue;
    const raw = (cm.data as Record<string, unknown> | undefined)?.[STUB_REPLY_KEY];
    const stub = `sandbox stub: executor plugin ${plugin} (${ns}/${cm.metadata.name}) was not run`;
    if (typeof raw !== 'string') return { phase: 'Succeeded', message: stub };
    let v: unknown;
    try {
      v = load(raw);
    } catch (e) {
      return { phase: 'Error', message: `${stub}; ${STUB_REPLY_KEY} is not valid YAML: ${e instanceof Error ? e.message : String(e)}` };
    }
    const o = (v && typeof v === 'object' ? v : {}) as { phase?: string; message?: string; outputs?: Outputs };
    const phase = PHASES.includes(o.phase as NodePhase) ? (o.phase as NodePhase) : 'Succeeded';
    return { phase, message: o.message ? `${o.message} (${stub})` : stub, outputs: o.outputs };
  }
  return undefined;
}

function executePlugin(woc: Woc, req: ExecuteRequest): NodeStatus {
  let node = woc.byName(req.nodeName);
  if (node && fulfilled(node.phase)) return node;
  node ??= woc.initNode(req.nodeName, 'Plugin', 'Pending', {
    templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : req.tmpl.name),
    templateRef: req.orgTmpl.templateRef,
    templateScope: req.templateScope,
    boundaryID: req.boundaryID,
    nodeFlag: req.nodeFlag,
  });
  const names = Object.keys(req.tmpl.plugin ?? {});
  const reply = names.length === 1 ? pluginReply(woc, names[0]!) : undefined;
  if (!reply) return woc.markNode(node, 'Failed', 'no plugin executed the template');
  if (reply.outputs) node.outputs = reply.outputs;
  woc.ctx.record({
    involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
    reason: 'PluginStubbed',
    message: `${req.nodeName}: ${reply.message}`,
    why: 'Executor plugins are sidecars the sandbox does not run; the reply comes from the plugin ConfigMap.',
  });
  return woc.markNode(node, reply.phase, reply.message);
}

registerExecutor({ type: 'plugin', execute: executePlugin });
