/**
 * A world: virtual clock, seeded RNG, scheduler, event log, object store and the controllers that
 * act on it. Same seed + same inputs ⇒ same event log, byte for byte.
 */
import { VirtualClock } from './core/clock.js';
import { startControllerActor } from './core/controller.js';
import type { ControllerActor, ControllerContextBase, ControllerMachineContext, InspectHook, RecordInput } from './core/controller.js';
import { EventLog } from './core/eventLog.js';
import type { SimEvent } from './core/eventLog.js';
import { Rng } from './core/rng.js';
import type { RngState } from './core/rng.js';
import { Scheduler } from './core/scheduler.js';
import { AsyncJobs, AwaitingRuntimeError } from './core/asyncJobs.js';
import type { SchedulerState, SettleOptions, SettleResult } from './core/scheduler.js';
import { BUILTIN_KINDS } from './cluster/builtinKinds.js';
import { ObjectStore } from './cluster/store/index.js';
import { registerCrdsFrom } from './cluster/crd/registry.js';
import type { StoredObject, WatchEvent } from './cluster/types.js';
import { KubeEventRecorder } from './cluster/kubeEvents.js';
import { clearReconcileError, markReconcileError, primaryObject } from './cluster/reconcileErrors.js';
import { PodLogs } from './cluster/podLogs.js';
import type { PodLogsState } from './cluster/podLogs.js';
import { PodFiles } from './runtime/podFiles.js';
import { ArtifactRepository } from './artifacts/repository.js';

/** What every controller gets: the base context plus the store and the RNG. */
export interface ClusterContext extends ControllerContextBase {
  store: ObjectStore;
  rng: Rng;
  sandbox: Sandbox;
}

export interface WatchSpec {
  group: string;
  /** `'*'` watches every kind, CRDs included (the garbage collector does). */
  kind: string;
  /** Keys to reconcile for a watch event; default: `namespace/name` of the object. */
  map?: (event: WatchEvent) => string[];
}

export interface ClusterController {
  name: string;
  /** Component name written as the event `source`, e.g. `kubelet`, `deployment-controller`. */
  component?: string;
  watches: WatchSpec[];
  reconcile(ctx: ClusterContext, key: string): void;
}

export interface SandboxOptions {
  seed?: number;
  /** Virtual start time in ms since the epoch (default 2025-01-01T00:00:00Z). */
  startTime?: number;
  /** Also write Kubernetes Event objects to the store (default true). */
  kubeEvents?: boolean;
  /** xstate inspection hook (e.g. @statelyai/inspect's `inspect`) for every controller actor. */
  inspect?: InspectHook;
}

export interface SandboxSnapshot {
  version: 1;
  seed: number;
  now: number;
  rng: RngState;
  scheduler: SchedulerState;
  store: { rv: number; objects: StoredObject[] };
  events: SimEvent[];
  podLogs: PodLogsState;
  controllers: Record<string, ControllerMachineContext>;
  /** State of parts installed on top of the cluster (git host, pod filesystems, inboxes…), by name. */
  extensions: Record<string, unknown>;
}

/**
 * A part installed on top of the cluster that keeps state outside the store (git repositories, pod
 * filesystems, notification inboxes). Its state must be plain JSON data so a snapshot can be saved.
 */
export interface StateProvider {
  getState(): unknown;
  setState(state: unknown): void;
}

export const DEFAULT_START = Date.UTC(2025, 0, 1, 0, 0, 0);

export function objectKey(obj: { metadata: { namespace?: string; name?: string } }): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export class Sandbox {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly scheduler: Scheduler;
  readonly log = new EventLog();
  readonly podLogs = new PodLogs();
  readonly store: ObjectStore;
  private controllers = new Map<string, { def: ClusterController; actor: ControllerActor; ctx: ClusterContext }>();
  private readonly kubeEvents?: KubeEventRecorder;
  private readonly inspect?: InspectHook;
  private readonly stateProviders = new Map<string, StateProvider>();
  private lastKeyed: WatchEvent | undefined;
  private lastKey = '';
  /** Async work started by container starts (real shell, CPython): drive with the `…Async` methods. */
  readonly jobs = new AsyncJobs();
  /** Each pod's virtual filesystem (shared by its containers), dropped with the pod. */
  readonly podFiles = new PodFiles();
  /** The in-sandbox artifact repository (S3/MinIO stand-in) for Argo Workflows. */
  readonly artifacts = new ArtifactRepository();

  constructor(opts: SandboxOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.clock = new VirtualClock(opts.startTime ?? DEFAULT_START);
    this.rng = new Rng(this.seed);
    this.scheduler = new Scheduler(this.clock);
    this.store = new ObjectStore(this.clock, this.rng);
    for (const k of BUILTIN_KINDS) this.store.kinds.register(k);
    this.inspect = opts.inspect;
    if (opts.kubeEvents !== false) this.kubeEvents = new KubeEventRecorder(this.store, this.clock);
    this.registerState('podFiles', this.podFiles);
    this.registerState('artifacts', this.artifacts);
    this.scheduler.setBlockedCheck(() => (this.jobs.pending > 0 ? new AwaitingRuntimeError(this.jobs.labels()) : undefined));
    this.scheduler.setDispatch((item) => {
      const c = this.controllers.get(item.controller);
      if (c) c.actor.send({ type: 'RECONCILE', key: item.key });
    });
  }

  /** Add a controller: it receives watch events for its kinds as keys in its workqueue. */
  addController(def: ClusterController): void {
    if (this.controllers.has(def.name)) throw new Error(`controller ${def.name} already registered`);
    const ctx = this.contextFor(def);
    const actor = this.startActor(def, ctx);
    this.controllers.set(def.name, { def, actor, ctx });
    for (const w of def.watches) {
      const map = w.map;
      this.store.watch(
        map
          ? (event) => {
              const keys = map(event);
              for (let i = 0; i < keys.length; i++) this.scheduler.enqueue(def.name, keys[i]!);
            }
          : (event) => this.scheduler.enqueue(def.name, this.keyOf(event)),
        w.kind === '*' ? {} : { group: w.group, kind: w.kind },
      );
    }
  }

  /** The event's object key, built once per event for all the controllers that watch it (same text, hashed once). */
  private keyOf(event: WatchEvent): string {
    if (event !== this.lastKeyed) {
      this.lastKeyed = event;
      this.lastKey = objectKey(event.object);
    }
    return this.lastKey;
  }

  private startActor(def: ClusterController, ctx: ClusterContext, saved?: ControllerMachineContext): ControllerActor {
    return startControllerActor(
      {
        run: (key) => def.reconcile(ctx, key),
        requeue: (key, delayMs) => this.scheduler.enqueue(def.name, key, delayMs),
        failed: (key, error) => {
          const message = error instanceof Error ? error.message : String(error);
          const obj = primaryObject(this.store, def.watches[0], key);
          this.record(def.component ?? def.name, {
            involvedObject: obj ? { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid } : { kind: 'Controller', name: def.name },
            reason: 'ReconcileError',
            type: 'Warning',
            message: `${def.name} failed on ${key}: ${message}`,
            why: `The ${def.name} controller failed on ${key}; it retries with back-off while the rest of the world keeps running.`,
          });
          if (obj) markReconcileError(this.store, obj, def.name, message, this.clock.iso());
        },
        recovered: (key) => {
          const obj = primaryObject(this.store, def.watches[0], key);
          if (obj) clearReconcileError(this.store, obj);
        },
      },
      saved,
      this.inspect,
    );
  }

  private contextFor(def: ClusterController): ClusterContext {
    const source = def.component ?? def.name;
    return {
      store: this.store,
      rng: this.rng,
      sandbox: this,
      now: () => this.clock.now(),
      iso: (ms?: number) => this.clock.iso(ms),
      enqueue: (key, delayMs = 0, o) => this.scheduler.enqueue(def.name, key, delayMs, o?.background ?? false),
      record: (e) => this.record(source, e),
    };
  }

  /** Append to the event log (and, for real objects, write a Kubernetes Event). */
  record(source: string, e: RecordInput): void {
    const t = this.clock.now();
    const type = e.type ?? 'Normal';
    // One literal per shape, `why` last either way: adding it afterwards would give most events a second property array.
    const event: SimEvent =
      e.why !== undefined
        ? { t, source, involvedObject: e.involvedObject, reason: e.reason, message: e.message, type, why: e.why }
        : { t, source, involvedObject: e.involvedObject, reason: e.reason, message: e.message, type };
    this.log.append(event);
    this.kubeEvents?.write(source, event);
  }

  /** Include a part's state in snapshots under `name` (restored in registration order). */
  registerState(name: string, provider: StateProvider): void {
    if (this.stateProviders.has(name)) throw new Error(`state provider ${name} already registered`);
    this.stateProviders.set(name, provider);
  }

  step(): boolean {
    return this.scheduler.step();
  }

  advance(ms: number): number {
    return this.scheduler.advance(ms);
  }

  /** Stops with reason `awaiting-runtime` when a container's async work is pending: use runUntilSettledAsync. */
  runUntilSettled(opts?: SettleOptions): SettleResult {
    return this.scheduler.runUntilSettled(opts);
  }

  /** `step`, first finishing pending async work; the work the step starts is finished too. */
  async stepAsync(): Promise<boolean> {
    if (this.jobs.pending > 0) await this.jobs.drain();
    const ran = this.scheduler.step();
    if (this.jobs.pending > 0) await this.jobs.drain();
    return ran;
  }

  /** `advance`, pausing virtual time whenever async work is pending until it is applied. */
  async advanceAsync(ms: number): Promise<number> {
    const until = this.clock.now() + Math.max(0, ms);
    let steps = 0;
    // Without async work this runs synchronously to the end, like `advance`.
    for (;;) {
      if (this.jobs.pending > 0) await this.jobs.drain();
      const r = this.scheduler.advanceTo(until);
      steps += r.steps;
      if (!r.blocked) return steps;
    }
  }

  /** `runUntilSettled` for worlds whose containers run async work (same limits, same result shape). */
  async runUntilSettledAsync(opts: SettleOptions = {}): Promise<SettleResult> {
    const start = this.clock.now();
    const maxVirtualMs = opts.maxVirtualMs ?? 3_600_000;
    const maxSteps = opts.maxSteps ?? 5_000_000;
    let steps = 0;
    for (;;) {
      if (this.jobs.pending > 0) await this.jobs.drain();
      const r = this.scheduler.runUntilSettled({ maxVirtualMs: Math.max(0, start + maxVirtualMs - this.clock.now()), maxSteps: maxSteps - steps });
      steps += r.steps;
      if (r.reason !== 'awaiting-runtime') return { ...r, steps, virtualMs: this.clock.now() - start };
    }
  }

  now(): number {
    return this.clock.now();
  }

  controllerNames(): string[] {
    return [...this.controllers.keys()];
  }

  snapshot(): SandboxSnapshot {
    const controllers: Record<string, ControllerMachineContext> = {};
    for (const [name, c] of this.controllers) controllers[name] = structuredClone(c.actor.getSnapshot().context);
    return {
      version: 1,
      seed: this.seed,
      now: this.clock.now(),
      rng: this.rng.getState(),
      scheduler: this.scheduler.getState(),
      store: this.store.dump(),
      events: this.log.getState(),
      podLogs: this.podLogs.getState(),
      controllers,
      extensions: Object.fromEntries([...this.stateProviders].map(([name, p]) => [name, structuredClone(p.getState())])),
    };
  }

  /** Restore a snapshot into this world (which must have the same controllers registered). */
  restore(s: SandboxSnapshot): void {
    this.clock.restore(s.now);
    this.rng.setState(s.rng);
    registerCrdsFrom(this.store, s.store.objects); // custom objects load only if their kinds are served
    this.store.load(s.store);
    this.scheduler.setState(s.scheduler);
    this.jobs.clear();
    this.log.setState(s.events);
    this.podLogs.setState(s.podLogs);
    this.kubeEvents?.reset(this.store);
    for (const [name, p] of this.stateProviders) if (s.extensions?.[name] !== undefined) p.setState(structuredClone(s.extensions[name]));
    for (const [name, c] of this.controllers) {
      c.actor.stop();
      this.controllers.set(name, { ...c, actor: this.startActor(c.def, c.ctx, s.controllers[name]) });
    }
  }
}
