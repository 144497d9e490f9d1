/**
 * What `argo` CLI / server actions do to a Workflow: suspend, resume, stop, terminate, retry, resubmit,
 * submit --from, node set. They only write objects; the workflow controller acts on the change.
 */
export { suspend, resume, stop, terminate, setOutputs, updateSuspendedNodes, getWorkflow } from './control.js';
export type { ActionWorld, NodeValues } from './control.js';
export { retry, formulateRetryWorkflow } from './retry.js';
export type { RetryOptions, RetryResult } from './retry.js';
export { resubmit, formulateResubmitWorkflow, submitFrom, LABEL_PREVIOUS_WORKFLOW } from './resubmit.js';
export type { SubmitFromKind } from './resubmit.js';
export { parseFieldSelector, selectorMatchesNode, nodeId, podName } from './nodes.js';

import type { Rng } from '../../core/rng.js';
import { resume, setOutputs, stop, suspend, terminate } from './control.js';
import type { ActionWorld, NodeValues } from './control.js';
import { retry } from './retry.js';
import type { RetryOptions } from './retry.js';
import { resubmit, submitFrom } from './resubmit.js';
import type { SubmitFromKind } from './resubmit.js';

/** The actions bound to one namespace of a world (a Sandbox fits `world`), named like the argo CLI. */
export function workflowActions(world: ActionWorld & { rng?: Rng }, namespace = 'default') {
  return {
    suspend: (name: string) => suspend(world, namespace, name),
    resume: (name: string, nodeFieldSelector?: string) => resume(world, namespace, name, nodeFieldSelector),
    stop: (name: string, opts?: { nodeFieldSelector?: string; message?: string }) => stop(world, namespace, name, opts),
    terminate: (name: string) => terminate(world, namespace, name),
    retry: (name: string, opts?: RetryOptions) => retry(world, namespace, name, opts),
    resubmit: (name: string, memoized = false) => resubmit(world, namespace, name, { memoized }),
    submitFrom: (kind: SubmitFromKind, name: string, opts?: { entrypoint?: string; parameters?: Record<string, string> }) => submitFrom(world, namespace, kind, name, opts),
    setOutputs: (name: string, nodeFieldSelector: string, values: NodeValues) => setOutputs(world, namespace, name, nodeFieldSelector, values),
  };
}
