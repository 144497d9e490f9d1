/**
 * Deterministic time travel. A world is its load input plus the journal of actions, each at the exact point it ran
 * (virtual time + scheduler dispatch count). Going back to T = the nearest keyframe at or before T (or a fresh world),
 * replaying the journal entries due up to T, then advancing to T. Acting after going back discards the journal's
 * future, like an editor's undo history; moving forward without acting replays the recorded future.
 */
import type { InspectHook } from '../../../simulator/core/controller.js';
import type { JournalEntry } from '../features/types.js';
import { Keyframes } from './keyframes.js';
import { createWorld, restoreWorld, World } from './world.js';
import type { LoadInput, SessionState, TimelineEntry, TimelineView } from './types.js';

/** Runs one journaled action in `world` (a promise for async actions, e.g. git writes). */
export type RunEntry = (world: World, entry: JournalEntry) => unknown;
/** Applies the scenario to a fresh world and returns what the load reports (a promise when it writes git). */
export type ApplyInput<R> = (world: World, input: LoadInput) => R | Promise<R>;

/** A keyframe after this much virtual time… */
const KEYFRAME_VIRTUAL_MS = 30_000;
/** …or after this many actions… */
const KEYFRAME_ACTIONS = 4;
/** …but never more often than this much real time, so 1000× play is not spent copying the world. */
const KEYFRAME_REAL_MS = 1_000;

export interface TimelineDeps<R> {
  apply: ApplyInput<R>;
  run: RunEntry;
  inspect?: () => InspectHook | undefined;
  /** Real time in ms (performance.now in the worker). */
  realNow: () => number;
}

export class Timeline<R> {
  world!: World;
  input!: LoadInput;
  entries: TimelineEntry[] = [];
  /** Entries applied in `world`; the rest lie ahead of `world.now`. */
  cursor = 0;
  horizon = 0;
  replaying = false;
  readonly keyframes = new Keyframes();
  private lastFrameReal = -Infinity;
  private actionsSinceFrame = 0;

  constructor(private readonly deps: TimelineDeps<R>) {}

  /** A new world from `input`, with an empty journal (a promise when the input's setup is async). */
  load(input: LoadInput): R | Promise<R> {
    const world = createWorld(input, this.deps.inspect?.());
    const result = this.deps.apply(world, input);
    const adopt = (r: R): R => {
      this.world = world;
      this.input = input;
      this.entries = [];
      this.cursor = 0;
      this.horizon = world.now;
      this.keyframes.clear();
      this.keyframe(true);
      return r;
    };
    return result instanceof Promise ? result.then(adopt) : adopt(result);
  }

  /** Journal an action about to run in the current world; a future left by a scrub back is discarded. */
  record(feature: string, method: string, args: unknown[]): TimelineEntry {
    const world = this.world;
    if (this.cursor < this.entries.length) {
      this.entries.length = this.cursor;
      this.keyframes.truncate(world.now, world.steps, this.cursor);
      this.horizon = world.now;
    }
    const entry: TimelineEntry = { t: world.now, feature, method, args: structuredClone(args), steps: world.steps, idle: world.sandbox.jobs.pending === 0 };
    this.entries.push(entry);
    this.cursor++;
    this.actionsSinceFrame++;
    return entry;
  }

  /** Take back the last entry (its action threw before changing the world). */
  unrecord(entry: TimelineEntry): void {
    if (this.entries[this.entries.length - 1] !== entry || this.cursor !== this.entries.length) return;
    this.entries.pop();
    this.cursor--;
    this.actionsSinceFrame = Math.max(0, this.actionsSinceFrame - 1);
  }

  /** Journal entries wait ahead of the current time (the world was scrubbed back). */
  get hasFuture(): boolean {
    return this.cursor < this.entries.length;
  }

  /** Move the current world forward to virtual time `until`, replaying the recorded future on the way. */
  async advanceTo(until: number): Promise<void> {
    if (this.hasFuture) {
      this.replaying = true;
      try {
        this.cursor = await this.drive(this.world, this.cursor, until);
      } finally {
        this.replaying = false;
      }
    } else {
      // Nothing recorded ahead: actions may still arrive while async work is awaited, at their own exact points.
      await this.world.sandbox.advanceAsync(Math.max(0, until - this.world.now));
    }
    this.moved();
  }

  /** After a single Step: run the entries recorded at exactly this point (never stepping further for them). */
  async runDue(): Promise<void> {
    const world = this.world;
    while (this.cursor < this.entries.length) {
      const e = this.entries[this.cursor]!;
      if (e.steps > world.steps || e.t > world.now) break;
      await this.replayEntry(world, e);
      this.cursor++;
    }
    this.moved();
  }

  /** Rebuild the world at virtual time `t` (clamped to the start); queries keep the old world until it is ready. */
  async seek(t: number): Promise<void> {
    const target = Math.max(this.input.startTime, Math.round(t));
    const current = this.world;
    const frame = this.keyframes.nearest(target);
    this.replaying = true;
    try {
      if (target >= current.now && (!frame || frame.now <= current.now)) {
        this.cursor = await this.drive(current, this.cursor, target);
        this.moved();
        return;
      }
      let world: World;
      let cursor: number;
      if (frame) {
        world = restoreWorld(this.input, frame, this.deps.inspect?.());
        cursor = frame.cursor;
      } else {
        world = createWorld(this.input, this.deps.inspect?.());
        await this.deps.apply(world, this.input);
        cursor = 0;
      }
      cursor = await this.drive(world, cursor, target);
      this.world = world;
      this.cursor = cursor;
      this.moved();
    } finally {
      this.replaying = false;
    }
  }

  /** Where the session is, for persistence (journal only: the world is rebuilt by replay). */
  session(): SessionState {
    const world = this.world;
    return { version: 1, input: { ...this.input }, entries: structuredClone(this.entries), now: world.now, horizon: Math.max(this.horizon, world.now) };
  }

  /** The current world as a saved frame, JSON text made here (undefined while async work is pending). */
  frameJson(): string | undefined {
    const world = this.world;
    if (world.sandbox.jobs.pending > 0) return undefined;
    const key = frameKey(this.input, this.entries, this.cursor);
    return JSON.stringify({ now: world.now, steps: world.steps, cursor: this.cursor, key, snapshot: world.sandbox.snapshot() });
  }

  /** Rebuild a saved session: from its saved frame when that belongs to this journal, else load its input and replay. */
  async restore(session: SessionState): Promise<R | undefined> {
    const frame = session.frame;
    if (frame && frame.now <= session.now && frame.cursor <= session.entries.length && frame.key === frameKey(session.input, session.entries, frame.cursor)) {
      let world: World | undefined;
      try {
        world = restoreWorld(session.input, frame, this.deps.inspect?.());
      } catch {
        // A frame this engine cannot restore (saved by another version): replay instead.
      }
      if (world) {
        this.input = { ...session.input };
        this.entries = structuredClone(session.entries);
        this.horizon = Math.max(session.horizon, session.now);
        this.keyframes.clear();
        this.keyframes.add(frame);
        this.cursor = await this.drive(world, frame.cursor, session.now);
        this.world = world;
        if (world.now !== frame.now) this.keyframe(true);
        return undefined;
      }
    }
    const result = await this.load(session.input);
    this.entries = structuredClone(session.entries);
    this.horizon = Math.max(session.horizon, session.now);
    await this.seek(session.now);
    return result;
  }

  view(marks: (e: TimelineEntry) => string): TimelineView {
    return {
      start: this.input.startTime,
      now: this.world.now,
      horizon: Math.max(this.horizon, this.world.now),
      marks: this.entries.map((e) => ({ t: e.t, label: marks(e) })),
      cursor: this.cursor,
      replaying: this.replaying,
    };
  }

  /** Take a keyframe if enough happened since the last one (or always, with `force`). */
  keyframe(force = false): void {
    const world = this.world;
    if (world.sandbox.jobs.pending > 0) return;
    const last = this.keyframes.last;
    const real = this.deps.realNow();
    if (!force) {
      const due = !last || world.now - last.now >= KEYFRAME_VIRTUAL_MS || this.actionsSinceFrame >= KEYFRAME_ACTIONS;
      if (!due || real - this.lastFrameReal < KEYFRAME_REAL_MS) return;
    }
    this.keyframes.add({ now: world.now, steps: world.steps, cursor: this.cursor, snapshot: structuredClone(world.sandbox.snapshot()) });
    this.lastFrameReal = real;
    this.actionsSinceFrame = 0;
  }

  /** The current world moved forward (Step, play): extend the timeline, maybe take a keyframe. */
  moved(): void {
    this.horizon = Math.max(this.horizon, this.world.now);
    this.keyframe();
  }

  /** An action that failed when it first ran fails the same way again: the replay goes on, as the session did. */
  private async replayEntry(world: World, entry: TimelineEntry): Promise<void> {
    try {
      await this.deps.run(world, entry);
    } catch {
      // Same inputs, same error: already shown to the learner when it happened.
    }
  }

  /** Run `world` to `until`, applying entries from `cursor` due by then at their exact points. Returns the new cursor. */
  private async drive(world: World, cursor: number, until: number): Promise<number> {
    const sandbox = world.sandbox;
    while (cursor < this.entries.length && this.entries[cursor]!.t <= until) {
      const e = this.entries[cursor]!;
      await reach(world, e);
      await this.replayEntry(world, e);
      cursor++;
    }
    await sandbox.advanceAsync(Math.max(0, until - world.now));
    return cursor;
  }
}

/** Bring `world` to the exact point `entry` ran at: its dispatch count, its time, its async work state. */
async function reach(world: World, entry: TimelineEntry): Promise<void> {
  const sandbox = world.sandbox;
  while (world.steps < entry.steps) {
    if (sandbox.jobs.pending > 0) await sandbox.jobs.drain();
    const next = sandbox.scheduler.nextAt();
    // A world that diverged from the journal still never runs work from after the entry's time before it.
    if (next === undefined || next > entry.t) break;
    sandbox.scheduler.step();
  }
  if (entry.idle && sandbox.jobs.pending > 0) await sandbox.jobs.drain();
  // Everything due by `t` has run (or the original stopped between items at `t`): only the clock moves.
  if (world.now < entry.t) sandbox.clock.set(entry.t);
}

/** FNV-1a over the load input and the applied entries: equal journals up to `cursor` give equal keys. */
export function frameKey(input: LoadInput, entries: TimelineEntry[], cursor: number): string {
  const text = JSON.stringify([input, entries.slice(0, cursor)]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${h.toString(36)}`;
}
