/** Evaluate a lab check against a world → `{ name, ok, reason }`. Checks only read; they never change the world. */
import type { LabWorld } from '../world.js';
import type { Check, CheckResult } from '../types.js';
import { checkCount, checkObject } from './object.js';
import type { Verdict } from './object.js';
import { checkApplication, checkRbac, checkSync } from './argocd.js';
import { checkWorkflow } from './workflow.js';
import { checkEvent } from './event.js';
import { checkGit } from './git.js';

export { readField, mismatch, show } from './values.js';

function verdict(world: Pick<LabWorld, 'sandbox' | 'initialCommits'>, c: Check): Verdict {
  const sb = world.sandbox;
  if ('object' in c) return checkObject(sb, c.object);
  if ('application' in c) return checkApplication(sb, c.application);
  if ('workflow' in c) return checkWorkflow(sb, c.workflow);
  if ('event' in c) return checkEvent(sb, c.event);
  if ('sync' in c) return checkSync(sb, c.sync);
  if ('git' in c) return checkGit(sb, world.initialCommits, c.git);
  if ('rbac' in c) return checkRbac(sb, c.rbac);
  return checkCount(sb, c.count);
}

export function evaluateCheck(world: Pick<LabWorld, 'sandbox' | 'initialCommits'>, c: Check): CheckResult {
  try {
    return { name: c.name, ...verdict(world, c) };
  } catch (err) {
    return { name: c.name, ok: false, reason: `check failed to run: ${(err as Error).message}` };
  }
}

export function evaluateChecks(world: Pick<LabWorld, 'sandbox' | 'initialCommits'>, checks: readonly Check[]): CheckResult[] {
  return checks.map((c) => evaluateCheck(world, c));
}
