/**
 * One interface for every leaf template type (container, script, suspend, resource, http, data,
 * containerSet, plugin): `execute` creates or advances the node for an already-processed template.
 * Executors for further types slot in through `registerExecutor`.
 */
import type { Woc } from '../controller/woc.js';
import type { NodeFlagLike } from './flags.js';
import type { NodeStatus, Template, WorkflowStep } from '../nodes/types.js';

export interface ExecuteRequest {
  nodeName: string;
  templateScope: string;
  /** The processed template (arguments resolved, variables substituted). */
  tmpl: Template;
  /** What referenced it (a step, task or the entrypoint). */
  orgTmpl: WorkflowStep;
  boundaryID: string;
  nodeFlag?: NodeFlagLike;
}

export interface Executor {
  /** Template field that selects this executor: `container`, `script`, `suspend`… */
  type: string;
  /** Runs without a pod in the sandbox: called on every reconcile to advance its own node. */
  podless?: boolean;
  execute(woc: Woc, req: ExecuteRequest): NodeStatus;
}

const EXECUTORS = new Map<string, Executor>();

export function registerExecutor(e: Executor): void {
  EXECUTORS.set(e.type, e);
}

export function executorFor(tmpl: Template): Executor | undefined {
  for (const [type, e] of EXECUTORS) if (tmpl[type] !== undefined && tmpl[type] !== null) return e;
  return undefined;
}
