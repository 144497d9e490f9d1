/** Pod shapes the kubelet reads and writes, and its own bookkeeping kept in the pod status. */

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; scheme?: string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  workingDir?: string;
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** `Always` on an init container makes it a sidecar (Kubernetes 1.29+): it keeps running beside the main containers. */
  restartPolicy?: 'Always';
}

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  restartPolicy?: RestartPolicy;
  terminationGracePeriodSeconds?: number;
  /** Seconds from status.startTime after which the kubelet fails the pod (deadline.ts). */
  activeDeadlineSeconds?: number;
  serviceAccountName?: string;
  initContainers?: ContainerSpec[];
  containers?: ContainerSpec[];
}

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: { exitCode: number; reason: string; message?: string; startedAt: string; finishedAt: string; containerID?: string };
}

export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase?: PodPhase;
  conditions?: PodCondition[];
  message?: string;
  reason?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
  /** The simulated kubelet's bookkeeping (see KubeletBook); a real API server would not store it. */
  sandbox?: KubeletBook;
}

/**
 * Where each container is in its lifecycle, kwok-style as data:
 * waiting → starting (pull + create) → running → (stopping) → done | backoff → starting …;
 * a failed pull goes starting → pullbackoff (ErrImagePull, then ImagePullBackOff) → starting.
 */
export type Stage = 'waiting' | 'starting' | 'running' | 'stopping' | 'backoff' | 'pullbackoff' | 'done';

export interface ProbeBook {
  /** Consecutive successes (capped at successThreshold) and failures. */
  ok: number;
  bad: number;
  /** Last probe tick (ms) that changed this book: ticks up to here are not replayed. */
  t: number;
  /** Readiness: ready. Startup: started. Liveness: unused. */
  on: boolean;
}

/** Why the kubelet stops a container: probe failures restart it, the others do not. */
export type StopReason = 'liveness' | 'startup' | 'delete' | 'sidecar-done' | 'deadline';

export interface ContainerBook {
  s: Stage;
  /** Virtual ms of this container's next step; -1 when none (runs forever, or done). */
  due: number;
  /** When the current process started (ms): log offsets and probe ticks count from here. */
  at: number;
  /** A held process (gate.ts): when its container started; the process itself starts (`at`) on release. */
  g?: number;
  /** A released process's container start (ms), for the terminated state's `startedAt`. */
  cs0?: number;
  /** Image pull time in the current start (ms); -1 when the image was already present. */
  pull: number;
  /** When the last process finished (ms), for the back-off's reset rule. */
  fin: number;
  /** Crash back-off entry like the kubelet's flowcontrol.Backoff: [duration ms, lastUpdate ms]. */
  bo?: [number, number];
  /** Image pull back-off entry, same rules. */
  ibo?: [number, number];
  /** Why the container is being stopped, and the exit code it will report. */
  why?: StopReason;
  code?: number;
  p?: Partial<Record<ProbeKind, ProbeBook>>;
}

export interface KubeletBook {
  /** The earliest `due` when this was written: until then a reconcile has nothing to do. */
  next: number;
  /** `next` is only a routine probe tick (background work). */
  bg?: true;
  /** When the kubelet saw the deletion (ms). */
  del?: number;
  /** When the pod's activeDeadlineSeconds passed and the kubelet began to stop it (ms). */
  dl?: number;
  c: Record<string, ContainerBook>;
}
