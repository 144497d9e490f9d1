/** Status conditions with the API's transition rules: lastTransitionTime moves only when `status` changes. */

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
}

/** The condition of `type` in a status' `conditions` (an indexed loop, not `find`: watch mappers call this per pod write). */
export function getCondition(conditions: unknown, type: string): Condition | undefined {
  if (!Array.isArray(conditions)) return undefined;
  const list = conditions as (Condition | null)[];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c && c.type === type) return c;
  }
  return undefined;
}

/**
 * Set (or replace) a condition. With `withUpdateTime` (Deployments) `lastUpdateTime` is refreshed on any change;
 * the transition time is kept when the status did not change, like `SetDeploymentCondition`.
 */
export function setCondition(conditions: Condition[] | undefined, next: Condition, nowIso: string, withUpdateTime = false): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const cur = i >= 0 ? list[i] : undefined;
  if (cur && cur.status === next.status && cur.reason === next.reason && cur.message === next.message) return list;
  const c: Condition = { type: next.type, status: next.status };
  if (withUpdateTime) c.lastUpdateTime = nowIso;
  c.lastTransitionTime = cur && cur.status === next.status ? (cur.lastTransitionTime ?? nowIso) : nowIso;
  if (next.reason !== undefined) c.reason = next.reason;
  if (next.message !== undefined) c.message = next.message;
  if (next.lastProbeTime !== undefined) c.lastProbeTime = next.lastProbeTime;
  if (i >= 0) list[i] = c;
  else list.push(c);
  return list;
}
