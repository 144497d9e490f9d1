/**
 * Owns one sandbox inside the worker: a real-time pump moves virtual time at `speed`× while playing,
 * and view models are pushed to the UI at most ~10 times a second.
 */
import { createSandbox } from '../../simulator/index.js';
import type { Sandbox } from '../../simulator/sandbox.js';
import type { InspectHook } from '../../simulator/core/controller.js';
import { applyManifests } from './applyManifests.js';
import { buildViewModel } from './viewModel/index.js';
import type { ApplyResult, EngineApi, InspectSink, LoadOptions, ViewModel } from './protocol.js';
import { FEATURES } from './features/index.js';
import type { FeatureHost, JournalEntry } from './features/types.js';
import type { Feature, FeatureCall } from './features/types.js';

const TICK_MS = 50;
const PUSH_MS = 100;
/** A slow tick (tab in background, heavy burst) never asks for more than this much real time at once. */
const MAX_TICK_REAL_MS = 250;
export const MAX_SPEED = 1000;

export class EngineHost implements EngineApi {
  private sandbox: Sandbox = createSandbox();
  private startTime = this.sandbox.now();
  private playing = false;
  private speed = 1;
  private version = 0;
  private pump?: ReturnType<typeof setInterval>;
  private lastTick = 0;
  /** Fractional virtual ms carried between ticks so the clock stays on whole milliseconds. */
  private carry = 0;
  /** An async advance is in flight. */
  private busy = false;
  private listener?: (vm: ViewModel) => void;
  private pushTimer?: ReturnType<typeof setTimeout>;
  private lastPush = -Infinity;
  private inspect?: InspectHook;
  private entries: JournalEntry[] = [];
  private readonly featureHost: FeatureHost = Object.defineProperties({ changed: () => this.changed() }, {
    world: { get: () => this.sandbox, enumerable: true },
  }) as FeatureHost;

  load(yamlText: string, opts: LoadOptions = {}): ApplyResult {
    this.pause();
    const sandboxOpts = { seed: opts.seed ?? 1, ...(opts.startTime !== undefined ? { startTime: opts.startTime } : {}) };
    this.sandbox = createSandbox(this.inspect ? { ...sandboxOpts, inspect: this.inspect } : sandboxOpts);
    this.startTime = this.sandbox.now();
    this.entries = [];
    // Argo CD's and Argo Workflows' controllers start up first (their work due at time zero), so Step at
    // T+0 walks through the learner's own objects, not the installation's.
    this.sandbox.runUntilSettled({ maxVirtualMs: 0 });
    const result = applyManifests(this.sandbox, yamlText, opts.file ?? 'scenario.yaml');
    if (opts.playSpeed) this.play(opts.playSpeed);
    this.changed();
    return result;
  }

  apply(yamlText: string, file = 'editor.yaml'): ApplyResult {
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
    const f: Feature | undefined = (FEATURES as Record<string, Feature>)[feature];
    if (!f) throw new Error(`unknown feature "${feature}"`);
    const query = f.queries?.[method];
    if (query) return (query as (host: FeatureHost, ...a: unknown[]) => unknown)(this.featureHost, ...args);
    const action: FeatureCall | undefined = f.actions?.[method];
    if (!action) throw new Error(`feature "${feature}" has no call "${method}"`);
    this.entries.push({ t: this.sandbox.now(), feature, method, args: structuredClone(args) });
    const result = (action as (host: FeatureHost, ...a: unknown[]) => unknown)(this.featureHost, ...args);
    this.changed();
    return result;
  }

  journal(): JournalEntry[] {
    return this.entries.slice();
  }

  /** Synchronous unless the step starts or meets a container's async work (then a promise). */
  step(): boolean | Promise<boolean> {
    this.pause();
    const world = this.sandbox;
    if (world.jobs.pending === 0) {
      const ran = world.step();
      if (world.jobs.pending === 0) {
        this.changed();
        return ran;
      }
      return world.jobs.drain().then(() => (this.changed(), ran));
    }
    return world.stepAsync().then((ran) => (this.changed(), ran));
  }

  async advance(ms: number): Promise<void> {
    await this.sandbox.advanceAsync(Math.max(0, Math.round(ms)));
    this.changed();
  }

  snapshot(): ViewModel {
    this.version++;
    return buildViewModel(this.sandbox, { version: this.version, startTime: this.startTime, playing: this.playing, speed: this.speed });
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

  private tick(): void {
    // A tick still awaiting a container's async work (script, pyodide load) is not overlapped by the next.
    if (this.busy) return;
    const now = performance.now();
    const real = Math.min(MAX_TICK_REAL_MS, now - this.lastTick);
    this.lastTick = now;
    const virtual = real * this.speed + this.carry;
    const whole = Math.floor(virtual);
    this.carry = virtual - whole;
    if (whole > 0) {
      // Synchronous without async work; otherwise the pump waits for it (virtual time is frozen meanwhile).
      const done = this.sandbox.advanceAsync(whole).catch((err: unknown) => console.error('argo-sandbox engine:', err));
      if (this.sandbox.jobs.pending > 0) {
        this.busy = true;
        void done.finally(() => {
          this.busy = false;
          this.lastTick = performance.now();
          this.changed();
        });
      }
    }
    this.changed();
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
