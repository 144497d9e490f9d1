/**
 * A sandbox plus the number of scheduler items it has dispatched: virtual time alone cannot say where an action ran
 * (Step stops between two items due at the same millisecond), the dispatch count can.
 */
import { createSandbox } from '../../../simulator/index.js';
import type { Sandbox, SandboxSnapshot } from '../../../simulator/sandbox.js';
import type { InspectHook } from '../../../simulator/core/controller.js';
import type { LoadInput } from './types.js';

export class World {
  /** Scheduler items dispatched since the world began (carried over from a keyframe). */
  steps: number;

  constructor(
    readonly sandbox: Sandbox,
    steps = 0,
  ) {
    this.steps = steps;
    // Every path that runs work (step, advanceTo, runUntilSettled) goes through the scheduler's own `step`.
    const scheduler = sandbox.scheduler;
    const step = scheduler.step.bind(scheduler);
    scheduler.step = () => {
      const ran = step();
      if (ran) this.steps++;
      return ran;
    };
  }

  get now(): number {
    return this.sandbox.now();
  }
}

/** A fresh world for `input`, its installed controllers started (the scenario itself is applied by the caller). */
export function createWorld(input: LoadInput, inspect?: InspectHook): World {
  const opts = { seed: input.seed, startTime: input.startTime };
  const world = new World(createSandbox(inspect ? { ...opts, inspect } : opts));
  // Argo CD's and Argo Workflows' controllers start up first (their work due at time zero), so Step at
  // T+0 walks through the learner's own objects, not the installation's.
  world.sandbox.runUntilSettled({ maxVirtualMs: 0 });
  return world;
}

/** A world rebuilt from a keyframe (same controllers installed, then the saved state restored into them). */
export function restoreWorld(input: LoadInput, frame: { steps: number; snapshot: SandboxSnapshot }, inspect?: InspectHook): World {
  const opts = { seed: input.seed, startTime: input.startTime };
  const sandbox = createSandbox(inspect ? { ...opts, inspect } : opts);
  // The keyframe stays reusable: restore may keep references to what it is given.
  sandbox.restore(structuredClone(frame.snapshot));
  return new World(sandbox, frame.steps);
}
