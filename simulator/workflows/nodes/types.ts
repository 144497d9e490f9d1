/**
 * The Workflow shapes the controller reads and writes, with Argo's own field names
 * (pkg/apis/workflow/v1alpha1). Specs come from user YAML, so every field is optional and read defensively.
 */
export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Skipped' | 'Omitted';
export type NodeType =
  | 'Pod'
  | 'Container'
  | 'Steps'
  | 'StepGroup'
  | 'DAG'
  | 'TaskGroup'
  | 'Retry'
  | 'Skipped'
  | 'Suspend'
  | 'HTTP'
  | 'Plugin';
export type WorkflowPhase = '' | 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

export interface Parameter {
  name: string;
  value?: string;
  default?: string;
  enum?: string[];
  description?: string;
  globalName?: string;
  valueFrom?: {
    path?: string;
    jsonPath?: string;
    jqFilter?: string;
    expression?: string;
    parameter?: string;
    default?: string;
    supplied?: Record<string, unknown>;
    event?: string;
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

/** An artifact: `path`/`from`/`optional` plus a location (s3, gcs, raw…) kept as data. */
export interface Artifact {
  name: string;
  path?: string;
  from?: string;
  fromExpression?: string;
  optional?: boolean;
  globalName?: string;
  mode?: number;
  [field: string]: unknown;
}

export interface Inputs {
  parameters?: Parameter[];
  artifacts?: Artifact[];
}

export interface Outputs {
  parameters?: Parameter[];
  artifacts?: Artifact[];
  result?: string;
  exitCode?: string;
}

export interface Arguments {
  parameters?: Parameter[];
  artifacts?: Artifact[];
}

export interface TemplateRef {
  name: string;
  template: string;
  clusterScope?: boolean;
}

export interface LifecycleHook {
  template?: string;
  templateRef?: TemplateRef;
  arguments?: Arguments;
  expression?: string;
}

export interface Sequence {
  count?: string | number;
  start?: string | number;
  end?: string | number;
  format?: string;
}

export interface WorkflowStep {
  name?: string;
  template?: string;
  templateRef?: TemplateRef;
  inline?: Template;
  arguments?: Arguments;
  when?: string;
  withItems?: unknown[];
  withParam?: string;
  withSequence?: Sequence;
  continueOn?: { failed?: boolean; error?: boolean };
  onExit?: string;
  hooks?: Record<string, LifecycleHook>;
}

export interface DagTask extends WorkflowStep {
  name: string;
  dependencies?: string[];
  depends?: string;
}

export interface RetryStrategy {
  limit?: number | string;
  retryPolicy?: 'Always' | 'OnFailure' | 'OnError' | 'OnTransientError';
  backoff?: { duration?: string | number; factor?: number | string; maxDuration?: string; cap?: string };
  expression?: string;
  affinity?: unknown;
}

export type Container = Record<string, unknown> & {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
};

export interface Template {
  name?: string;
  inputs?: Inputs;
  outputs?: Outputs;
  container?: Container;
  script?: Container & { source?: string };
  containerSet?: { containers?: (Container & { dependencies?: string[] })[]; volumeMounts?: unknown[]; retryStrategy?: unknown };
  steps?: WorkflowStep[][];
  dag?: { tasks?: DagTask[]; target?: string; failFast?: boolean };
  suspend?: { duration?: string | number };
  resource?: Record<string, unknown>;
  http?: Record<string, unknown>;
  data?: Record<string, unknown>;
  plugin?: Record<string, unknown>;
  retryStrategy?: RetryStrategy;
  activeDeadlineSeconds?: number | string;
  timeout?: string;
  parallelism?: number;
  failFast?: boolean;
  daemon?: boolean;
  priority?: number;
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  initContainers?: Container[];
  sidecars?: Container[];
  volumes?: unknown[];
  nodeSelector?: Record<string, string>;
  serviceAccountName?: string;
  podSpecPatch?: string;
  archiveLocation?: Record<string, unknown>;
  synchronization?: unknown;
  memoize?: unknown;
  hooks?: Record<string, LifecycleHook>;
  [field: string]: unknown;
}

export interface NodeStatus {
  id: string;
  name: string;
  displayName: string;
  type: NodeType;
  templateName?: string;
  templateRef?: TemplateRef;
  templateScope?: string;
  phase: NodePhase;
  boundaryID?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  estimatedDuration?: number;
  progress?: string;
  resourcesDuration?: Record<string, number>;
  podIP?: string;
  daemoned?: boolean;
  inputs?: Inputs;
  outputs?: Outputs;
  children?: string[];
  outboundNodes?: string[];
  hostNodeName?: string;
  nodeFlag?: { hooked?: boolean; retried?: boolean };
  /** Argo ≥3.4: a Pod node is fulfilled only once its WorkflowTaskResult has been read. */
  taskResultSynced?: boolean;
}

export interface WorkflowSpec {
  entrypoint?: string;
  templates?: Template[];
  arguments?: Arguments;
  onExit?: string;
  hooks?: Record<string, LifecycleHook>;
  parallelism?: number;
  activeDeadlineSeconds?: number;
  shutdown?: string;
  suspend?: boolean;
  serviceAccountName?: string;
  priority?: number;
  podGC?: unknown;
  ttlStrategy?: unknown;
  workflowTemplateRef?: { name: string; clusterScope?: boolean };
  templateDefaults?: Template;
  retryStrategy?: RetryStrategy;
  failFast?: boolean;
  volumes?: unknown[];
  volumeClaimTemplates?: unknown[];
  nodeSelector?: Record<string, string>;
  podMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  artifactRepositoryRef?: unknown;
  [field: string]: unknown;
}

export interface Condition {
  type: string;
  status: string;
  message?: string;
}

export interface WorkflowStatus {
  phase?: WorkflowPhase;
  startedAt?: string;
  finishedAt?: string;
  estimatedDuration?: number;
  progress?: string;
  message?: string;
  nodes?: Record<string, NodeStatus>;
  outputs?: Outputs;
  conditions?: Condition[];
  resourcesDuration?: Record<string, number>;
  storedTemplates?: Record<string, Template>;
  storedWorkflowTemplateSpec?: WorkflowSpec;
  taskResultsCompletionStatus?: Record<string, boolean>;
  artifactRepositoryRef?: Record<string, unknown>;
  [field: string]: unknown;
}

export const fulfilled = (p: NodePhase | undefined): boolean =>
  p === 'Succeeded' || p === 'Failed' || p === 'Error' || p === 'Skipped' || p === 'Omitted';
export const completed = (p: NodePhase | undefined): boolean => p === 'Succeeded' || p === 'Failed' || p === 'Error';
export const failedOrError = (p: NodePhase | undefined): boolean => p === 'Failed' || p === 'Error';

/** NodeStatus.Fulfilled: finished, or a daemon that is up (daemoned and past Pending). */
export const nodeDone = (n: { phase: NodePhase; daemoned?: boolean }): boolean => fulfilled(n.phase) || (n.daemoned === true && n.phase !== 'Pending');
