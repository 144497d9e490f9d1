/** `argo list | get | logs | resume | suspend | stop | terminate | node set` for Workflows, through the same actions the argo CLI uses. */
import { humanDuration } from '../../../../simulator/api/tables/index.js';
import { workflowActions } from '../../../../simulator/workflows/actions/index.js';
import type { StoredObject } from '../../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import type { Command } from './parse.js';
import { table } from './parse.js';
import { argoNode } from './argoNode.js';

const HELP = 'Usage: argo list | get NAME | logs NAME | resume NAME | suspend NAME | stop NAME | terminate NAME | node set NAME --node-field-selector SEL [--output-parameter K=V…] [--message M] [--phase P] [-n NAMESPACE]';

interface WfNode {
  id: string;
  displayName?: string;
  type?: string;
  phase?: string;
  templateName?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

interface WfStatus {
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  nodes?: Record<string, WfNode>;
}

const statusOf = (o: StoredObject): WfStatus => (o.status ?? {}) as WfStatus;

function took(world: Sandbox, from?: string, to?: string): string {
  if (!from) return '';
  const end = to ? Date.parse(to) : world.now();
  return humanDuration(Math.max(0, end - Date.parse(from)));
}

export function argo(world: Sandbox, c: Command): string {
  const namespace = typeof c.flags.namespace === 'string' ? c.flags.namespace : 'default';
  const verb = c.args[0] ?? '';
  const name = c.args[1] ?? '';
  const get = () => {
    if (!name) throw new Error(`${HELP}\nerror: NAME is required`);
    const o = world.store.get({ group: 'argoproj.io', kind: 'Workflow', namespace, name });
    if (!o) throw new Error(`Error: workflows.argoproj.io "${name}" not found`);
    return o;
  };
  const actions = workflowActions(world, namespace);
  switch (verb) {
    case 'list': {
      const all = c.flags['all-namespaces'] === true;
      const wfs = world.store.list({ group: 'argoproj.io', kind: 'Workflow' }, all ? {} : { namespace });
      if (wfs.length === 0) return 'No workflows found';
      return table(
        [...(all ? ['NAMESPACE'] : []), 'NAME', 'STATUS', 'AGE', 'DURATION', 'MESSAGE'],
        wfs.map((o) => {
          const st = statusOf(o);
          return [...(all ? [o.metadata.namespace ?? ''] : []), o.metadata.name, st.phase || 'Pending', humanDuration(world.now() - Date.parse(o.metadata.creationTimestamp)), took(world, st.startedAt, st.finishedAt), st.message ?? ''];
        }),
      );
    }
    case 'get': {
      const o = get();
      const st = statusOf(o);
      const lines = [
        `Name:                ${o.metadata.name}`,
        `Namespace:           ${o.metadata.namespace ?? ''}`,
        `Status:              ${st.phase || 'Pending'}`,
        ...(st.message ? [`Message:             ${st.message}`] : []),
        `Created:             ${o.metadata.creationTimestamp}`,
        ...(st.startedAt ? [`Started:             ${st.startedAt}`] : []),
        ...(st.finishedAt ? [`Finished:            ${st.finishedAt}`] : []),
        ...(st.startedAt ? [`Duration:            ${took(world, st.startedAt, st.finishedAt)}`] : []),
      ];
      const nodes = Object.values(st.nodes ?? {}).sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
      if (nodes.length > 0) {
        lines.push('', table(['STEP', 'TYPE', 'PHASE', 'TEMPLATE', 'DURATION', 'MESSAGE'], nodes.map((n) => [n.displayName ?? n.id, n.type ?? '', n.phase ?? '', n.templateName ?? '', took(world, n.startedAt, n.finishedAt), n.message ?? ''])));
      }
      return lines.join('\n');
    }
    case 'logs': {
      get();
      const pods = world.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: `workflows.argoproj.io/workflow=${name}` });
      const out: string[] = [];
      for (const p of pods.sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp))) {
        for (const line of world.podLogs.read(namespace, p.metadata.name, 'main')) out.push(`${p.metadata.name}: ${line.text}`);
      }
      return out.join('\n');
    }
    case 'resume':
      get();
      actions.resume(name);
      return `workflow ${name} resumed`;
    case 'suspend':
      get();
      actions.suspend(name);
      return `workflow ${name} suspended`;
    case 'stop':
      get();
      actions.stop(name);
      return `workflow ${name} stopped`;
    case 'terminate':
      get();
      actions.terminate(name);
      return `workflow ${name} terminated`;
    case 'node':
      return argoNode(world, c, namespace);
    default:
      return HELP;
  }
}
