/**
 * Saved worlds along the current journal, kept in memory with a cap. Scrubbing restores the nearest keyframe at or
 * before the target and replays from there instead of from the scenario's start.
 */
import type { Keyframe } from './types.js';

/** Over the cap, every other keyframe (never the first) is dropped, so coverage thins out evenly. */
export const MAX_KEYFRAMES = 48;
/** …and over this many stored objects + events summed over all keyframes (memory: a large world's frame is MBs). */
export const MAX_KEYFRAME_ITEMS = 300_000;

const weight = (f: Keyframe): number => f.snapshot.store.objects.length + f.snapshot.events.length;

export class Keyframes {
  private frames: Keyframe[] = [];

  get size(): number {
    return this.frames.length;
  }

  get last(): Keyframe | undefined {
    return this.frames[this.frames.length - 1];
  }

  clear(): void {
    this.frames = [];
  }

  /** Keep `frame` (a snapshot the caller no longer mutates), in history order. */
  add(frame: Keyframe): void {
    const last = this.last;
    if (last && (frame.steps < last.steps || frame.now < last.now)) {
      this.frames = this.frames.filter((f) => f.steps <= frame.steps && f.now <= frame.now);
    }
    if (last && last.steps === frame.steps && last.now === frame.now && last.cursor === frame.cursor) return;
    this.frames.push(frame);
    const over = () => this.frames.length > MAX_KEYFRAMES || (this.frames.length > 2 && this.frames.reduce((n, f) => n + weight(f), 0) > MAX_KEYFRAME_ITEMS);
    while (over()) {
      const n = this.frames.length;
      this.frames = this.frames.filter((_, i) => i === 0 || i % 2 === 1 || i === n - 1);
      if (this.frames.length === n) break;
    }
  }

  /** The latest keyframe at or before virtual time `t` (its applied entries all ran by then). */
  nearest(t: number): Keyframe | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) if (this.frames[i]!.now <= t) return this.frames[i];
    return undefined;
  }

  /** A new action at (`now`, `steps`, `cursor`): keyframes past that point belonged to the discarded future. */
  truncate(now: number, steps: number, cursor: number): void {
    this.frames = this.frames.filter((f) => f.now <= now && f.steps <= steps && f.cursor <= cursor);
  }
}
