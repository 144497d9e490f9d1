/**
 * Run a lab solution's or a scenario script's actions against a world. `expectError` turns an action that
 * is meant to fail (an RBAC denial to show) into a success when its error matches.
 */
import type { LabWorld } from '../world.js';
import type { Action, ActionItem } from '../types.js';
import { applyAction, deleteAction } from './cluster.js';
import { commitAction } from './git.js';
import { argocdAction } from './argocd.js';
import { workflowAction } from './workflow.js';
import { advanceAction, settleAction } from './time.js';
import type { ActionResult } from './types.js';

export type { ActionResult } from './types.js';
export { DEFAULT_SETTLE_MS } from './time.js';

async function run(world: LabWorld, a: Action): Promise<ActionResult> {
  if ('apply' in a) return applyAction(world, a.apply);
  if ('delete' in a) return deleteAction(world, a.delete);
  if ('commit' in a) return commitAction(world, a.commit);
  if ('argocd' in a) return argocdAction(world, a.argocd);
  if ('workflow' in a) return workflowAction(world, a.workflow);
  if ('advance' in a) return advanceAction(world, a.advance);
  return settleAction(world, a.settle);
}

export async function runAction(world: LabWorld, item: ActionItem): Promise<ActionResult> {
  let r: ActionResult;
  try {
    r = await run(world, item);
  } catch (err) {
    // An engine error is reported as the action's, so one bad action does not take the lab down.
    r = { action: Object.keys(item).find((k) => k !== 'expectError') ?? 'action', ok: false, error: (err as Error).message };
  }
  if (item.expectError === undefined) return r;
  if (r.ok) return { ...r, ok: false, error: `expected an error matching /${item.expectError}/, but it succeeded` };
  if (!new RegExp(item.expectError).test(r.error ?? '')) return { ...r, error: `expected an error matching /${item.expectError}/, got: ${r.error ?? ''}` };
  return { ...r, ok: true, note: `failed as expected: ${r.error ?? ''}` };
}

/** Runs actions in order; stops at the first failure (later actions would act on a world that is not as planned). */
export async function runActions(world: LabWorld, items: readonly ActionItem[]): Promise<ActionResult[]> {
  const out: ActionResult[] = [];
  for (const item of items) {
    const r = await runAction(world, item);
    out.push(r);
    if (!r.ok) break;
  }
  return out;
}
