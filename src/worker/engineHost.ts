/**
 * Owns the world inside the worker: a real-time pump moves virtual time at `speed`× while playing, view models are
 * pushed to the UI at most ~10 times a second, and every world-changing call is journaled on a timeline
 * (./timeline) so the world can be scrubbed back and forth, saved and rebuilt by deterministic replay.
 */
import { DEFAULT_START } from '../../simulator/index.js';
import type { Sandbox } from '../../simulator/sandbox.js';
import type { InspectHook } from '../../simulator/core/controller.js';
import { applyManifests } from './applyManifests.js';
import { applyInput, bundleStart } from './loadInput.js';
import { buildViewModel } from './viewModel/index.js';
import type { ApplyResult, EngineApi, InspectSink, LoadOptions, SessionState, TimelineEntry, ViewModel } from './protocol.js';
import { FEATURES } from './features/index.js';
import type { FeatureHost, JournalEntry } from './features/types.js';
import type { Feature, FeatureCall } from './features/types.js';
import { Timeline, type World } from './timeline/index.js';

const TICK_MS = 50;
const PUSH_MS = 100;
/** A slow tick (tab in background, heavy burst) never asks for more than this much real time at once. */
const MAX_TICK_REAL_MS = 250;
export const MAX_SPEED = 1000;
/** Journal entries of the host's own world-changing calls (not a feature's). */
const ENGINE = 'engine';

export class EngineHost implements EngineApi {
  private readonly timeline = new Timeline<ApplyResult>({
    apply: (world, input) => applyInput(world, input),
    run: (world, entry) => this.runEntry(world, entry),
    inspect: () => this.inspect,
    realNow: () => performance.now(),
  });
  private playing = false;
  private speed = 1;
  private version = 0;
  private pump?: ReturnType<typeof setInterval>;
  private lastTick = 0;
  /** Fractional virtual ms carried between ticks so the clock stays on whole milliseconds. */
  private carry = 0;
  /** An async advance is in flight. */
  private busy = false;
  /** Async actions (git writes) still running: virtual time waits for them, as replay does. */
  private actions = new Set<Promise<unknown>>();
  private listener?: (vm: ViewModel) => void;
  private pushTimer?: ReturnType<typeof setTimeout>;
  private lastPush = -Infinity;
  private inspect?: InspectHook;
  private readonly featureHost: FeatureHost = this.hostFor(() => this.sandbox);

  constructor() {
    this.timeline.load({ text: '', file: 'scenario.yaml', seed: 1, startTime: DEFAULT_START });
  }

  private get sandbox(): Sandbox {
    return this.timeline.world.sandbox;
  }

  /**
   * A new world from manifests or a `kind: Scenario` bundle (its seed and start time unless given), with an empty
   * journal. Synchronous for manifests; a promise for a bundle, whose git repositories are written asynchronously.
   */
  load(yamlText: string, opts: LoadOptions = {}): ApplyResult | Promise<ApplyResult> {
    this.pause();
    const file = opts.file ?? 'scenario.yaml';
    const bundle = bundleStart(yamlText, file);
    const input = { text: yamlText, file, seed: opts.seed ?? bundle?.seed ?? 1, startTime: opts.startTime ?? bundle?.startTime ?? DEFAULT_START };
    const started = (result: ApplyResult): ApplyResult => {
      if (opts.playSpeed) this.play(opts.playSpeed);
      this.changed();
      return result;
    };
    const result = this.timeline.load(input);
    return result instanceof Promise ? result.then(started) : started(result);
  }

  /** `kubectl apply` of editor text: journaled like a feature action, so a scrub or reload redoes it. */
  apply(yamlText: string, file = 'editor.yaml'): ApplyResult {
    this.refuseWhileReplaying();
    this.timeline.record(ENGINE, 'apply', [yamlText, file]);
    const result = applyManifests(this.sandbox, yamlText, file);
    this.changed();
    return result;
  }

  play(speed?: number): void {
    if (speed !== undefined) this.setSpeed(speed);
    if (this.playing) return;
    this.playing = true;
    this.lastTick = performance.now();
    this.carry = 0;
    this.pump = setInterval(() => this.tick(), TICK_MS);
    this.changed();
  }

  pause(): void {
    if (this.pump !== undefined) clearInterval(this.pump);
    this.pump = undefined;
    if (!this.playing) return;
    this.playing = false;
    this.changed();
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0) throw new Error(`speed must be a positive number, got ${speed}`);
    this.speed = Math.min(MAX_SPEED, speed);
    this.changed();
  }

  call(feature: string, method: string, args: unknown[]): unknown {
    const f = featureOf(feature);
    const query = f.queries?.[method];
    if (query) return (query as (host: FeatureHost, ...a: unknown[]) => unknown)(this.featureHost, ...args);
    actionOf(f, feature, method);
    this.refuseWhileReplaying();
    const entry = this.timeline.record(feature, method, args);
    let result: unknown;
    try {
      result = this.runEntry(this.timeline.world, entry);
    } catch (err) {
      // Refused before it changed anything: nothing to replay.
      this.timeline.unrecord(entry);
      throw err;
    }
    if (result instanceof Promise) {
      // Virtual time stands still until the action lands, exactly as replay awaits it before moving on.
      const done: Promise<void> = result.then(noop, noop).then(() => {
        this.actions.delete(done);
        this.changed();
      });
      this.actions.add(done);
    }
    this.changed();
    return result;
  }

  /** World-changing calls since the last load, oldest first, with where each ran (entries past `cursor` are ahead). */
  journal(): TimelineEntry[] {
    return this.timeline.entries.slice();
  }

  /** Synchronous unless the step starts or meets a container's async work (then a promise). */
  step(): boolean | Promise<boolean> {
    this.pause();
    const world = this.sandbox;
    if (this.actions.size > 0 || this.timeline.hasFuture || world.jobs.pending > 0) return this.stepAsync();
    const ran = world.step();
    if (world.jobs.pending > 0) return world.jobs.drain().then(() => this.stepped(ran));
    return this.stepped(ran);
  }

  /** Synchronous up to its first real await (no async work pending = the world has moved when this returns). */
  async advance(ms: number): Promise<void> {
    if (this.actions.size > 0) await this.settleActions();
    await this.timeline.advanceTo(this.sandbox.now() + Math.max(0, Math.round(ms)));
    this.changed();
  }

  /** Scrub: the world as it was (or will be, replaying the journal) at virtual time `t`. Pauses first. */
  async seek(t: number): Promise<void> {
    this.pause();
    await this.settleActions();
    await this.timeline.seek(t);
    this.changed();
  }

  /** The load input, journal and time: enough to rebuild this world anywhere by replay. */
  session(): SessionState {
    return this.timeline.session();
  }

  /**
   * The session as JSON text, plus (`withFrame`) the world itself as a saved frame: text made in the worker, so the
   * main thread neither clones nor stringifies a large world (persistence splices it into its record).
   */
  sessionText(withFrame = false): { session: string; frame?: string } {
    const session = JSON.stringify(this.timeline.session());
    const frame = withFrame ? this.timeline.frameJson() : undefined;
    return frame === undefined ? { session } : { session, frame };
  }

  /** Rebuild a saved session (paused at its time): from its saved world if it has one, else by replay. */
  async restoreSession(session: SessionState): Promise<ApplyResult> {
    this.pause();
    await this.settleActions();
    const result = await this.timeline.restore(session);
    this.changed();
    return result ?? { errors: [], applied: [] };
  }

  snapshot(): ViewModel {
    this.version++;
    const vm = buildViewModel(this.sandbox, { version: this.version, startTime: this.timeline.input.startTime, playing: this.playing, speed: this.speed });
    vm.timeline = this.timeline.view(markLabel);
    return vm;
  }

  subscribe(listener: (vm: ViewModel) => void): void {
    this.listener = listener;
    this.changed();
  }

  /** Controllers are created with the sandbox, so this takes effect at the next `load`. */
  async enableInspect(sink: InspectSink): Promise<void> {
    // Loaded only on demand, so the inspector stays out of the normal worker bundle path.
    const { createInspector } = await import('@statelyai/inspect');
    const inspector = createInspector(
      { send: (event) => sink(event) },
      // Events must survive postMessage: a JSON round trip drops functions and actor refs.
      { serialize: (event) => JSON.parse(JSON.stringify(event)) as typeof event },
    );
    this.inspect = (event) => inspector.inspect.next?.(event);
  }

  /** The world this host drives (tests and the worker entry only). */
  get world(): Sandbox {
    return this.sandbox;
  }

  dispose(): void {
    this.pause();
    if (this.pushTimer !== undefined) clearTimeout(this.pushTimer);
    this.listener = undefined;
  }

  private async stepAsync(): Promise<boolean> {
    await this.settleActions();
    const ran = await this.sandbox.stepAsync();
    await this.timeline.runDue();
    return this.stepped(ran);
  }

  private stepped(ran: boolean): boolean {
    this.timeline.moved();
    this.changed();
    return ran;
  }

  private async settleActions(): Promise<void> {
    while (this.actions.size > 0) await Promise.all(this.actions);
  }

  private tick(): void {
    // A tick still awaiting async work (a container's script, a git write) is not overlapped by the next.
    if (this.busy || this.actions.size > 0) return;
    const now = performance.now();
    const real = Math.min(MAX_TICK_REAL_MS, now - this.lastTick);
    this.lastTick = now;
    const virtual = real * this.speed + this.carry;
    const whole = Math.floor(virtual);
    this.carry = virtual - whole;
    if (whole > 0) {
      if (this.timeline.hasFuture) this.driveAsync(this.timeline.advanceTo(this.sandbox.now() + whole));
      else {
        // Synchronous without async work; otherwise the pump waits for it (virtual time is frozen meanwhile).
        const done = this.sandbox.advanceAsync(whole);
        if (this.sandbox.jobs.pending > 0) this.driveAsync(done.then(() => this.timeline.moved()));
        else {
          done.catch((err: unknown) => console.error('argo-sandbox engine:', err));
          this.timeline.moved();
        }
      }
    }
    this.changed();
  }

  /** The pump waits for `work` (async container work, or replaying the recorded future) before its next tick. */
  private driveAsync(work: Promise<unknown>): void {
    this.busy = true;
    void work
      .catch((err: unknown) => console.error('argo-sandbox engine:', err))
      .finally(() => {
        this.busy = false;
        this.lastTick = performance.now();
        this.changed();
      });
  }

  private runEntry(world: World, entry: JournalEntry): unknown {
    if (entry.feature === ENGINE) {
      if (entry.method !== 'apply') throw new Error(`unknown engine call "${entry.method}"`);
      const [text, file] = entry.args as [string, string];
      return applyManifests(world.sandbox, text, file);
    }
    const action = actionOf(featureOf(entry.feature), entry.feature, entry.method);
    const host = world === this.timeline.world ? this.featureHost : this.hostFor(() => world.sandbox);
    return (action as (host: FeatureHost, ...a: unknown[]) => unknown)(host, ...entry.args);
  }

  private hostFor(world: () => Sandbox): FeatureHost {
    return Object.defineProperties({ changed: () => this.changed() }, { world: { get: world, enumerable: true } }) as FeatureHost;
  }

  private refuseWhileReplaying(): void {
    if (this.timeline.replaying) throw new Error('the sandbox is replaying its timeline; try again when it has caught up');
  }

  /** Coalesce pushes: at most one every PUSH_MS, always one after the last change. */
  private changed(): void {
    if (!this.listener || this.pushTimer !== undefined) return;
    const wait = Math.max(0, this.lastPush + PUSH_MS - performance.now());
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.lastPush = performance.now();
      this.listener?.(this.snapshot());
    }, wait);
  }
}

function noop(): void {}

function featureOf(name: string): Feature {
  const f: Feature | undefined = (FEATURES as Record<string, Feature>)[name];
  if (!f) throw new Error(`unknown feature "${name}"`);
  return f;
}

function actionOf(f: Feature, feature: string, method: string): FeatureCall {
  const action = f.actions?.[method];
  if (!action) throw new Error(`feature "${feature}" has no call "${method}"`);
  return action;
}

/** How a journaled action reads as a tick on the timeline. */
function markLabel(e: TimelineEntry): string {
  if (e.feature === ENGINE) return `apply ${String(e.args[1] ?? '')}`;
  return `${e.feature}.${e.method}`;
}
