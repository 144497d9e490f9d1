/** `workflow`: what `argo suspend|resume|stop|terminate|retry|resubmit` does (the operator acts on the change). */
import { workflowActions } from '../../workflows/actions/index.js';
import type { LabWorld } from '../world.js';
import type { Action } from '../types.js';
import type { ActionResult } from './types.js';

type WorkflowSpec = Extract<Action, { workflow: unknown }>['workflow'];

export function workflowAction(world: LabWorld, spec: WorkflowSpec): ActionResult {
  const ns = spec.namespace ?? 'default';
  const sel = spec.nodeFieldSelector;
  const action = `argo ${spec.action} ${spec.name} -n ${ns}${sel ? ` --node-field-selector ${sel}` : ''}`;
  const act = workflowActions(world.sandbox, ns);
  try {
    switch (spec.action) {
      case 'resume':
        act.resume(spec.name, sel);
        break;
      case 'suspend':
        act.suspend(spec.name);
        break;
      case 'stop':
        act.stop(spec.name, sel ? { nodeFieldSelector: sel } : {});
        break;
      case 'terminate':
        act.terminate(spec.name);
        break;
      case 'retry':
        act.retry(spec.name, sel ? { nodeFieldSelector: sel } : {});
        break;
      case 'resubmit': {
        const wf = act.resubmit(spec.name);
        return { action, ok: true, note: `workflow ${wf.metadata.name} submitted` };
      }
    }
    return { action, ok: true };
  } catch (err) {
    return { action, ok: false, error: (err as Error).message };
  }
}
