/**
 * One learner's run of a lab: its world, the step checks evaluated against it, solutions applied step by
 * step. Tests, the CLI (`lab check`) and the UI's worker all drive a lab through this.
 */
import type { Check, CheckResult, Lab, LabStep } from './types.js';
import type { FileMap } from './files.js';
import { buildWorld } from './world.js';
import type { LabWorld } from './world.js';
import { evaluateChecks } from './checks/index.js';
import { runActions } from './actions/index.js';
import type { ActionResult } from './actions/index.js';

export interface StepStatus {
  id: string;
  title: string;
  checks: CheckResult[];
  done: boolean;
}

export class LabSession {
  private constructor(
    readonly lab: Lab,
    readonly world: LabWorld,
  ) {}

  /** A fresh world for `lab` (whose files resolve under `root`). */
  static async start(lab: Lab, files: FileMap, root: string): Promise<LabSession> {
    return new LabSession(lab, await buildWorld(lab.scenario, files, root));
  }

  get sandbox(): LabWorld['sandbox'] {
    return this.world.sandbox;
  }

  step(index: number): LabStep {
    const s = this.lab.steps[index];
    if (!s) throw new Error(`lab ${this.lab.id} has no step ${index + 1} (it has ${this.lab.steps.length})`);
    return s;
  }

  evaluate(index: number): CheckResult[] {
    return evaluateChecks(this.world, this.step(index).checks);
  }

  /** Every step's checks, as the lab runner shows them live. */
  status(): StepStatus[] {
    return this.lab.steps.map((s, i) => {
      const checks = this.evaluate(i);
      return { id: s.id, title: s.title, checks, done: checks.every((c) => c.ok) };
    });
  }

  /**
   * The checks that must hold once step `index` is done: its own and every earlier step's back to the
   * latest step that `resets` (a reset step starts over, so what came before it need not hold).
   */
  cumulativeChecks(index: number): { step: number; check: Check }[] {
    let from = 0;
    for (let i = 0; i <= index; i++) if (this.step(i).resets) from = i;
    const out: { step: number; check: Check }[] = [];
    for (let i = from; i <= index; i++) for (const check of this.step(i).checks) out.push({ step: i, check });
    return out;
  }

  /** Runs step `index`'s reference solution (stops at the first failing action). */
  async applySolution(index: number): Promise<ActionResult[]> {
    return runActions(this.world, this.step(index).solution ?? []);
  }

  /** Runs the solutions of steps 0..index in order; stops at the first failing action. */
  async solveThrough(index: number): Promise<ActionResult[]> {
    const out: ActionResult[] = [];
    for (let i = 0; i <= index; i++) {
      const r = await this.applySolution(i);
      out.push(...r);
      if (r.some((x) => !x.ok)) break;
    }
    return out;
  }
}
