/** What a container's process does, as data the kubelet plays in virtual time. */
import type { ArtifactReader, StoredArtifact } from '../artifacts/index.js';
import type { LocalServer, PodNetwork } from './localhost.js';

export interface ContainerInput {
  image: string;
  command?: readonly string[];
  args?: readonly string[];
  /** The container's environment in order (Kubernetes env, already resolved). */
  env?: readonly { name: string; value: string }[];
  workingDir?: string;
  /** Virtual time the process starts (ms since the epoch): `date` prints it plus elapsed sleeps. */
  startTime: number;
  /** The pod's files when the process starts (path → content). */
  files?: Readonly<Record<string, string>>;
  /** Directories that exist besides the files' own (volume mount paths). */
  dirs?: readonly string[];
  /** The artifact repository, read at start (argoexec init loads input artifacts). */
  artifacts?: ArtifactReader;
  /** Seed for the process's randomness ($RANDOM, Python's `random`), derived from the world's seed. */
  seed?: number;
  /** Set when the container belongs to a pod (argoexec needs it). */
  pod?: PodInfo;
  /** The container's name. */
  name?: string;
}

export interface PodInfo {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  ownerReferences: readonly Record<string, unknown>[];
  /** Servers of the pod's other containers, reachable on localhost. */
  servers?: readonly LocalServer[];
  /** Servers of other pods by pod IP (read while the process runs: the world is frozen meanwhile). */
  network?: PodNetwork;
}

export interface PlannedLine {
  /** Milliseconds after the process started. */
  offsetMs: number;
  text: string;
}

export interface FileWrite {
  path: string;
  content: string;
}

/** What a process leaves behind when it exits normally: applied by the kubelet at the exit's virtual time. */
export interface ExitEffects {
  /** Files written in the pod's filesystem. */
  files?: FileWrite[];
  /** Files deleted from the pod's filesystem. */
  removed?: string[];
  /** Artifacts saved to the repository. */
  artifacts?: StoredArtifact[];
  /** Objects created through the API (argoexec wait's WorkflowTaskResult). */
  objects?: Record<string, unknown>[];
}

/**
 * A process whose end depends on a sibling: argoexec `wait` exits `delayMs` after container `after`
 * terminates, and only then computes what it does (from the pod's files at that moment).
 */
export interface DeferredExit {
  kind: 'argoexec-wait';
  after: string;
  delayMs: number;
  /** The raw ARGO_TEMPLATE and the env it needs, captured at start. */
  env: Record<string, string>;
}

export interface ProcessPlan {
  lines: PlannedLine[];
  /** Runs until killed (servers, `sleep infinity`); `durationMs` and `exitCode` are then unused. */
  forever: boolean;
  durationMs: number;
  exitCode: number;
  /** Whether the process exits on SIGTERM. PID 1 without a handler (sh, sleep) ignores it: killed at the grace period. */
  handlesSigterm: boolean;
  /** Exit code after a SIGTERM it handles (servers exit 0). */
  sigtermExitCode: number;
  /** The argv that ran, for messages. */
  argv: string[];
  /** Memory the process allocates (`stress --vm-bytes`), and when: the kubelet OOM-kills it over its limit. */
  memoryBytes?: number;
  memoryAtMs?: number;
  /** Standard output alone (Argo's `outputs.result`), when the runtime separates it from stderr. */
  stdout?: string;
  /** Standard error alone, when the runtime separates it. */
  stderr?: string;
  effects?: ExitEffects;
  deferred?: DeferredExit;
}

/** What a deferred process does once its trigger happened. */
export interface DeferredOutcome {
  lines: string[];
  exitCode: number;
  effects: ExitEffects;
  /** The container's termination message (argoexec writes its first error there). */
  message?: string;
}

/** A plan, or async work that produces it (real shell, CPython). */
export type PlanResult = { plan: ProcessPlan } | { async: { label: string; run: () => Promise<ProcessPlan> } };

/** Directories every Linux image has; with the volume mount paths they exist when a process starts. */
export const IMAGE_DIRS = ['/tmp', '/mnt', '/opt', '/srv', '/var/tmp', '/etc', '/root', '/home', '/usr/local/bin'];

/** A finished process that ran to its end, from its output text. */
export function finishedPlan(argv: string[], lines: PlannedLine[], durationMs: number, exitCode: number, extra: Partial<ProcessPlan> = {}): ProcessPlan {
  return { lines, forever: false, durationMs, exitCode, handlesSigterm: false, sigtermExitCode: 143, argv, ...extra };
}

/** Split output text into log lines at one offset (a trailing newline ends the last line). */
export function textLines(text: string, offsetMs: number): PlannedLine[] {
  if (text === '') return [];
  const parts = text.replace(/\n$/, '').split('\n');
  return parts.map((t) => ({ offsetMs, text: t }));
}
