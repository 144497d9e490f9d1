/** `advance` and `settle`: move virtual time (awaiting containers that run a real shell or CPython). */
import { parseDuration } from '../../core/clock.js';
import type { LabWorld } from '../world.js';
import type { ActionResult } from './types.js';

/** Settle's default limit, like the CLI's `--until-settled`. */
export const DEFAULT_SETTLE_MS = 3_600_000;

export async function advanceAction(world: LabWorld, duration: string): Promise<ActionResult> {
  await world.sandbox.advanceAsync(parseDuration(duration));
  return { action: `advance ${duration}`, ok: true };
}

export async function settleAction(world: LabWorld, spec: { maxVirtual?: string }): Promise<ActionResult> {
  const max = spec.maxVirtual !== undefined ? parseDuration(spec.maxVirtual) : DEFAULT_SETTLE_MS;
  const r = await world.sandbox.runUntilSettledAsync({ maxVirtualMs: max });
  const action = `settle${spec.maxVirtual ? ` (at most ${spec.maxVirtual})` : ''}`;
  // Not settling is no error: the world is as it is at the limit, and the checks say what holds.
  return { action, ok: true, note: r.settled ? `settled after ${r.virtualMs / 1000}s` : `not settled after ${r.virtualMs / 1000}s (${r.reason})` };
}
