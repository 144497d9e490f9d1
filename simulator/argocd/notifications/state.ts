/**
 * The notified state kept in the Application annotation `notified.notifications.argoproj.io`: a JSON map
 * from `[oncePer:]trigger:conditionKey:service:recipient` to the unix time it was sent. A condition
 * that turns false clears its entry (so it can fire again) unless it is `oncePer`; at most 100 entries,
 * oldest dropped first (notifications-engine controller/state.go).
 */
import { goJSON } from '../../expr/index.js';
import type { Destination } from './subscriptions.js';
import type { ConditionResult } from './triggers.js';

export const NOTIFIED_HISTORY_MAX = 100;

export type NotificationsState = Record<string, number>;

export function parseState(annotation: string | undefined): NotificationsState {
  if (!annotation) return {};
  try {
    const v: unknown = JSON.parse(annotation);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: NotificationsState = {};
    for (const [k, n] of Object.entries(v)) if (typeof n === 'number') out[k] = n;
    return out;
  } catch {
    return {};
  }
}

export function stateKey(trigger: string, result: ConditionResult, dest: Destination): string {
  const key = `${trigger}:${result.key}:${dest.service}:${dest.recipient}`;
  return result.oncePer ? `${result.oncePer}:${key}` : key;
}

/** SetAlreadyNotified: true when the state changed (for `notified`, when a notification must be sent). */
export function setAlreadyNotified(
  state: NotificationsState,
  trigger: string,
  result: ConditionResult,
  dest: Destination,
  notified: boolean,
  nowSec: number,
): boolean {
  const key = stateKey(trigger, result, dest);
  const already = Object.prototype.hasOwnProperty.call(state, key);
  if (already === notified) return false;
  if (notified) {
    state[key] = nowSec;
  } else {
    if (result.oncePer) return false;
    delete state[key];
  }
  return true;
}

/** Persist: truncated, keys sorted (Go's json.Marshal sorts map keys); undefined when empty. */
export function serializeState(state: NotificationsState): string | undefined {
  const keys = Object.keys(state);
  if (keys.length === 0) return undefined;
  const drop = keys.length - NOTIFIED_HISTORY_MAX;
  if (drop > 0) {
    const oldest = [...keys].sort((a, b) => state[a] - state[b] || (a < b ? -1 : 1)).slice(0, drop);
    for (const k of oldest) delete state[k];
  }
  const out: NotificationsState = {};
  for (const k of Object.keys(state).sort()) out[k] = state[k];
  // Go's json.Marshal: sorted keys, HTML-safe escapes.
  return goJSON(out);
}
