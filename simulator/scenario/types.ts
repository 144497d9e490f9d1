/** A scenario: an initial world plus a timed script of actions and callouts (instructor demos). */
import type { ActionItem, WorldSpec } from '../labs/types.js';
import type { ActionResult } from '../labs/actions/index.js';

export interface Cue {
  /** Position in the script (0-based). */
  index: number;
  /** Virtual ms after the world's start. */
  at: number;
  /** As written (`90s`). */
  atText: string;
  callout?: string;
  action?: ActionItem;
}

export interface Scenario {
  /** File name without `.yaml` (`sync-waves`). */
  name: string;
  title: string;
  description?: string;
  world: WorldSpec;
  /** Cues sorted by time (stable: equal times keep their file order). */
  script: Cue[];
  /** Folder relative world/action paths resolve against (`scenarios/<name>`). */
  base: string;
  /** True for a plain multi-document manifest file (no `kind: Scenario`): applied at time zero, no script. */
  plain: boolean;
}

export interface CueOutcome {
  cue: Cue;
  /** Virtual ms after the start at which it ran. */
  t: number;
  result?: ActionResult;
}
