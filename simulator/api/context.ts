/** What every request handler shares: the sandbox, the pump, and per-request options. */
import type { Sandbox } from '../sandbox.js';

export interface ApiContext {
  sandbox: Sandbox;
  /** Run work that is due now (controllers react to a write before the response returns). */
  kick(): void;
  /** Called after every pump tick (virtual time moved); returns an unsubscribe function. */
  onTick(fn: () => void): () => void;
  /** Wall-clock ms between BOOKMARK events on watches that allow them. */
  bookmarkIntervalMs: number;
}

export function queryFlag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1' || v === '';
}

export function queryInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}
