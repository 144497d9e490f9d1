/**
 * A pod as the kubelet sees it in one reconcile: its status and bookkeeping (`status.sandbox`), its
 * containers in start order, and what follows from them (process plans, logs due, the next wake-up).
 */
import type { ClusterContext } from '../../sandbox.js';
import type { RecordInput } from '../../core/controller.js';
import type { StoredObject } from '../types.js';
import { fnv1a } from '../../runtime/index.js';
import type { ProcessPlan } from '../../runtime/index.js';
import { planFor, tryPlan } from './plans.js';
import { gate, HELD_PLAN } from './gate.js';
import { podShape } from './shape.js';
import type { ContainerShape } from './shape.js';
import { deferredTriggered } from './effects.js';
import { podIPFor } from './node.js';
import { PROBE_KINDS, probeActive, probeOf, tickAfter } from './probes.js';
import type { ProbeHost } from './probes.js';
import { resolveEnv } from './env.js';
import { admitStatus, getPhase } from './status.js';
import { activeDeadlineAt, DEADLINE_MESSAGE, DEADLINE_REASON, deadlineWhy } from './deadline.js';
import type { ContainerBook, ContainerSpec, ContainerStatus, KubeletBook, PodPhase, PodSpec, PodStatus, ProbeBook, ProbeKind } from './types.js';

/*
 * Copies built field by field, in the API's field order: the stored versions are frozen, and some went
 * through `delete` (dictionary mode), both slow paths for spread and Object.assign.
 */
function copyStatus(cs: ContainerStatus): ContainerStatus {
  // `containerID`, once set, comes before `started` (see finishStart).
  if (cs.containerID === undefined) {
    return { name: cs.name, state: cs.state, lastState: cs.lastState, ready: cs.ready, restartCount: cs.restartCount, image: cs.image, imageID: cs.imageID, started: cs.started };
  }
  return {
    name: cs.name,
    state: cs.state,
    lastState: cs.lastState,
    ready: cs.ready,
    restartCount: cs.restartCount,
    image: cs.image,
    imageID: cs.imageID,
    containerID: cs.containerID,
    started: cs.started,
  };
}

function copyProbe(p: ProbeBook): ProbeBook {
  return { ok: p.ok, bad: p.bad, t: p.t, on: p.on };
}

/** A container's book, copied as deep as the kubelet writes into it (probe books are updated in place). */
function copyContainerBook(x: ContainerBook): ContainerBook {
  const b: ContainerBook = { s: x.s, due: x.due, at: x.at, pull: x.pull, fin: x.fin };
  if (x.bo !== undefined) b.bo = x.bo;
  if (x.ibo !== undefined) b.ibo = x.ibo;
  if (x.why !== undefined) b.why = x.why;
  if (x.code !== undefined) b.code = x.code;
  if (x.g !== undefined) b.g = x.g;
  if (x.cs0 !== undefined) b.cs0 = x.cs0;
  if (x.p !== undefined) {
    const p: Partial<Record<ProbeKind, ProbeBook>> = {};
    if (x.p.startup) p.startup = copyProbe(x.p.startup);
    if (x.p.readiness) p.readiness = copyProbe(x.p.readiness);
    if (x.p.liveness) p.liveness = copyProbe(x.p.liveness);
    b.p = p;
  }
  return b;
}

/** The pod's books with the container books still the stored ones: each is copied when first written (ownBook). */
function copyBook(bk: KubeletBook): KubeletBook {
  const c: Record<string, ContainerBook> = {};
  for (const name in bk.c) c[name] = bk.c[name]!;
  const copy: KubeletBook = { next: bk.next, c };
  if (bk.bg !== undefined) copy.bg = bk.bg;
  if (bk.del !== undefined) copy.del = bk.del;
  if (bk.dl !== undefined) copy.dl = bk.dl;
  return copy;
}

/** A container in one reconcile: its shape (per stored spec) is referenced, not copied field by field into each entry. */
export class Entry implements ContainerShape {
  /** The plan of the process started at `planAt`, once asked for in this reconcile. */
  plan: ProcessPlan | undefined = undefined;
  planAt = -1;

  constructor(
    private readonly shape: ContainerShape,
    /** The stored (frozen) status until `own` makes it this reconcile's copy. */
    public cs: ContainerStatus,
    public owned: boolean,
    /** Likewise the stored book until `ownBook`. */
    public b: ContainerBook,
    public bOwned: boolean,
  ) {}

  get spec(): ContainerSpec {
    return this.shape.spec;
  }
  get init(): boolean {
    return this.shape.init;
  }
  get order(): number {
    return this.shape.order;
  }
  get sidecar(): boolean {
    return this.shape.sidecar;
  }
  get deps(): readonly string[] {
    return this.shape.deps;
  }
  get reads(): boolean {
    return this.shape.reads;
  }
}

export class PodState {
  readonly st: PodStatus;
  readonly bk: KubeletBook;
  /** The status must be written. */
  changed = false;
  /** All containers stopped after a deletion: the pod can go. */
  finalize = false;
  /** Admitted in this reconcile: the first container starts. */
  protected pendingFirstStart = false;
  protected readonly entries: Entry[] = [];
  /** Containers whose start waits for async runtime work (real bash, CPython) at this instant (made when needed). */
  protected awaiting: Set<Entry> | undefined;
  protected readonly spec: PodSpec;
  protected readonly now: number;
  protected readonly ns: string;
  protected readonly name: string;
  /** The pod as the involved object of its events (made at the first event). */
  private involved: RecordInput['involvedObject'] | undefined;

  constructor(
    protected readonly ctx: ClusterContext,
    protected readonly pod: StoredObject,
    protected readonly node: string,
  ) {
    this.spec = (pod.spec ?? {}) as PodSpec;
    this.now = ctx.now();
    this.ns = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name;
    const old = pod.status as PodStatus | undefined;
    if (old?.sandbox) {
      // A private copy of what the kubelet changes in place: the container statuses' top-level fields and
      // its books. Their sub-objects (states, conditions, addresses) are only ever replaced, so they stay
      // the stored, frozen values: shared with the next version (the store's intern skips them), and a
      // write into one would throw instead of going unnoticed.
      const st: PodStatus = Object.assign({}, old);
      // Container statuses are copied when first written (own): most steps change one container.
      // (Spread, not slice: slice of a frozen array takes V8's slow path, ~15x slower.)
      if (old.initContainerStatuses) st.initContainerStatuses = [...old.initContainerStatuses];
      if (old.containerStatuses) st.containerStatuses = [...old.containerStatuses];
      st.sandbox = copyBook(old.sandbox);
      this.st = st;
      this.bk = st.sandbox;
    } else {
      // First sight of the pod on this node: sandbox, IP, waiting containers; the first one starts.
      this.bk = { next: -1, c: {} };
      this.st = admitStatus(this.spec, old, this.ctx.iso(this.now), podIPFor(fnv1a(pod.metadata.uid)), this.bk);
      this.changed = true;
      this.pendingFirstStart = true;
    }
    const shape = podShape(this.spec);
    const inits = this.st.initContainerStatuses;
    const mains = this.st.containerStatuses;
    const initCount = this.spec.initContainers?.length ?? 0;
    const owned = this.pendingFirstStart;
    for (const c of shape) {
      let bOwned = owned;
      let b = this.bk.c[c.spec.name];
      if (b === undefined) {
        b = this.bk.c[c.spec.name] = { s: 'waiting', due: -1, at: 0, pull: -1, fin: 0 };
        bOwned = true;
      }
      const cs = c.init ? inits![c.order]! : mains![c.order - initCount]!;
      this.entries.push(new Entry(c, cs, owned, b, bOwned));
    }
  }


  /** What the probes of a running container see and do (`kill` stops the container: liveness/startup failures). */
  protected probeHost(e: Entry, kill: ProbeHost['kill']): ProbeHost {
    return {
      now: this.now,
      ctx: { meta: this.pod.metadata, container: e.spec, env: [], podIP: this.st.podIP ?? '', startedAt: e.b.at },
      env: () => resolveEnv(this.ctx.store, this.pod, this.st, e.spec).env,
      event: (reason, message, type, why) => this.event(reason, message, type, why),
      changed: () => {
        this.changed = true;
      },
      kill,
    };
  }

  /**
   * Processes waiting for containers to terminate (argoexec wait) exit their delay after the last one,
   * also when they were told to stop (SIGTERM): then unless their SIGKILL comes first.
   */
  protected wakeDeferred(e: Entry): void {
    for (const x of this.entries) {
      if (x === e || (x.b.s !== 'running' && x.b.s !== 'stopping') || (x.b.s === 'running' && x.b.due >= 0)) continue;
      if (x.b.g !== undefined) {
        if (x.b.s === 'running' && gate(this.entries, x.deps).open) this.ownBook(x).due = this.now;
        continue;
      }
      const d = this.plan(x).deferred;
      if (d && deferredTriggered(this.entries, x, d.after) && (x.b.s === 'running' || this.now + d.delayMs < x.b.due)) this.ownBook(x).due = this.now + d.delayMs;
    }
  }

  /** The main containers have all finished for good (terminated, nothing to restart). */
  protected regularDone(): boolean {
    for (const e of this.entries) if (!e.init && !(e.b.s === 'done' && e.cs.state.terminated)) return false;
    return true;
  }

  /** When the active deadline will stop this pod (ms): not yet passed, not deleting, not terminal. */
  protected deadlineDue(): number | undefined {
    if (this.bk.dl !== undefined || this.bk.del !== undefined) return undefined;
    const at = activeDeadlineAt(this.spec, this.st);
    if (at === undefined) return undefined;
    const phase = getPhase(this.spec, this.st);
    return phase === 'Succeeded' || phase === 'Failed' ? undefined : at;
  }

  /** The next thing due now, in time order: a container's step, or the active deadline (first on a tie). */
  protected nextDueNow(): Entry | 'deadline' | undefined {
    let e: Entry | undefined;
    for (const x of this.entries) if (x.b.due >= 0 && x.b.due <= this.now && !this.awaiting?.has(x) && (!e || x.b.due < e.b.due)) e = x;
    if (this.spec.activeDeadlineSeconds === undefined) return e;
    const dl = this.deadlineDue();
    return dl !== undefined && dl <= this.now && (!e || dl <= e.b.due) ? 'deadline' : e;
  }

  /** The deadline has passed: the kubelet's event; the caller stops the containers. */
  protected deadlineExceeded(graceMs: number): void {
    this.bk.dl = this.now;
    this.event(DEADLINE_REASON, DEADLINE_MESSAGE, 'Normal', deadlineWhy(this.spec, graceMs));
  }

  /** getPhase, except that a pod past its deadline is Failed (DeadlineExceeded) once no container can run. */
  protected podPhase(): PodPhase {
    if (this.bk.dl === undefined || this.entries.some((e) => e.b.s === 'running' || e.b.s === 'stopping')) return getPhase(this.spec, this.st);
    this.st.reason = DEADLINE_REASON;
    this.st.message = DEADLINE_MESSAGE;
    return 'Failed';
  }

  /** The earliest future step: a container step, a log line, or a probe tick. -1 when none. */
  nextDue(): number {
    return this.wakeUp().at;
  }

  /**
   * When to look again, and whether that is only a routine probe tick (background work, like a resync:
   * it does not keep the world unsettled) rather than a step that changes something.
   */
  wakeUp(): { at: number; background: boolean } {
    // Async work is pending: look again at this same instant once the driver has applied it.
    if (this.awaiting !== undefined && this.awaiting.size > 0) return { at: this.now, background: false };
    let next = Infinity;
    let probeTick = Infinity;
    const deadline = this.deadlineDue();
    if (deadline !== undefined && deadline > this.now) next = deadline;
    for (const e of this.entries) {
      const b = e.b;
      if (b.due > this.now) next = Math.min(next, b.due);
      if (b.s !== 'running' && b.s !== 'stopping') continue;
      const plan = this.plan(e);
      const emitted = this.ctx.sandbox.podLogs.read(this.ns, this.name, e.spec.name).length;
      const line = plan.lines[emitted];
      if (line && b.at + line.offsetMs > this.now) next = Math.min(next, b.at + line.offsetMs);
      if (b.s !== 'running' || !b.p) continue;
      for (const kind of PROBE_KINDS) {
        const p = probeOf(e.spec, kind);
        const pb = b.p[kind];
        if (!p || !pb || !probeActive(e.cs, kind)) continue;
        const tick = tickAfter(p, b.at, this.now);
        // A probe on its way to a verdict is real work; a steady one is routine.
        const steady = pb.bad === 0 && (kind === 'liveness' || pb.on);
        if (steady) probeTick = Math.min(probeTick, tick);
        else next = Math.min(next, tick);
      }
    }
    if (next === Infinity && probeTick === Infinity) return { at: -1, background: false };
    return next <= probeTick ? { at: next, background: false } : { at: probeTick, background: true };
  }

  protected event(reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal', why?: string): void {
    const m = this.pod.metadata;
    // One reference for all of this reconcile's events (never written into): the event writer's same-object fast path.
    const involvedObject = (this.involved ??= { apiVersion: 'v1', kind: 'Pod', namespace: this.ns, name: m.name, uid: m.uid });
    // `why` in the literal even when undefined (the recorder skips it then): adding it later grows the object.
    this.ctx.record({ involvedObject, reason, message, type, why });
  }

  /** The container's status, as this reconcile's private copy to write into. */
  protected own(e: Entry): ContainerStatus {
    if (e.owned) return e.cs;
    const copy = copyStatus(e.cs);
    const list = e.init ? this.st.initContainerStatuses! : this.st.containerStatuses!;
    list[list.indexOf(e.cs)] = copy;
    e.cs = copy;
    e.owned = true;
    return copy;
  }

  /** The container's book, as this reconcile's private copy to write into. */
  protected ownBook(e: Entry): ContainerBook {
    if (e.bOwned) return e.b;
    const copy = copyContainerBook(e.b);
    this.bk.c[e.spec.name] = copy;
    e.b = copy;
    e.bOwned = true;
    return copy;
  }

  /**
   * Set the container's ID. The first one makes a new status object so that `started` follows
   * `containerID`, in the API's field order: deleting and re-adding `started` would leave the object (and
   * the stored status, kept while unchanged) in slow dictionary mode for every later read.
   */
  protected setContainerID(e: Entry, id: string): ContainerStatus {
    const cs = this.own(e);
    if (cs.containerID !== undefined) {
      cs.containerID = id;
      return cs;
    }
    const n: ContainerStatus = { name: cs.name, state: cs.state, lastState: cs.lastState, ready: cs.ready, restartCount: cs.restartCount, image: cs.image, imageID: cs.imageID, containerID: id, started: cs.started };
    const list = e.init ? this.st.initContainerStatuses! : this.st.containerStatuses!;
    list[list.indexOf(cs)] = n;
    e.cs = n;
    return n;
  }

  protected podRef(): string {
    return `${this.name}_${this.ns}(${this.pod.metadata.uid})`;
  }

  protected plan(e: Entry): ProcessPlan {
    if (e.b.g !== undefined) return HELD_PLAN;
    // Asked for several times per reconcile (steps, logs, wake-up): looked up once per process start.
    if (e.plan !== undefined && e.planAt === e.b.at) return e.plan;
    e.planAt = e.b.at;
    return (e.plan = planFor(this.ctx.sandbox, this.pod, this.st, e.spec, e.b.at));
  }

  /** Whether the plan of a process starting now is known; if not, async work computes it. */
  protected planReady(e: Entry): boolean {
    const plan = tryPlan(this.ctx.sandbox, this.pod, this.st, e.spec, this.now);
    if (plan) {
      // The process starts now: `plan(e)` finds it here instead of looking it up again.
      e.plan = plan;
      e.planAt = this.now;
      return true;
    }
    (this.awaiting ??= new Set()).add(e);
    return false;
  }

  protected flushLogs(e: Entry, until: number): void {
    const plan = this.plan(e);
    const logs = this.ctx.sandbox.podLogs;
    let i = logs.read(this.ns, this.name, e.spec.name).length;
    for (; i < plan.lines.length; i++) {
      const line = plan.lines[i]!;
      const t = e.b.at + line.offsetMs;
      if (t > until) break;
      logs.append(this.ns, this.name, e.spec.name, t, line.text);
    }
  }
}
