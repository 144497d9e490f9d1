/** What crosses the worker boundary: plain, structured-clone-safe data only. */
import type { LocatedError } from '../../simulator/core/errors.js';
import type { JournalEntry } from './features/types.js';
import type { LoadInput, SessionState, TimelineEntry, TimelineMark, TimelineView } from './timeline/types.js';

export type { LocatedError, JournalEntry, LoadInput, SessionState, TimelineEntry, TimelineMark, TimelineView };

/** One container's state as a small badge: `init` containers first, then main containers. */
export interface ContainerView {
  name: string;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  /** Waiting/terminated reason (`ContainerCreating`, `Completed`, `CrashLoopBackOff`…). */
  reason?: string;
  exitCode?: number;
  ready: boolean;
  restartCount: number;
}

export interface ObjectRow {
  uid: string;
  name: string;
  namespace?: string;
  /** Phase-like status a test or a badge can key on (`Running`, `Completed`, `Active`…). */
  status: string;
  /** `ready/total` where the kind has one. */
  ready?: string;
  /** Virtual age, like kubectl's AGE column (`45s`, `3m12s`). */
  age: string;
  /** Cells under the kind's `columns`, after NAMESPACE/NAME. */
  cells: string[];
  tone: 'ok' | 'progress' | 'warn' | 'error' | 'neutral';
  containers?: ContainerView[];
}

export interface KindGroupView {
  /** `Pod`, `Deployment`… */
  kind: string;
  group: string;
  /** Like `kubectl get`'s resource name: `pods`, `deployments.apps`. */
  resource: string;
  namespaced: boolean;
  columns: string[];
  rows: ObjectRow[];
}

export interface EventView {
  seq: number;
  t: number;
  /** Virtual time since the scenario started, e.g. `1m12s`. */
  at: string;
  type: 'Normal' | 'Warning';
  source: string;
  reason: string;
  object: string;
  message: string;
  why?: string;
}

export interface ViewModel {
  /** Bumped on every build, so the UI can tell pushes apart. */
  version: number;
  now: number;
  startTime: number;
  nowIso: string;
  /** Virtual time since the start, e.g. `2m5s`. */
  elapsed: string;
  playing: boolean;
  speed: number;
  /** Work items waiting in the scheduler (0 = nothing left to happen but resyncs/timers). */
  pending: number;
  namespaces: string[];
  kinds: KindGroupView[];
  /** Newest first. */
  events: EventView[];
  totalEvents: number;
  /** Start, now, the furthest time reached and the journaled actions: what the scrub slider shows. */
  timeline?: TimelineView;
}

export interface ApplyResult {
  errors: LocatedError[];
  /** kubectl-style lines: `deployment.apps/web created`, `configmap/x unchanged`. */
  applied: string[];
}

export interface LoadOptions {
  seed?: number;
  startTime?: number;
  /** Name shown in error locations. */
  file?: string;
  /** Start playing at this speed after loading (0 = paused). */
  playSpeed?: number;
}

export type InspectSink = (event: unknown) => void;

/** The worker's API (through comlink every method becomes async on the main thread). */
export interface EngineApi {
  /** Manifests load synchronously; a `kind: Scenario` bundle returns a promise (its git repositories are written async). */
  load(yamlText: string, opts?: LoadOptions): ApplyResult | Promise<ApplyResult>;
  apply(yamlText: string, file?: string): ApplyResult;
  play(speed?: number): void;
  pause(): void;
  setSpeed(speed: number): void;
  /** Run the next scheduled work item (pauses first). Returns false when nothing is queued. Async: containers may run async work. */
  step(): boolean | Promise<boolean>;
  advance(ms: number): Promise<void>;
  snapshot(): ViewModel;
  subscribe(listener: (vm: ViewModel) => void): void;
  /**
   * A feature call (src/worker/features): queries read, actions change the world and are journaled with their
   * virtual time. Use the typed helpers in src/engine/feature.ts instead of calling this directly.
   */
  call(feature: string, method: string, args: unknown[]): unknown;
  /** World-changing calls since the last load, oldest first (entries past the timeline's cursor lie ahead of now). */
  journal(): TimelineEntry[];
  /** Scrub to virtual time `t` (ms since the epoch): back by replay from a keyframe, forward replaying the journal. */
  seek(t: number): Promise<void>;
  /** What a saved workspace keeps of the world: load input, journal, time. */
  session(): SessionState;
  /** The session as JSON text and (`withFrame`) the world itself as a saved-frame JSON text, for IndexedDB. */
  sessionText(withFrame?: boolean): { session: string; frame?: string };
  /** Rebuild a saved session by replay, paused at its time. */
  restoreSession(session: SessionState): Promise<ApplyResult>;
  /** Forward xstate inspection events (already serialised) to the main thread; call before `load`. */
  enableInspect(sink: InspectSink): Promise<void>;
}

export const SPEEDS = [1, 2, 5, 10, 30, 100, 300, 1000] as const;
