import { parse } from '../../../support/yaml.js';
import { createSandbox } from '../../../../simulator/index.js';
import type { Sandbox } from '../../../../simulator/index.js';
import type { NodeStatus, WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';

export async function runWorkflow(yaml: string, opts: { maxVirtualMs?: number; sandbox?: Sandbox } = {}): Promise<{ sb: Sandbox; status: WorkflowStatus; byName: (n: string) => NodeStatus }> {
  const sb = opts.sandbox ?? createSandbox({ seed: 7 });
  const wf = parse(yaml);
  wf.metadata.namespace ??= 'default';
  sb.store.create(wf);
  await sb.runUntilSettledAsync({ maxVirtualMs: opts.maxVirtualMs ?? 3_600_000 });
  const got = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: wf.metadata.name });
  const status = (got?.status ?? {}) as WorkflowStatus;
  const byName = (n: string): NodeStatus => {
    const node = Object.values(status.nodes ?? {}).find((x) => x.name === n);
    if (!node) throw new Error(`no node ${n}; have ${Object.values(status.nodes ?? {}).map((x) => x.name).join(', ')}`);
    return node;
  };
  return { sb, status, byName };
}
