/**
 * Plays a scenario's script against its world in virtual time: `next()` moves the clock to the next cue
 * and runs it; `playUntil(t)` runs every cue up to `t` and leaves the clock at `t`; `runDue()` runs the
 * cues the clock has already passed (the UI's real-time play). The CLI and the UI both drive this.
 */
import { buildWorld } from '../labs/world.js';
import type { LabWorld } from '../labs/world.js';
import { runAction } from '../labs/actions/index.js';
import type { FileMap } from '../labs/files.js';
import type { Cue, CueOutcome, Scenario } from './types.js';

export class ScenarioPlayer {
  private cursor = 0;
  readonly outcomes: CueOutcome[] = [];

  private constructor(
    readonly scenario: Scenario,
    readonly world: LabWorld,
    /** Virtual ms of the world's start: cue times count from here. */
    readonly start: number,
  ) {}

  static async start(scenario: Scenario, files: FileMap): Promise<ScenarioPlayer> {
    const world = await buildWorld(scenario.world, files, scenario.base);
    return new ScenarioPlayer(scenario, world, world.sandbox.now());
  }

  get sandbox(): LabWorld['sandbox'] {
    return this.world.sandbox;
  }

  /** Virtual ms since the start. */
  elapsed(): number {
    return this.sandbox.now() - this.start;
  }

  /** The next cue to run, if any. */
  peek(): Cue | undefined {
    return this.scenario.script[this.cursor];
  }

  get done(): boolean {
    return this.cursor >= this.scenario.script.length;
  }

  /** Index of the next cue (= how many have run). */
  get position(): number {
    return this.cursor;
  }

  private async run(cue: Cue): Promise<CueOutcome> {
    this.cursor++;
    const outcome: CueOutcome = { cue, t: this.elapsed() };
    if (cue.action) outcome.result = await runAction(this.world, cue.action);
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Moves the clock to the next cue's time (not back: a late cue runs now) and runs it. */
  async next(): Promise<CueOutcome | undefined> {
    const cue = this.peek();
    if (!cue) return undefined;
    const wait = cue.at - this.elapsed();
    if (wait > 0) await this.sandbox.advanceAsync(wait);
    return this.run(cue);
  }

  /** Runs every cue due at or before `t` (ms since the start), then moves the clock to `t`. */
  async playUntil(t: number): Promise<CueOutcome[]> {
    const out: CueOutcome[] = [];
    for (let cue = this.peek(); cue && cue.at <= t; cue = this.peek()) out.push((await this.next())!);
    const rest = t - this.elapsed();
    if (rest > 0) await this.sandbox.advanceAsync(rest);
    return out;
  }

  /** Runs the cues whose time the clock has already reached (it does not move the clock). */
  async runDue(): Promise<CueOutcome[]> {
    const out: CueOutcome[] = [];
    for (let cue = this.peek(); cue && cue.at <= this.elapsed(); cue = this.peek()) out.push(await this.run(cue));
    return out;
  }

  /** Every remaining cue, then the world settles (at most `settleMs` of virtual time). */
  async playToEnd(settleMs = 3_600_000): Promise<CueOutcome[]> {
    const out: CueOutcome[] = [];
    while (!this.done) out.push((await this.next())!);
    await this.sandbox.runUntilSettledAsync({ maxVirtualMs: settleMs });
    return out;
  }
}
