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
  /** Whether an unfinished Pod-type node must still be handed to the executor (e.g. it waits for a lock). */
  reexecute?(woc: Woc, node: NodeStatus): boolean;
  execute(woc: Woc, req: ExecuteRequest): NodeStatus;
}

/** An unfinished Pod-type node goes back to its executor when the executor advances it itself. */
export function reexecutes(e: Executor | undefined, woc: Woc, node: NodeStatus): boolean {
  return !!e && (e.podless === true || (e.reexecute?.(woc, node) ?? false));
}

const EXECUTORS = new Map<string, Executor>();

export function registerExecutor(e: Executor): void {
  EXECUTORS.set(e.type, e);
}

export function executorFor(tmpl: Template): Executor | undefined {
  for (const [type, e] of EXECUTORS) if (tmpl[type] !== undefined && tmpl[type] !== null) return e;
  return undefined;
}
