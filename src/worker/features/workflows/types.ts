/** What the workflows feature returns to the views (plain, structured-clone-safe data). */
import type { Parameter, Artifact } from '../../../../simulator/workflows/index.js';

export interface WorkflowRow {
  namespace: string;
  name: string;
  /** `Pending` until the controller has seen it. */
  phase: string;
  progress: string;
  startedAt?: number;
  finishedAt?: number;
  /** The entrypoint, or `workflowTemplateRef` name. */
  template: string;
  message?: string;
  suspended: boolean;
  /** The CronWorkflow that created it. */
  cron?: string;
}

export interface GraphNode {
  id: string;
  name: string;
  displayName: string;
  type: string;
  phase: string;
  templateName?: string;
  message?: string;
  startedAt?: number;
  finishedAt?: number;
}

export interface WorkflowGraph {
  /** Changes only when nodes or edges are added or removed: the view's layout key. */
  key: string;
  /** Changes whenever the workflow does (uid@resourceVersion): the view skips re-rendering an unchanged graph. */
  rev: string;
  nodes: GraphNode[];
  /** `[from, to]` node ids. */
  edges: [string, string][];
}

export type WorkflowActionName = 'suspend' | 'resume' | 'stop' | 'terminate' | 'retry' | 'resubmit';

export interface ActionState {
  action: WorkflowActionName;
  enabled: boolean;
  /** Why it is disabled (or what it will do). */
  reason: string;
}

export interface WorkflowSummary extends WorkflowRow {
  uid: string;
  entrypoint?: string;
  actions: ActionState[];
  outputs?: { parameters?: Parameter[]; artifacts?: Artifact[] };
  arguments?: { parameters?: Parameter[] };
  conditions: { type: string; status: string; message?: string }[];
}

export interface NodeDetails extends GraphNode {
  boundaryID?: string;
  children: { id: string; displayName: string; phase: string }[];
  inputs?: { parameters?: Parameter[]; artifacts?: Artifact[] };
  outputs?: { parameters?: Parameter[]; artifacts?: Artifact[]; result?: string; exitCode?: string };
  progress?: string;
  hostNodeName?: string;
  /** Retry attempts (a Retry node's children, or the siblings of an attempt). */
  attempts: { id: string; displayName: string; phase: string; message?: string }[];
  /** The pod that ran this node (Pod nodes), found by its node-id annotation. */
  pod?: { namespace: string; name: string; containers: string[] };
  /** What this kind of node is, for a learner. */
  explain: string;
  /** The workflow controller's events about this node, with their `why`. */
  events: { t: number; reason: string; message: string; why?: string }[];
  /** Node-level actions: retry from here (finished workflows), resume a running suspend node. */
  canRetryFrom: boolean;
  canResume: boolean;
}

export interface CronRow {
  namespace: string;
  name: string;
  schedules: string[];
  /** `CRON_TZ=… expr` as the last-used-schedule annotation has it. */
  scheduleString: string;
  timezone: string;
  concurrencyPolicy: string;
  suspend: boolean;
  startingDeadlineSeconds?: number;
  nextRuns: number[];
  lastScheduledTime?: number;
  active: string[];
  succeeded: number;
  failed: number;
  phase: string;
  conditions: { type: string; status: string; message?: string }[];
  /** Its workflows, newest first. */
  runs: { name: string; phase: string; startedAt?: number; finishedAt?: number }[];
  error?: string;
}
