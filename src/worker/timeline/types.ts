/** The data a timeline is made of: what the world was loaded from, the journal, keyframes and a saved session. */
import type { SandboxSnapshot } from '../../../simulator/sandbox.js';
import type { JournalEntry } from '../features/types.js';

/** Everything a world is rebuilt from: the scenario text and the world's seed and start time. */
export interface LoadInput {
  text: string;
  file: string;
  seed: number;
  startTime: number;
}

/**
 * A journaled action and exactly where in the world's history it ran: after `steps` scheduler items at virtual
 * time `t`, with the containers' async work finished (`idle`) or still pending. Replay reaches that same point.
 */
export interface TimelineEntry extends JournalEntry {
  steps: number;
  idle: boolean;
}

/** A saved world part-way through the journal: restoring it skips replaying everything before. */
export interface Keyframe {
  now: number;
  steps: number;
  /** Journal entries already applied in this world. */
  cursor: number;
  snapshot: SandboxSnapshot;
  /** Saved frames only: fingerprint of the load input + the entries applied, so a frame never joins another journal. */
  key?: string;
}

/** What persistence stores: the world is rebuilt from it by deterministic replay. */
export interface SessionState {
  version: 1;
  input: LoadInput;
  entries: TimelineEntry[];
  /** Virtual time the session was at. */
  now: number;
  /** Latest virtual time reached on this journal (the timeline's end). */
  horizon: number;
  /**
   * The world itself at `now` (IndexedDB saves only): restoring it is ~50× faster than replaying the journal.
   * Export files and share links leave it out and rebuild by replay.
   */
  frame?: Keyframe;
}

/** A journaled action as the timeline shows it. */
export interface TimelineMark {
  t: number;
  label: string;
}

export interface TimelineView {
  start: number;
  now: number;
  horizon: number;
  marks: TimelineMark[];
  /** Journal entries applied in the current world (the rest are ahead of `now`). */
  cursor: number;
  /** A scrub is rebuilding the world. */
  replaying: boolean;
}
